package io.lumos.platform.marquez;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.lumos.spi.run.PipelineRun;
import io.lumos.spi.run.RunTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of event the adapter writes validates against the OpenLineage spec and facet schemas. */
class EventSchemaTest {
    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    static final DatasetId DAILY = new DatasetId("s3", "lake/orders_daily", "DEV");
    static OpenLineageSchemas schemas;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        schemas = new OpenLineageSchemas(Shared.require("specs/openlineage"));
    }

    static Dataset orders() {
        return Dataset.builder(ORDERS)
                .description("One row per order")
                .fields(List.of(
                        Field.builder("id", DataType.Primitive.INT64)
                                .nullable(false)
                                .primaryKey(true)
                                .nativeType("bigint")
                                .build(),
                        Field.builder("amount", new DataType.Decimal(12, 2))
                                .description("EUR")
                                .tags(List.of("pii"))
                                .build(),
                        Field.builder("customer", DataTypes.parse("struct<id:int64,email:string>"))
                                .build()))
                .tags(List.of("sales", "tier:gold"))
                .owners(List.of(new Owner("alice", null), new Owner("group:sales", "BUSINESS_OWNER")))
                .properties(Map.of("retention", "30d"))
                .statistics(new Statistics(10L, 2048L, Instant.parse("2026-01-01T00:00:00Z")))
                .location("postgresql://db:5432/shop")
                .build();
    }

    static Dataset daily() {
        return Dataset.builder(DAILY)
                .subtype("file")
                .description("Daily totals")
                .location("s3://lake/orders_daily/data.parquet")
                .fields(List.of(
                        Field.of("day", DataType.Primitive.DATE, false),
                        Field.of("total", new DataType.Decimal(14, 2), true)))
                .build();
    }

    /** Writes one of everything through the file transport and returns the events. */
    List<JsonNode> writeEverything() throws Exception {
        Path out = dir.resolve("events.jsonl");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("transport", "file");
        s.put("file", out.toString());
        s.put("dead_letter", dir.resolve("dead.jsonl").toString());
        Adapters adapters = new Adapters();
        try (MarquezAdapter a = adapters.open(s, dir)) {
            DatasetVersion v = new DatasetVersion(
                    "S-7",
                    new SemVer(1, 2, 0),
                    Instant.parse("2026-02-01T10:00:00Z"),
                    "ci",
                    ChangeType.SCHEMA_CHANGE,
                    "FIELD_ADDED total",
                    "S-6",
                    "abc");
            a.writeDatasets(List.of(orders(), daily().withVersion(v)));
            a.writeVersion(daily(), v);
            a.writeLineage(List.of(new LineageEdge(
                    ORDERS,
                    DAILY,
                    LineageType.AGGREGATED,
                    0.9,
                    Instant.parse("2026-02-01T10:00:00Z"),
                    "ci",
                    List.of(
                            new ColumnMapping(List.of("amount"), "total", "SUM(amount)"),
                            new ColumnMapping(List.of("id"), "day", null)))));
            a.flush();
            RunTracker tracker = new RunTracker(List.of(a));
            try (PipelineRun run = tracker.start("daily_orders", List.of(ORDERS), List.of(DAILY))) {
                run.fail(new IllegalStateException("boom"));
            }
            try (PipelineRun run = tracker.start("daily_orders", List.of(ORDERS), List.of(DAILY))) {
                run.runId();
            }
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            events.add(FakeMarquez.JSON.readTree(line));
        }
        return events;
    }

    @Test
    void everyEventValidatesAgainstTheSpecAndItsFacetSchemas() throws Exception {
        List<JsonNode> events = writeEverything();
        // DatasetEvent x2, version RunEvent, JobEvent, column RunEvent, START+FAIL, START+COMPLETE
        assertThat(events).hasSize(9);
        for (JsonNode e : events) {
            assertThat(schemas.validate(e)).as(e.toString()).isEmpty();
        }
    }

    @Test
    void aRemovedDatasetIsDroppedAndADeprecatedOneKeepsItsNoteInTheLumosFacet() throws Exception {
        Path out = dir.resolve("lifecycle.jsonl");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("transport", "file");
        s.put("file", out.toString());
        s.put("dead_letter", dir.resolve("dead.jsonl").toString());
        try (MarquezAdapter a = new Adapters().open(s, dir)) {
            a.writeDatasets(List.of(
                    new io.lumos.domain.Lifecycle(
                                    io.lumos.domain.DatasetStatus.REMOVED,
                                    "no longer found by source shop",
                                    null,
                                    "stale:shop")
                            .applyTo(orders()),
                    new io.lumos.domain.Lifecycle(
                                    io.lumos.domain.DatasetStatus.DEPRECATED,
                                    "use orders_v2",
                                    java.time.LocalDate.parse("2027-03-31"),
                                    null)
                            .applyTo(daily())));
            a.flush();
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        JsonNode removed =
                FakeMarquez.JSON.readTree(lines.get(0)).path("dataset").path("facets");
        JsonNode deprecated =
                FakeMarquez.JSON.readTree(lines.get(1)).path("dataset").path("facets");
        for (String line : lines) {
            assertThat(schemas.validate(FakeMarquez.JSON.readTree(line))).isEmpty();
        }
        assertThat(removed.path("lifecycleStateChange")
                        .path("lifecycleStateChange")
                        .asText())
                .isEqualTo("DROP");
        assertThat(removed.path("lumos").path("status").asText()).isEqualTo("removed");
        assertThat(deprecated.has("lifecycleStateChange")).isFalse();
        assertThat(deprecated.path("lumos").path("status").asText()).isEqualTo("deprecated");
        assertThat(deprecated.path("lumos").toString())
                .contains("\"lumos.lifecycle.note\":\"use orders_v2\"")
                .contains("\"lumos.lifecycle.decommission_on\":\"2027-03-31\"");
    }

    @Test
    void assertionResultsTravelAsTheDataQualityAssertionsInputFacet() throws Exception {
        Path out = dir.resolve("assertions.jsonl");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("transport", "file");
        s.put("file", out.toString());
        s.put("dead_letter", dir.resolve("dead.jsonl").toString());
        Instant at = Instant.parse("2026-03-01T08:00:00Z");
        try (MarquezAdapter a = new Adapters().open(s, dir)) {
            assertThat(a.can(io.lumos.spi.Capability.ASSERTION_EVENTS)).isTrue();
            a.writeDatasets(List.of(orders()));
            a.writeAssertionResults(List.of(
                    new io.lumos.domain.assertion.AssertionResult(
                            ORDERS,
                            "not_null:amount",
                            io.lumos.domain.assertion.AssertionKind.NOT_NULL,
                            io.lumos.domain.assertion.AssertionStatus.FAIL,
                            io.lumos.domain.diff.Severity.BREAKING,
                            "not nullable",
                            "nullable",
                            "field amount is nullable",
                            at,
                            "ingest"),
                    new io.lumos.domain.assertion.AssertionResult(
                            ORDERS,
                            "row_count",
                            io.lumos.domain.assertion.AssertionKind.ROW_COUNT,
                            io.lumos.domain.assertion.AssertionStatus.PASS,
                            io.lumos.domain.diff.Severity.NON_BREAKING,
                            "1 <= rows",
                            "10",
                            "10 row(s), within 1 <= rows",
                            at.minusSeconds(5),
                            "ingest")));
            a.flush();
        }
        JsonNode run = null;
        for (String line : Files.readAllLines(out)) {
            JsonNode e = FakeMarquez.JSON.readTree(line);
            assertThat(schemas.validate(e)).as(line).isEmpty();
            if (e.path("job").path("name").asText().startsWith("assertions.")) {
                run = e;
            }
        }
        assertThat(run).as("an assertions run").isNotNull();
        assertThat(run.path("eventType").asText()).isEqualTo("COMPLETE");
        assertThat(run.path("eventTime").asText()).startsWith("2026-03-01T08:00");
        JsonNode input = run.path("inputs").get(0);
        assertThat(input.path("facets")
                        .path("documentation")
                        .path("description")
                        .asText())
                .isEqualTo("One row per order");
        JsonNode checks =
                input.path("inputFacets").path("dataQualityAssertions").path("assertions");
        assertThat(checks).hasSize(2);
        assertThat(checks.get(0).path("assertion").asText()).isEqualTo("not_null");
        assertThat(checks.get(0).path("success").asBoolean(true)).isFalse();
        assertThat(checks.get(0).path("column").asText()).isEqualTo("amount");
        assertThat(checks.get(0).path("severity").asText()).isEqualTo("error");
        assertThat(checks.get(0).path("actual").asText()).isEqualTo("nullable");
        assertThat(checks.get(1).path("assertion").asText()).isEqualTo("row_count");
        assertThat(checks.get(1).path("success").asBoolean()).isTrue();
        assertThat(checks.get(1).has("column")).isFalse();
        assertThat(checks.get(1).path("severity").asText()).isEqualTo("warn");
    }

    @Test
    void datasetEventsCarryTheFullFacetSet() throws Exception {
        JsonNode first = writeEverything().get(0);
        JsonNode facets = first.path("dataset").path("facets");
        assertThat(first.path("schemaURL").asText()).endsWith("/DatasetEvent");
        assertThat(iterable(facets))
                .contains(
                        "schema",
                        "documentation",
                        "dataSource",
                        "ownership",
                        "tags",
                        "version",
                        "storage",
                        "datasetType",
                        "symlinks",
                        "lumos");
        assertThat(schemas.unknownSchemas(facets)).allMatch(s -> s.startsWith("lumos="));
        JsonNode customer = facets.path("schema").path("fields").get(2);
        assertThat(customer.path("type").asText()).isEqualTo("struct<id:int64,email:string>");
        assertThat(customer.path("fields").get(1).path("name").asText()).isEqualTo("email");
        assertThat(facets.path("ownership").path("owners").get(0).path("name").asText())
                .isEqualTo("user:alice");
        assertThat(facets.path("symlinks")
                        .path("identifiers")
                        .get(0)
                        .path("namespace")
                        .asText())
                .isEqualTo("postgresql://db:5432");
        assertThat(facets.path("lumos")
                        .path("fields")
                        .path("id")
                        .path("nativeType")
                        .asText())
                .isEqualTo("bigint");
    }

    @Test
    void columnLineageIsACompletedRunWithTransformations() throws Exception {
        List<JsonNode> events = writeEverything();
        JsonNode job = events.stream()
                .filter(e -> e.path("schemaURL").asText().endsWith("/JobEvent"))
                .findFirst()
                .orElseThrow();
        JsonNode run = events.stream()
                .filter(e -> e.path("outputs").path(0).path("facets").has("columnLineage"))
                .findFirst()
                .orElseThrow();
        assertThat(run.path("eventType").asText()).isEqualTo("COMPLETE");
        assertThat(run.path("job").path("name").asText())
                .isEqualTo(job.path("job").path("name").asText());
        JsonNode total = run.path("outputs")
                .path(0)
                .path("facets")
                .path("columnLineage")
                .path("fields")
                .path("total");
        JsonNode t = total.path("inputFields").get(0).path("transformations").get(0);
        assertThat(t.path("type").asText()).isEqualTo("DIRECT");
        assertThat(t.path("subtype").asText()).isEqualTo("AGGREGATION");
        assertThat(t.path("description").asText()).isEqualTo("SUM(amount)");
        // the input mention keeps the description, else Marquez would wipe it
        assertThat(run.path("inputs")
                        .get(0)
                        .path("facets")
                        .path("documentation")
                        .path("description")
                        .asText())
                .isEqualTo("One row per order");
        assertThat(run.path("outputs").get(0).path("namespace").asText()).isEqualTo("s3@dev");
    }

    @Test
    void failedRunCarriesTheErrorWithItsStackTrace() throws Exception {
        JsonNode fail = writeEverything().stream()
                .filter(e -> "FAIL".equals(e.path("eventType").asText()))
                .findFirst()
                .orElseThrow();
        JsonNode error = fail.path("run").path("facets").path("errorMessage");
        assertThat(error.path("message").asText())
                .contains("IllegalStateException")
                .contains("boom");
        assertThat(error.path("programmingLanguage").asText()).isEqualTo("JAVA");
        assertThat(error.path("stackTrace").asText()).contains("EventSchemaTest");
        assertThat(fail.path("run")
                        .path("facets")
                        .path("lumos")
                        .path("durationMs")
                        .asLong())
                .isGreaterThanOrEqualTo(0);
    }

    private static List<String> iterable(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
