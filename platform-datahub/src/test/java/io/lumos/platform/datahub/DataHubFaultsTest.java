package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.EmitReport;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flaky GMS: 20% of writes answer 500, 429 or drop the connection unanswered (nothing stored).
 * Every aspect of 1,000 datasets must land exactly once, or be in the dead-letter file that
 * replay sends; nothing is lost and the report says what happened.
 */
class DataHubFaultsTest extends FakeGmsTest {
    private static final int DATASETS = 1000;
    private static final Set<String> ASPECTS =
            Set.of("datasetProperties", "schemaMetadata", "status", "subTypes", "browsePathsV2");

    @BeforeEach
    void flaky() {
        gms.record = false;
        gms.faultRate = 0.2;
    }

    private static List<Dataset> datasets() {
        return IntStream.range(0, DATASETS)
                .mapToObj(i -> Dataset.builder(DatasetId.of("postgres", "shop.public.table_" + i))
                        .fields(List.of(
                                Field.of("id", DataType.Primitive.INT64, false),
                                Field.of("name", DataType.Primitive.STRING, true)))
                        .build())
                .toList();
    }

    private static void assertEveryAspectLandedOnce() {
        assertThat(gms.entityCount()).isEqualTo(DATASETS);
        for (int i = 0; i < DATASETS; i++) {
            String urn = DatasetId.of("postgres", "shop.public.table_" + i).urn();
            assertThat(gms.aspectsOf(urn).keySet()).as(urn).isEqualTo(ASPECTS);
        }
        assertThat(gms.landed).hasSize(DATASETS * ASPECTS.size());
        // one distinct value per (urn, aspect): retries re-sent the same bytes
        assertThat(gms.landed.values()).allSatisfy(values -> assertThat(values).hasSize(1));
        assertThat(gms.problems).isEmpty();
    }

    @Test
    void retriesLandEverythingExactlyOnce() {
        EmitReport report;
        try (CatalogAdapter a =
                Adapters.open(dir, Adapters.rest(gms, "retries", 10, "batch_size", 20, "retry_backoff", "5ms"))) {
            a.writeDatasets(datasets());
            a.flush();
            report = a.report();
        }
        assertThat(gms.faultsServed.get()).isGreaterThan(10);
        assertThat(report.sent()).isEqualTo(DATASETS * ASPECTS.size());
        // every fault costs a retry
        assertThat(report.retried()).isGreaterThanOrEqualTo(gms.faultsServed.get());
        assertThat(report.failed()).isZero();
        assertThat(report.deadLetterFile()).isNull();
        assertEveryAspectLandedOnce();
    }

    @Test
    void whatDoesNotLandGoesToTheDeadLetterFileAndReplaySendsIt() {
        EmitReport report;
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms, "retries", 0, "batch_size", 20))) {
            a.writeDatasets(datasets());
            a.flush();
            report = a.report();
        }
        assertThat(report.failed()).isPositive();
        assertThat(report.sent() + report.failed()).isEqualTo(DATASETS * ASPECTS.size());
        assertThat(report.deadLetterFile())
                .isEqualTo(dir.resolve(".lumos/dead-letters/datahub-20260102T030405Z.jsonl"));
        List<DeadLetter> letters = DeadLetterFile.read(report.deadLetterFile());
        assertThat(letters).hasSize((int) report.failed());
        assertThat(letters).allSatisfy(l -> assertThat(l.error()).containsAnyOf("HTTP 500", "HTTP 429", "IOException"));
        assertThat(gms.landed).hasSize((int) report.sent());

        gms.faultRate = 0; // the outage is over
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms, "dead_letter", "replay-failures.jsonl"))) {
            assertThat(a.replay(letters)).isZero();
            assertThat(a.report().sent()).isEqualTo(report.failed());
        }
        assertEveryAspectLandedOnce();
    }
}
