package io.lumos.export;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ChangeType;
import io.lumos.domain.ColumnMapping;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small shop catalog with hostile descriptions, nested fields, column lineage, costs and versions. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    static final DatasetId CUSTOMERS = DatasetId.of("postgres", "shop.public.customers");
    static final DatasetId DAILY = DatasetId.of("csv", "orders_daily");
    static final DatasetId REPORT = DatasetId.of("s3", "reports/revenue");
    static final DatasetId EVENTS = DatasetId.of("mongodb", "app.events");
    static final String HOSTILE = "=HYPERLINK(\"http://evil.example\",\"click\")";

    private Fixtures() {}

    static CatalogSnapshot shop() {
        Dataset orders = Dataset.builder(ORDERS)
                .description(HOSTILE)
                .owners(List.of(new Owner("alice", null), new Owner("group:sales", "BUSINESS_OWNER")))
                .domain("sales")
                .tags(List.of("pii"))
                .fields(List.of(
                        Field.builder("id", DataTypes.parse("int64"))
                                .nullable(false)
                                .primaryKey(true)
                                .nativeType("bigint")
                                .description("order id")
                                .build(),
                        Field.builder("amount", DataTypes.parse("decimal(10,2)"))
                                .nativeType("numeric(10,2)")
                                .description("+1+cmd|' /C calc'!A0")
                                .build(),
                        Field.builder("shipping", DataTypes.parse("struct<city:string,zip:string>"))
                                .description("@SUM(1+1)")
                                .build()))
                .properties(Map.of("cost.monthly", "1200", "owner.note", "-2+3"))
                .statistics(new Statistics(1_234_567L, 52_428_800L, Instant.parse("2026-05-30T08:15:00Z")))
                .version(new DatasetVersion(
                        "S-2",
                        new SemVer(1, 1, 0),
                        Instant.parse("2026-05-20T10:00:00Z"),
                        "ci",
                        ChangeType.SCHEMA_CHANGE,
                        "added shipping",
                        "S-1",
                        null))
                .build();
        Dataset customers = Dataset.builder(CUSTOMERS)
                .description("People who buy, named in Zürich and 東京")
                .domain("sales")
                .fields(List.of(Field.builder("id", DataTypes.parse("int64"))
                        .nullable(false)
                        .primaryKey(true)
                        .build()))
                .properties(Map.of("cost", "-50"))
                .build();
        Dataset daily = Dataset.builder(DAILY)
                .description("\tTab first and \"quoted\",\nmultiline")
                .owners(List.of(new Owner("bob", null)))
                .properties(Map.of("note", "\tTab first", "script", "\r=1+1"))
                .fields(List.of(
                        Field.builder("day", DataTypes.parse("date")).build(),
                        Field.builder("total", DataTypes.parse("float64"))
                                .description("-sum of amount")
                                .build()))
                .build();
        Dataset events = Dataset.builder(EVENTS)
                .subtype("collection")
                .fields(List.of(Field.builder("kind", DataTypes.parse("string"))
                        .properties(Map.of("presence", "0.75", "types", "string:1.0"))
                        .build()))
                .build();
        LineageEdge ordersToDaily = new LineageEdge(
                ORDERS,
                DAILY,
                LineageType.AGGREGATED,
                0.9,
                Instant.parse("2026-05-01T00:00:00Z"),
                "dbt",
                List.of(
                        new ColumnMapping(List.of("amount"), "total", "SUM(amount)"),
                        ColumnMapping.parse("created_at=day")));
        LineageEdge customersToDaily = LineageEdge.of(CUSTOMERS, DAILY);
        LineageEdge dailyToReport = new LineageEdge(DAILY, REPORT, LineageType.COPIED, 1.0, null, "airflow", List.of());
        return new CatalogSnapshot(
                1,
                NOW,
                "lumos",
                List.of(orders, customers, daily, events),
                List.of(ordersToDaily, customersToDaily, dailyToReport),
                Map.of(
                        ORDERS,
                        List.of(
                                new DatasetVersion(
                                        "S-1",
                                        new SemVer(1, 0, 0),
                                        Instant.parse("2026-01-01T00:00:00Z"),
                                        "ci",
                                        ChangeType.METADATA_UPDATE,
                                        null,
                                        null,
                                        null),
                                orders.version())));
    }

    /** The shop as it was before: no events, orders without shipping and with amount as int64. */
    static CatalogSnapshot before() {
        CatalogSnapshot now = shop();
        List<Dataset> old = now.datasets().stream()
                .filter(d -> !d.id().equals(EVENTS))
                .map(d -> d.id().equals(ORDERS)
                        ? d.toBuilder()
                                .fields(List.of(
                                        d.fields().get(0),
                                        Field.builder("amount", DataTypes.parse("int64"))
                                                .nullable(false)
                                                .build(),
                                        Field.builder("legacy", DataTypes.parse("string"))
                                                .build()))
                                .build()
                        : d)
                .toList();
        return CatalogSnapshot.of(Instant.parse("2026-01-01T00:00:00Z"), old, now.lineage());
    }

    /** Usage of two datasets from two origins; the events collection is never used. */
    static List<io.lumos.domain.usage.UsageSample> usage() {
        return List.of(
                new io.lumos.domain.usage.UsageSample(
                        ORDERS,
                        NOW.minusSeconds(3600),
                        "postgres",
                        Map.of("reads", 40L, "writes", 12L, "seq_scans", 30L, "index_scans", 10L),
                        Map.of("last_analyze", NOW.minusSeconds(7200))),
                new io.lumos.domain.usage.UsageSample(
                        ORDERS, NOW, "postgres", Map.of("reads", 55L, "writes", 15L), Map.of()),
                new io.lumos.domain.usage.UsageSample(
                        DAILY, NOW, "datahub", Map.of("reads", 7L, "queries", 7L, "unique_users", 2L), Map.of()),
                new io.lumos.domain.usage.UsageSample(
                        EVENTS, NOW, "postgres", Map.of("reads", 0L, "writes", 0L), Map.of()));
    }

    /** Assertion results on two days: one passing, one failing, one unchecked. */
    static List<io.lumos.domain.assertion.AssertionResult> assertions() {
        return List.of(
                new io.lumos.domain.assertion.AssertionResult(
                        ORDERS,
                        "row_count",
                        io.lumos.domain.assertion.AssertionKind.ROW_COUNT,
                        io.lumos.domain.assertion.AssertionStatus.PASS,
                        io.lumos.domain.diff.Severity.BREAKING,
                        "1 <= rows",
                        "1234567",
                        "1234567 row(s), within 1 <= rows",
                        NOW.minusSeconds(86_400),
                        "ingest"),
                new io.lumos.domain.assertion.AssertionResult(
                        ORDERS,
                        "row_count",
                        io.lumos.domain.assertion.AssertionKind.ROW_COUNT,
                        io.lumos.domain.assertion.AssertionStatus.PASS,
                        io.lumos.domain.diff.Severity.BREAKING,
                        "1 <= rows",
                        "1234567",
                        "1234567 row(s), within 1 <= rows",
                        NOW,
                        "ingest"),
                new io.lumos.domain.assertion.AssertionResult(
                        DAILY,
                        "not_null:total",
                        io.lumos.domain.assertion.AssertionKind.NOT_NULL,
                        io.lumos.domain.assertion.AssertionStatus.FAIL,
                        io.lumos.domain.diff.Severity.NON_BREAKING,
                        "not nullable",
                        "nullable",
                        "field total is nullable",
                        NOW,
                        "ingest"),
                new io.lumos.domain.assertion.AssertionResult(
                        EVENTS,
                        "freshness",
                        io.lumos.domain.assertion.AssertionKind.FRESHNESS,
                        io.lumos.domain.assertion.AssertionStatus.ERROR,
                        io.lumos.domain.diff.Severity.BREAKING,
                        "changed within 1d",
                        null,
                        "the source reports no time of last change for mongodb:app.events",
                        NOW,
                        "ingest"));
    }
}
