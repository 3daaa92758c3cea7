package io.lumos.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ChangeType;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.domain.SemVer;
import io.lumos.domain.Statistics;
import io.lumos.domain.assertion.AssertionKind;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.assertion.AssertionStatus;
import io.lumos.domain.diff.Severity;
import io.lumos.domain.usage.UsageSample;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.LumosException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every catalog adapter runs: extend it, return a fresh adapter from
 * {@link #openAdapter(Path)}, and the tests for each declared capability run; the others are
 * skipped, and an undeclared operation must fail naming its capability.
 */
public abstract class CatalogAdapterContractTest {
    protected static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    protected static final DatasetId CUSTOMERS = DatasetId.of("postgres", "shop.public.customers");
    protected static final DatasetId DAILY = DatasetId.of("csv", "orders_daily");
    protected static final DatasetId REPORT = DatasetId.of("csv", "revenue_report");

    @TempDir
    protected Path tempDir;

    protected CatalogAdapter adapter;

    /** A new, empty catalog. Called once per test. */
    protected abstract CatalogAdapter openAdapter(Path dir) throws Exception;

    /**
     * The same catalog opened again (a new process would see this); adapters whose state lives in
     * a server the test fakes may return the same adapter.
     */
    protected CatalogAdapter reopen(CatalogAdapter current, Path dir) throws Exception {
        return current;
    }

    @BeforeEach
    void open() throws Exception {
        adapter = openAdapter(tempDir);
    }

    @AfterEach
    void closeAdapter() {
        if (adapter != null) {
            adapter.close();
        }
    }

    protected static Dataset orders() {
        return Dataset.builder(ORDERS)
                .description("One row per order")
                .subtype("table")
                .fields(List.of(
                        Field.builder("id", DataType.Primitive.INT64)
                                .nullable(false)
                                .primaryKey(true)
                                .nativeType("bigint")
                                .build(),
                        Field.builder("amount", new DataType.Decimal(12, 2))
                                .description("Order total in EUR")
                                .nativeType("numeric(12,2)")
                                .build(),
                        Field.builder("customer", DataTypes.parse("struct<id:int64,email:string>"))
                                .build(),
                        Field.builder("tags", DataTypes.parse("array<string>")).build()))
                .tags(List.of("pii", "sales"))
                .owners(List.of(new Owner("alice", "TECHNICAL_OWNER"), new Owner("group:sales", "BUSINESS_OWNER")))
                .properties(Map.of("retention", "30d"))
                .statistics(new Statistics(1200L, null, null))
                .build();
    }

    protected static Dataset simple(DatasetId id, String... fieldNames) {
        return Dataset.builder(id)
                .fields(java.util.Arrays.stream(fieldNames)
                        .map(n -> Field.of(n, DataType.Primitive.STRING, true))
                        .toList())
                .build();
    }

    private void require(Capability... capabilities) {
        for (Capability c : capabilities) {
            assumeTrue(adapter.can(c), () -> adapter.name() + " does not declare " + c);
        }
    }

    @Test
    void nameIsStable() {
        assertThat(adapter.name()).isNotBlank().isEqualTo(adapter.name().strip());
    }

    @Test
    void writtenDatasetReadsBackWithSchemaAndMetadata() throws Exception {
        require(Capability.WRITE, Capability.READ);
        adapter.writeDatasets(List.of(orders()));
        adapter.flush();
        adapter = reopen(adapter, tempDir);
        Dataset back = adapter.dataset(ORDERS).orElseThrow();
        assertThat(back.id()).isEqualTo(ORDERS);
        assertThat(back.description()).isEqualTo("One row per order");
        assertThat(back.fields()).extracting(Field::name).containsExactly("id", "amount", "customer", "tags");
        assertThat(back.fields())
                .extracting(f -> f.type().print())
                .containsExactly("int64", "decimal(12,2)", "struct<id:int64,email:string>", "array<string>");
        assertThat(back.fields().get(0).nullable()).isFalse();
        assertThat(back.fields().get(1).description()).isEqualTo("Order total in EUR");
        assertThat(back.tags()).containsExactlyInAnyOrder("pii", "sales");
    }

    @Test
    void ownersReadBack() throws Exception {
        require(Capability.WRITE, Capability.READ, Capability.OWNERSHIP);
        adapter.writeDatasets(List.of(orders()));
        adapter.addOwner(ORDERS, new Owner("bob", "DATA_STEWARD"));
        adapter.flush();
        adapter = reopen(adapter, tempDir);
        assertThat(adapter.dataset(ORDERS).orElseThrow().owners())
                .contains(
                        new Owner("urn:li:corpuser:alice", "TECHNICAL_OWNER"),
                        new Owner("urn:li:corpGroup:sales", "BUSINESS_OWNER"),
                        new Owner("urn:li:corpuser:bob", "DATA_STEWARD"));
    }

    @Test
    void removedOwnerIsGone() throws Exception {
        require(Capability.WRITE, Capability.READ, Capability.OWNERSHIP, Capability.DELETE);
        adapter.writeDatasets(List.of(orders()));
        adapter.removeOwner(ORDERS, "urn:li:corpuser:alice");
        adapter.flush();
        assertThat(adapter.dataset(ORDERS).orElseThrow().owners())
                .extracting(Owner::urn)
                .doesNotContain("urn:li:corpuser:alice")
                .contains("urn:li:corpGroup:sales");
    }

    @Test
    void rewritingTheSameDatasetKeepsOneCopy() throws Exception {
        require(Capability.WRITE, Capability.READ);
        adapter.writeDatasets(List.of(orders()));
        adapter.writeDatasets(List.of(orders()));
        adapter.flush();
        assertThat(adapter.datasets()).extracting(Dataset::id).containsOnlyOnce(ORDERS);
    }

    @Test
    void unknownDatasetIsEmpty() {
        require(Capability.READ);
        assertThat(adapter.dataset(DatasetId.of("csv", "does_not_exist"))).isEmpty();
    }

    @Test
    void listsEveryDatasetInIdOrder() throws Exception {
        require(Capability.WRITE, Capability.READ);
        adapter.writeDatasets(List.of(simple(REPORT, "x"), orders(), simple(DAILY, "day", "total")));
        adapter.flush();
        assertThat(adapter.datasets()).extracting(Dataset::id).containsExactly(DAILY, REPORT, ORDERS);
    }

    @Test
    void searchFindsByNameDescriptionFieldAndTag() throws Exception {
        require(Capability.WRITE, Capability.SEARCH);
        adapter.writeDatasets(List.of(orders(), simple(DAILY, "day", "total")));
        adapter.flush();
        assertThat(adapter.search("orders", 10)).extracting(Dataset::id).contains(ORDERS);
        assertThat(adapter.search("EUR", 10)).extracting(Dataset::id).contains(ORDERS);
        assertThat(adapter.search("total", 10)).extracting(Dataset::id).contains(DAILY);
        assertThat(adapter.search("pii", 10)).extracting(Dataset::id).containsExactly(ORDERS);
        assertThat(adapter.search("nothing_matches_this", 10)).isEmpty();
    }

    @Test
    void lineageReadsBackBothWays() throws Exception {
        require(Capability.WRITE, Capability.LINEAGE, Capability.LINEAGE_READ);
        adapter.writeDatasets(List.of(orders(), simple(CUSTOMERS, "id"), simple(DAILY, "total"), simple(REPORT, "x")));
        adapter.writeLineage(List.of(
                new LineageEdge(ORDERS, DAILY, LineageType.AGGREGATED, 0.9, null, "lumos", List.of()),
                LineageEdge.of(CUSTOMERS, DAILY),
                LineageEdge.of(DAILY, REPORT)));
        adapter.flush();
        adapter = reopen(adapter, tempDir);
        assertThat(adapter.upstreamEdges(DAILY))
                .extracting(LineageEdge::upstream)
                .containsExactlyInAnyOrder(ORDERS, CUSTOMERS);
        assertThat(adapter.downstreamEdges(DAILY))
                .extracting(LineageEdge::downstream)
                .containsExactly(REPORT);
        LineageEdge fromOrders = adapter.upstreamEdges(DAILY).stream()
                .filter(e -> e.upstream().equals(ORDERS))
                .findFirst()
                .orElseThrow();
        assertThat(fromOrders.type()).isEqualTo(LineageType.AGGREGATED);
        assertThat(adapter.lineage()).hasSize(3);
    }

    @Test
    void columnLineageReadsBack() throws Exception {
        require(Capability.WRITE, Capability.LINEAGE, Capability.COLUMN_LINEAGE, Capability.LINEAGE_READ);
        adapter.writeDatasets(List.of(orders(), simple(DAILY, "total", "day")));
        adapter.writeLineage(List.of(LineageEdge.of(ORDERS, DAILY)
                .withColumns(List.of(new ColumnMapping(List.of("amount"), "total", "SUM(amount)")))));
        adapter.flush();
        adapter = reopen(adapter, tempDir);
        LineageEdge edge = adapter.upstreamEdges(DAILY).get(0);
        assertThat(edge.columns()).hasSize(1);
        assertThat(edge.columns().get(0).upstreamColumns()).containsExactly("amount");
        assertThat(edge.columns().get(0).downstreamColumn()).isEqualTo("total");
    }

    @Test
    void rewritingAnEdgeKeepsOneEdge() throws Exception {
        require(Capability.WRITE, Capability.LINEAGE, Capability.LINEAGE_READ);
        adapter.writeDatasets(List.of(orders(), simple(DAILY, "total")));
        adapter.writeLineage(List.of(LineageEdge.of(ORDERS, DAILY)));
        adapter.writeLineage(List.of(LineageEdge.of(ORDERS, DAILY)));
        adapter.flush();
        assertThat(adapter.upstreamEdges(DAILY)).hasSize(1);
    }

    @Test
    void removedLineageIsGone() throws Exception {
        require(Capability.WRITE, Capability.LINEAGE, Capability.LINEAGE_READ, Capability.DELETE);
        adapter.writeDatasets(List.of(orders(), simple(DAILY, "total")));
        adapter.writeLineage(List.of(LineageEdge.of(ORDERS, DAILY)));
        adapter.removeLineage(ORDERS, DAILY);
        adapter.flush();
        assertThat(adapter.upstreamEdges(DAILY)).isEmpty();
    }

    @Test
    void versionsKeepHistoryAndTheSchemaAtEachVersion() throws Exception {
        require(Capability.WRITE, Capability.VERSIONS);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Dataset v1 = simple(DAILY, "day", "total");
        DatasetVersion first = new DatasetVersion(
                "S-" + adapter.nextVersionCounter(),
                SemVer.INITIAL,
                t0,
                "ci",
                ChangeType.SCHEMA_CHANGE,
                "first",
                null,
                "f1");
        adapter.writeDatasets(List.of(v1.withVersion(first)));
        adapter.writeVersion(v1, first);
        Dataset v2 = simple(DAILY, "day");
        DatasetVersion second = new DatasetVersion(
                "S-" + adapter.nextVersionCounter(),
                new SemVer(2, 0, 0),
                t0.plusSeconds(60),
                "ci",
                ChangeType.BREAKING_SCHEMA_CHANGE,
                "FIELD_REMOVED total",
                first.cloudVersion(),
                "f2");
        adapter.writeDatasets(List.of(v2.withVersion(second)));
        adapter.writeVersion(v2, second);
        adapter.flush();
        adapter = reopen(adapter, tempDir);
        assertThat(second.cloudVersion()).isNotEqualTo(first.cloudVersion());
        assertThat(adapter.versions(DAILY))
                .extracting(v -> v.schemaVersion().toString())
                .containsExactly("1.0.0", "2.0.0");
        assertThat(adapter.datasetAtVersion(DAILY, "1.0.0").orElseThrow().fields())
                .extracting(Field::name)
                .containsExactly("day", "total");
        assertThat(adapter.datasetAtVersion(DAILY, second.cloudVersion())
                        .orElseThrow()
                        .fields())
                .extracting(Field::name)
                .containsExactly("day");
    }

    @Test
    void exportHoldsEverythingAndIsStable() throws Exception {
        require(Capability.WRITE, Capability.READ, Capability.EXPORT);
        adapter.writeDatasets(List.of(orders(), simple(DAILY, "total")));
        if (adapter.can(Capability.LINEAGE)) {
            adapter.writeLineage(List.of(LineageEdge.of(ORDERS, DAILY)));
        }
        adapter.flush();
        CatalogSnapshot a = adapter.export();
        CatalogSnapshot b = adapter.export();
        assertThat(a.datasets()).extracting(Dataset::id).containsExactly(DAILY, ORDERS);
        assertThat(a).isEqualTo(b);
        if (adapter.can(Capability.LINEAGE_READ) && adapter.can(Capability.LINEAGE)) {
            assertThat(a.lineage()).hasSize(1);
        }
    }

    @Test
    void usageIsATimeSeriesBesideTheMetadata() throws Exception {
        require(Capability.WRITE, Capability.READ, Capability.EXPORT, Capability.USAGE);
        adapter.writeDatasets(List.of(orders()));
        adapter.flush();
        CatalogSnapshot before = adapter.export();
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        UsageSample first = new UsageSample(
                ORDERS, t1, "postgres", Map.of(UsageSample.READS, 5L, UsageSample.SEQ_SCANS, 5L), Map.of());
        UsageSample second = new UsageSample(
                ORDERS,
                t1.plusSeconds(3600),
                "postgres",
                Map.of(UsageSample.READS, 9L, UsageSample.SEQ_SCANS, 9L),
                Map.of(UsageSample.LAST_ANALYZE, t1));
        adapter.writeUsage(List.of(first));
        adapter.writeUsage(List.of(second));
        adapter.flush();
        assertThat(adapter.usage()).containsExactly(first, second);
        assertThat(adapter.export()).isEqualTo(before);
        assertThat(adapter.dataset(ORDERS)).contains(before.datasets().get(0));
    }

    @Test
    void assertionResultsReadBackFailingFirstByOrder() throws Exception {
        require(Capability.ASSERTIONS);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        AssertionResult pass = new AssertionResult(
                ORDERS,
                "row_count",
                AssertionKind.ROW_COUNT,
                AssertionStatus.PASS,
                Severity.BREAKING,
                "1 <= rows",
                "1200",
                "1200 row(s), within 1 <= rows",
                t,
                "ingest");
        AssertionResult fail = new AssertionResult(
                ORDERS,
                "not_null:amount",
                AssertionKind.NOT_NULL,
                AssertionStatus.FAIL,
                Severity.NON_BREAKING,
                "not nullable",
                "nullable",
                "field amount is nullable",
                t.plusSeconds(60),
                "ingest");
        adapter.writeAssertionResults(List.of(pass, fail));
        adapter.flush();
        assertThat(adapter.assertionResults()).containsExactly(pass, fail);
        assertThat(adapter.assertionResults().stream().sorted(AssertionResult.ORDER))
                .containsExactly(fail, pass);
    }

    @Test
    void undeclaredOperationsFailNamingTheCapability() {
        Set<Capability> declared = adapter.capabilities();
        if (!declared.contains(Capability.SEARCH)) {
            assertThatThrownBy(() -> adapter.search("x", 1))
                    .isInstanceOf(LumosException.class)
                    .hasMessageContaining("search");
        }
        if (!declared.contains(Capability.USAGE) && !declared.contains(Capability.USAGE_READ)) {
            assertThatThrownBy(() -> adapter.usage())
                    .isInstanceOf(LumosException.class)
                    .hasMessageContaining("usage");
        }
        if (!declared.contains(Capability.ASSERTIONS) && !declared.contains(Capability.ASSERTION_EVENTS)) {
            assertThatThrownBy(() -> adapter.writeAssertionResults(List.of()))
                    .isInstanceOf(LumosException.class)
                    .hasMessageContaining("assertion");
        }
        if (!declared.contains(Capability.ASSERTIONS)) {
            assertThatThrownBy(() -> adapter.assertionResults())
                    .isInstanceOf(LumosException.class)
                    .hasMessageContaining("assertion");
        }
        if (!declared.contains(Capability.VERSIONS)) {
            assertThatThrownBy(() -> adapter.versions(ORDERS))
                    .isInstanceOf(LumosException.class)
                    .hasMessageContaining("version");
        }
        assertThat(declared).isNotEmpty();
    }
}
