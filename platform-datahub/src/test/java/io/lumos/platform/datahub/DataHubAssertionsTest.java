package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import com.datahub.util.RecordUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linkedin.assertion.AssertionInfo;
import com.linkedin.assertion.AssertionResultType;
import com.linkedin.assertion.AssertionRunEvent;
import com.linkedin.assertion.AssertionStdOperator;
import com.linkedin.assertion.AssertionType;
import com.linkedin.assertion.DatasetAssertionScope;
import com.linkedin.mxe.MetadataChangeProposal;
import io.lumos.domain.DatasetId;
import io.lumos.domain.assertion.AssertionKind;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.assertion.AssertionStatus;
import io.lumos.domain.diff.Severity;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Assertion results reach DataHub as assertion entities with run events, read with DataHub's own classes. */
class DataHubAssertionsTest extends FakeGmsTest {
    private static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");

    private static AssertionResult notNull(AssertionStatus status, Instant at) {
        return new AssertionResult(
                ORDERS,
                "not_null:amount",
                AssertionKind.NOT_NULL,
                status,
                Severity.BREAKING,
                "not nullable",
                status == AssertionStatus.PASS ? "not nullable" : "nullable",
                status == AssertionStatus.PASS ? "field amount is declared not null" : "field amount is nullable",
                at,
                "ingest");
    }

    private static AssertionResult rows(Instant at) {
        return new AssertionResult(
                ORDERS,
                "row_count",
                AssertionKind.ROW_COUNT,
                AssertionStatus.PASS,
                Severity.BREAKING,
                "1 <= rows",
                "40",
                "40 row(s), within 1 <= rows",
                at,
                "ingest");
    }

    @Test
    void eachAssertionIsOneEntityAndEachResultARunEvent() throws Exception {
        gms.reset();
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            assertThat(a.can(Capability.ASSERTION_EVENTS)).isTrue();
            assertThat(a.can(Capability.ASSERTIONS))
                    .as("DataHub results are not read back")
                    .isFalse();
            a.writeAssertionResults(List.of(notNull(AssertionStatus.PASS, T1), rows(T1)));
            a.writeAssertionResults(
                    List.of(notNull(AssertionStatus.FAIL, T1.plusSeconds(3600)), rows(T1.plusSeconds(3600))));
            a.flush();
        }
        assertThat(gms.problems).isEmpty();
        Map<String, Map<String, String>> assertions = gms.others();
        assertThat(assertions).hasSize(2);
        String notNullUrn = AssertionMapping.assertionUrn(notNull(AssertionStatus.PASS, T1));
        assertThat(notNullUrn).startsWith("urn:li:assertion:");
        AssertionInfo info = RecordUtils.toRecordTemplate(
                AssertionInfo.class, assertions.get(notNullUrn).get("assertionInfo"));
        assertThat(info.getType()).isEqualTo(AssertionType.DATASET);
        assertThat(info.getDatasetAssertion().getDataset().toString())
                .isEqualTo("urn:li:dataset:(urn:li:dataPlatform:postgres,shop.public.orders,PROD)");
        assertThat(info.getDatasetAssertion().getScope()).isEqualTo(DatasetAssertionScope.DATASET_COLUMN);
        assertThat(info.getDatasetAssertion().getOperator()).isEqualTo(AssertionStdOperator.NOT_NULL);
        assertThat(info.getDatasetAssertion().getFields().get(0).toString())
                .isEqualTo(
                        "urn:li:schemaField:(urn:li:dataset:(urn:li:dataPlatform:postgres,shop.public.orders,PROD),amount)");
        List<String> events = gms.timeseries(notNullUrn, "assertionRunEvent");
        assertThat(events).hasSize(2);
        List<AssertionResultType> types = new ArrayList<>();
        for (String e : events) {
            AssertionRunEvent event = RecordUtils.toRecordTemplate(AssertionRunEvent.class, e);
            assertThat(event.getAssertionUrn().toString()).isEqualTo(notNullUrn);
            assertThat(event.getAsserteeUrn().toString()).contains("shop.public.orders");
            types.add(event.getResult().getType());
        }
        assertThat(types).containsExactly(AssertionResultType.SUCCESS, AssertionResultType.FAILURE);
        AssertionRunEvent last = RecordUtils.toRecordTemplate(AssertionRunEvent.class, events.get(1));
        assertThat(last.getResult().getNativeResults()).containsEntry("reason", "field amount is nullable");
        assertThat(last.getTimestampMillis()).isEqualTo(T1.plusSeconds(3600).toEpochMilli());
        // the dataset listing does not see assertion entities
        assertThat(gms.entityCount()).isZero();
    }

    @Test
    void theFileTransportWritesTheSameProposals() throws Exception {
        try (CatalogAdapter a = Adapters.open(dir, Map.of("transport", "file", "file", "out/mcps.json"))) {
            a.writeAssertionResults(List.of(rows(T1)));
            a.flush();
        }
        JsonNode list = new ObjectMapper().readTree(dir.resolve("out/mcps.json").toFile());
        assertThat(list).hasSize(2);
        List<String> aspects = new ArrayList<>();
        for (JsonNode n : list) {
            MetadataChangeProposal mcp = RecordUtils.toRecordTemplate(MetadataChangeProposal.class, n.toString());
            assertThat(mcp.getEntityType()).isEqualTo("assertion");
            aspects.add(mcp.getAspectName());
            if (mcp.getAspectName().equals("assertionRunEvent")) {
                AssertionRunEvent e = RecordUtils.toRecordTemplate(
                        AssertionRunEvent.class, mcp.getAspect().getValue().asString(StandardCharsets.UTF_8));
                assertThat(e.getResult().getRowCount()).isEqualTo(40L);
            }
        }
        assertThat(aspects).containsExactly("assertionInfo", "assertionRunEvent");
    }

    @Test
    void usageIsReadFromDataHubsDatasetUsageStatistics() throws Exception {
        gms.reset();
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            a.writeDatasets(List.of(io.lumos.domain.Dataset.builder(ORDERS).build()));
            a.flush();
            String urn = ORDERS.urn();
            gms.addTimeseries(
                    urn,
                    "datasetUsageStatistics",
                    "{\"timestampMillis\":" + T1.toEpochMilli()
                            + ",\"eventGranularity\":{\"unit\":\"DAY\",\"multiple\":1},"
                            + "\"uniqueUserCount\":3,\"totalSqlQueries\":42}");
            gms.addTimeseries(
                    urn,
                    "datasetUsageStatistics",
                    "{\"timestampMillis\":" + T1.plusSeconds(86_400).toEpochMilli()
                            + ",\"eventGranularity\":{\"unit\":\"DAY\",\"multiple\":1},"
                            + "\"uniqueUserCount\":1,\"totalSqlQueries\":7}");
            assertThat(a.can(Capability.USAGE_READ)).isTrue();
            List<io.lumos.domain.usage.UsageSample> usage = a.usage();
            assertThat(usage).hasSize(2);
            assertThat(usage.get(0).observedAt()).isEqualTo(T1);
            assertThat(usage.get(0).reads()).isEqualTo(42);
            assertThat(usage.get(0).counter(io.lumos.domain.usage.UsageSample.UNIQUE_USERS))
                    .isEqualTo(3L);
            assertThat(usage.get(1).reads()).isEqualTo(7);
            assertThat(usage)
                    .allMatch(u -> u.origin().equals("datahub") && u.dataset().equals(ORDERS));
        }
        assertThat(gms.problems).isEmpty();
    }
}
