package io.lumos.platform.marquez;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ChangeType;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.domain.SemVer;
import io.lumos.domain.Statistics;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.SchemaDiff;
import io.lumos.platform.local.LocalCatalogFactory;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: a snapshot imported into Marquez and exported again, diffed against the original with the
 * real diff engine, is the migration's fidelity report. Every finding is listed here with the reason
 * Marquez cannot hold it; anything else is a regression.
 */
class MarquezMigrationFidelityTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static FakeMarquez fake;

    static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    static final DatasetId CUSTOMERS = DatasetId.of("postgres", "shop.public.customers");
    static final DatasetId EVENTS = DatasetId.of("kafka", "orders.events");
    static final DatasetId DAILY = DatasetId.of("s3", "lake/daily_revenue");

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeMarquez();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    /** Local catalog -> snapshot export -> import into Marquez -> re-export: the fidelity report. */
    @Test
    void localToMarquezLosesNothing(@TempDir Path dir) {
        CatalogSnapshot original;
        try (CatalogAdapter local = openLocal(dir.resolve("from.db"), dir)) {
            importInto(local, snapshot());
            original = local.export();
        }
        assertThat(original.datasets()).hasSize(4);
        assertThat(original.versions().get(ORDERS)).hasSize(2);

        fake.reset();
        CatalogSnapshot back;
        try (MarquezAdapter marquez = new Adapters().open(Adapters.httpSettings(fake, dir), dir)) {
            importInto(marquez, original);
            back = marquez.export();
        }

        // The report: no finding at all, so no dataset, field, type, description, tag, glossary term,
        // owner, domain, status, key, default or lineage edge was lost on the way.
        assertThat(report(original, back)).isEmpty();
        // The diff does not look at everything the model holds; what it skips is compared directly.
        assertSameContent(original, back);

        // And back again into a fresh local catalog: Marquez -> local is as faithful.
        try (CatalogAdapter local = openLocal(dir.resolve("to.db"), dir)) {
            importInto(local, back);
            CatalogSnapshot again = local.export();
            assertThat(report(original, again)).isEmpty();
            assertSameContent(original, again);
        }
    }

    /**
     * What Marquez itself holds, without our {@code lumos} facet: what its UI shows, what other
     * OpenLineage consumers read, and what survives if a proxy or another tool drops custom facets.
     * Every loss is listed with its reason; anything else found is a regression.
     */
    @Test
    void standardFacetsAloneLoseOnlyWhatOpenLineageHasNoFacetFor(@TempDir Path dir) throws Exception {
        CatalogSnapshot original = snapshot();
        Path events = dir.resolve("events.jsonl");
        Map<String, Object> fileSettings = new LinkedHashMap<>();
        fileSettings.put("transport", "file");
        fileSettings.put("file", events.toString());
        try (MarquezAdapter writer = new Adapters().open(fileSettings, dir)) {
            importInto(writer, original);
        }
        fake.reset();
        int stripped = 0;
        for (String line : Files.readAllLines(events)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event = JSON.readTree(line);
            stripped += stripLumosFacets(event);
            fake.apply(event);
        }
        assertThat(stripped).as("lumos facets removed").isGreaterThan(0);
        CatalogSnapshot back;
        try (MarquezAdapter reader = new Adapters().open(Adapters.httpSettings(fake, dir), dir)) {
            back = reader.export();
        }
        // The report, finding by finding: what OpenLineage has no standard facet for.
        assertThat(report(original, back).stream()
                        .map(f -> f.dataset().shortName() + " " + f.ruleId() + " " + f.path())
                        .toList())
                .containsExactlyInAnyOrder(
                        // SchemaDatasetFacet fields have name, type, description, ordinal_position and
                        // nested fields only: no nullability, so every required field reads as nullable.
                        "postgres:shop.public.orders FIELD_MADE_NULLABLE id",
                        "postgres:shop.public.orders FIELD_MADE_NULLABLE amount",
                        "postgres:shop.public.orders FIELD_MADE_NULLABLE status",
                        "postgres:shop.public.orders FIELD_MADE_NULLABLE created_at",
                        "postgres:shop.public.customers FIELD_MADE_NULLABLE id",
                        "kafka:orders.events FIELD_MADE_NULLABLE order_id",
                        "kafka:orders.events FIELD_MADE_NULLABLE event",
                        "s3:lake/daily_revenue FIELD_MADE_NULLABLE day",
                        "s3:lake/daily_revenue FIELD_MADE_NULLABLE revenue",
                        // no facet for keys (primary or partition)
                        "postgres:shop.public.orders PRIMARY_KEY_CHANGED ",
                        // no facet for column defaults
                        "postgres:shop.public.orders DEFAULT_REMOVED status",
                        // no glossary in OpenLineage or Marquez (tags are a different thing)
                        "postgres:shop.public.orders GLOSSARY_TERMS_CHANGED ",
                        // no domain facet
                        "postgres:shop.public.orders DOMAIN_CHANGED ",
                        "s3:lake/daily_revenue DOMAIN_CHANGED ",
                        // lifecycleStateChange says ALTER/DROP/..., not deprecated
                        "postgres:shop.public.customers STATUS_CHANGED ");
        // Only the BACKWARD-compatible kind: no field lost, no type changed, no lineage edge lost.
        assertThat(report(original, back))
                .allSatisfy(f -> assertThat(f.backwardCompatible()).isTrue());
        // Beyond the diff's rules, exactly these are lost (native types, properties, identity, our
        // version records, edge type and confidence); fields, types, descriptions, tags (field tags
        // too), owners with group and custom types, subtype, location, lineage and column mappings
        // with their transformations all survive.
        assertThat(back.datasets())
                .containsExactlyElementsOf(original.datasets().stream()
                        .map(MarquezMigrationFidelityTest::withoutLumosFacet)
                        .toList());
        assertThat(back.lineage())
                .containsExactlyElementsOf(original.lineage().stream()
                        .map(e -> new LineageEdge(
                                // the edge type and confidence live in our job facet
                                e.upstream(),
                                e.downstream(),
                                LineageType.TRANSFORMED,
                                1.0,
                                e.createdAt(),
                                e.createdBy(),
                                e.columns()))
                        .toList());
        // Marquez keeps its own versions (one per event) but not our records: counter, semver, author,
        // change type and details live in our facet.
        assertThat(back.versions()).isEmpty();
    }

    /** The original as a reader of the standard facets alone sees it. */
    private static Dataset withoutLumosFacet(Dataset d) {
        return d.toBuilder()
                .glossaryTerms(List.of())
                .domain(null)
                .status(null)
                .properties(Map.of())
                .statistics(null)
                .version(null)
                .fields(d.fields().stream()
                        .map(MarquezMigrationFidelityTest::withoutLumosFacet)
                        .toList())
                .build();
    }

    private static Field withoutLumosFacet(Field f) {
        return f.toBuilder()
                .nullable(true)
                .nativeType(null)
                .primaryKey(false)
                .partitionKey(false)
                .defaultValue(null)
                .identity(null)
                .properties(Map.of())
                .fields(f.fields().stream()
                        .map(MarquezMigrationFidelityTest::withoutLumosFacet)
                        .toList())
                .build();
    }

    private static int stripLumosFacets(JsonNode node) {
        int n = 0;
        if (node instanceof ObjectNode o) {
            for (String facets : List.of("facets", "inputFacets", "outputFacets")) {
                if (o.get(facets) instanceof ObjectNode f && f.remove("lumos") != null) {
                    n++;
                }
            }
        }
        for (JsonNode child : node) {
            n += stripLumosFacets(child);
        }
        return n;
    }

    private static List<Finding> report(CatalogSnapshot original, CatalogSnapshot reexported) {
        return SchemaDiff.diff(original, reexported, CompatibilityMode.BACKWARD).findings();
    }

    /** Everything the diff does not compare: properties, owner types, field details, edge details, versions. */
    private static void assertSameContent(CatalogSnapshot original, CatalogSnapshot back) {
        assertThat(back.datasets()).containsExactlyElementsOf(original.datasets());
        assertThat(back.lineage()).containsExactlyElementsOf(original.lineage());
        assertThat(back.versions()).isEqualTo(original.versions());
    }

    private static CatalogAdapter openLocal(Path db, Path dir) {
        return new LocalCatalogFactory()
                .create(
                        Settings.of("platforms.local", Map.of("path", db.toString())),
                        PluginContext.basic(dir, List.of()));
    }

    /** What {@code lumos snapshot import FILE --platform marquez} does with one catalog. */
    static void importInto(CatalogAdapter c, CatalogSnapshot s) {
        c.writeDatasets(s.datasets());
        if (c.can(Capability.LINEAGE) && !s.lineage().isEmpty()) {
            c.writeLineage(s.lineage());
        }
        if (c.can(Capability.VERSIONS)) {
            for (Map.Entry<DatasetId, List<DatasetVersion>> e : s.versions().entrySet()) {
                Dataset current = s.datasets().stream()
                        .filter(d -> d.id().equals(e.getKey()))
                        .findFirst()
                        .orElseThrow();
                for (DatasetVersion v : e.getValue()) {
                    c.writeVersion(current.withVersion(v), v);
                }
            }
        }
        c.flush();
    }

    static Field field(String name, String type, boolean nullable) {
        return Field.builder(name, DataTypes.parse(type)).nullable(nullable).build();
    }

    static CatalogSnapshot snapshot() {
        DatasetVersion v1 =
                new DatasetVersion("S-1", SemVer.INITIAL, T0, "ci", ChangeType.SCHEMA_CHANGE, "initial", null, "fp1");
        DatasetVersion v2 = new DatasetVersion(
                "S-2",
                new SemVer(1, 1, 0),
                T0.plusSeconds(3600),
                "ci",
                ChangeType.SCHEMA_CHANGE,
                "FIELD_ADDED_NULLABLE coupon",
                "S-1",
                "fp2");
        Dataset orders = Dataset.builder(ORDERS)
                .subtype("table")
                .description("Orders placed in the web shop")
                .owners(List.of(
                        new Owner("alice", Owner.TECHNICAL_OWNER),
                        new Owner("group:sales-analytics", "BUSINESS_OWNER"),
                        new Owner("bob", "Data Custodian")))
                .tags(List.of("pii", "tier:gold"))
                .glossaryTerms(List.of("Sales.Order", "Finance.Revenue"))
                .domain("sales")
                .status(DatasetStatus.ACTIVE)
                .properties(Map.of("retention", "7y", "source_system", "shopify"))
                .statistics(new Statistics(1_250_000L, 734_003_200L, T0))
                .location("postgres://db:5432/shop")
                .fields(List.of(
                        Field.builder("id", DataTypes.parse("int64"))
                                .nullable(false)
                                .nativeType("bigint")
                                .primaryKey(true)
                                .description("order number")
                                .build(),
                        Field.builder("amount", DataTypes.parse("decimal(12,2)"))
                                .nullable(false)
                                .nativeType("numeric(12,2)")
                                .tags(List.of("finance"))
                                .build(),
                        Field.builder("status", DataTypes.parse("enum(NEW,PAID,SHIPPED)"))
                                .nullable(false)
                                .defaultValue("NEW")
                                .build(),
                        field("created_at", "timestamptz(us)", false),
                        Field.builder(
                                        "shipping",
                                        DataTypes.parse(
                                                "struct<street:string,zip:string,geo:struct<lat:float64,lon:float64>>"))
                                .description("where it goes")
                                .build(),
                        field("items", "array<struct<sku:string,qty:int32,price:decimal(10,2)>>", true),
                        field("attributes", "map<string,string>", true),
                        field("coupon", "string", true)))
                .version(v2)
                .build();
        Dataset customers = Dataset.builder(CUSTOMERS)
                .subtype("table")
                .status(DatasetStatus.DEPRECATED)
                .description("Shop customers")
                .owners(List.of(new Owner("group:crm", "DATA_STEWARD")))
                .tags(List.of("pii"))
                .fields(List.of(
                        Field.builder("id", DataTypes.parse("int64"))
                                .nullable(false)
                                .identity("1")
                                .build(),
                        Field.builder("email", DataTypes.parse("string"))
                                .description("contact address")
                                .tags(List.of("pii:email"))
                                .build(),
                        field("segment", "string", true)))
                .build();
        Dataset events = Dataset.builder(EVENTS)
                .subtype("topic")
                .description("Order lifecycle events")
                .fields(List.of(
                        field("order_id", "int64", false),
                        field("event", "struct<kind:string,at:timestamp(ms),payload:json>", false)))
                .build();
        Dataset daily = Dataset.builder(DAILY)
                .subtype("file")
                .description("Revenue per day and segment")
                .owners(List.of(new Owner("carol", "TECHNICAL_OWNER")))
                .domain("finance")
                .fields(List.of(
                        field("day", "date", false),
                        field("segment", "string", true),
                        field("revenue", "decimal(18,2)", false)))
                .build();
        List<LineageEdge> lineage = List.of(
                new LineageEdge(
                        ORDERS,
                        DAILY,
                        LineageType.AGGREGATED,
                        1.0,
                        null,
                        null,
                        List.of(
                                new ColumnMapping(List.of("created_at"), "day", "cast(created_at as date)"),
                                new ColumnMapping(List.of("amount"), "revenue", "sum(amount)"))),
                new LineageEdge(
                        CUSTOMERS,
                        DAILY,
                        LineageType.TRANSFORMED,
                        0.9,
                        null,
                        null,
                        List.of(new ColumnMapping(List.of("segment"), "segment", null))),
                LineageEdge.of(ORDERS, EVENTS));
        return new CatalogSnapshot(
                CatalogSnapshot.FORMAT_VERSION,
                T0.plusSeconds(7200),
                "lumos",
                List.of(orders, customers, events, daily),
                lineage,
                Map.of(ORDERS, List.of(v1, v2)));
    }
}
