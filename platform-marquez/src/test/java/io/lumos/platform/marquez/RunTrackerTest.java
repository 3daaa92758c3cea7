package io.lumos.platform.marquez;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.run.PipelineRun;
import io.lumos.spi.run.RunTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline run tracker through the Marquez adapter, against the fake. */
class RunTrackerTest {
    static FakeMarquez fake;
    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    static final DatasetId DAILY = DatasetId.of("csv", "orders_daily");

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeMarquez();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    private List<JsonNode> runEvents() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String e : fake.events) {
            JsonNode n = FakeMarquez.JSON.readTree(e);
            if ("daily_orders".equals(n.path("job").path("name").asText())) {
                out.add(n);
            }
        }
        return out;
    }

    private MarquezAdapter openWithDatasets() {
        MarquezAdapter a = new Adapters().open(Adapters.httpSettings(fake, dir), dir);
        a.writeDatasets(List.of(
                Dataset.builder(ORDERS)
                        .description("Orders")
                        .fields(List.of(Field.of("id", DataType.Primitive.INT64, false)))
                        .build(),
                Dataset.builder(DAILY)
                        .description("Daily totals")
                        .tags(List.of("gold"))
                        .fields(List.of(Field.of("total", DataType.Primitive.FLOAT64, true)))
                        .build()));
        a.flush();
        return a;
    }

    @Test
    void successfulRunSendsStartThenComplete() throws Exception {
        try (MarquezAdapter a = openWithDatasets()) {
            RunTracker tracker = new RunTracker(List.of(a));
            PipelineRun run;
            try (PipelineRun r = tracker.start("daily_orders", List.of(ORDERS), List.of(DAILY))) {
                run = r;
                assertThat(runEvents())
                        .extracting(e -> e.path("eventType").asText())
                        .containsExactly("START");
            }
            List<JsonNode> events = runEvents();
            assertThat(events).extracting(e -> e.path("eventType").asText()).containsExactly("START", "COMPLETE");
            assertThat(events).allMatch(e -> e.path("run")
                    .path("runId")
                    .asText()
                    .equals(run.runId().toString()));
            assertThat(events.get(1)
                            .path("run")
                            .path("facets")
                            .path("lumos")
                            .path("durationMs")
                            .asLong())
                    .isGreaterThanOrEqualTo(0);
            assertThat(events.get(1).path("run").path("facets").has("errorMessage"))
                    .isFalse();
            // the COMPLETE made a new current version of the output: it still shows description and tags
            assertThat(a.dataset(DAILY).orElseThrow().description()).isEqualTo("Daily totals");
            assertThat(a.dataset(DAILY).orElseThrow().tags()).containsExactly("gold");
            assertThat(fake.jobInputs("lumos", "daily_orders")).containsExactly("postgres:shop.public.orders");
            assertThat(run.isClosed()).isTrue();
        }
    }

    @Test
    void failingRunSendsStartThenFailWithTheError() throws Exception {
        try (MarquezAdapter a = openWithDatasets()) {
            RunTracker tracker = new RunTracker(List.of(a));
            assertThatThrownBy(() -> {
                        try (PipelineRun run = tracker.start("daily_orders", List.of(ORDERS), List.of(DAILY))) {
                            try {
                                throw new IllegalArgumentException("bad row 42");
                            } catch (RuntimeException e) {
                                run.fail(e);
                                throw e;
                            }
                        }
                    })
                    .hasMessage("bad row 42");
            List<JsonNode> events = runEvents();
            assertThat(events).extracting(e -> e.path("eventType").asText()).containsExactly("START", "FAIL");
            JsonNode error = events.get(1).path("run").path("facets").path("errorMessage");
            assertThat(error.path("message").asText()).isEqualTo("java.lang.IllegalArgumentException: bad row 42");
            assertThat(error.path("stackTrace").asText()).contains("RunTrackerTest");
            OpenLineageSchemas schemas = new OpenLineageSchemas(Shared.require("specs/openlineage"));
            for (JsonNode e : events) {
                assertThat(schemas.validate(e)).isEmpty();
            }
        }
    }

    @Test
    void catalogsThatDoNotRecordRunsAreSkipped() throws Exception {
        CatalogAdapter silent = new CatalogAdapter() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.WRITE);
            }

            @Override
            public void close() {}
        };
        try (MarquezAdapter a = openWithDatasets()) {
            RunTracker tracker = new RunTracker(List.of(silent, a));
            assertThat(tracker.recorders()).containsExactly(a);
            try (PipelineRun run = tracker.start("daily_orders", List.of(), List.of())) {
                run.abort();
            }
            assertThat(runEvents())
                    .extracting(e -> e.path("eventType").asText())
                    .containsExactly("START", "ABORT");
        }
    }

    @Test
    void aCommandRunKeepsItsNamespaceParentExitCodeAndStderr() throws Exception {
        java.util.UUID outer = java.util.UUID.randomUUID();
        DatasetId lake = DatasetId.of("s3", "lake/daily_copy");
        try (MarquezAdapter a = openWithDatasets()) {
            RunTracker tracker = new RunTracker(List.of(a));
            io.lumos.spi.run.RunSpec spec = new io.lumos.spi.run.RunSpec(
                    "daily_orders",
                    "etl",
                    List.of(ORDERS),
                    List.of(lake),
                    java.util.Map.of(),
                    new io.lumos.spi.run.ParentRun("airflow", "dag.load", outer));
            PipelineRun started;
            try (PipelineRun run = tracker.start(spec)) {
                started = run;
                run.fail(3, "no space left on device");
            }
            List<JsonNode> events = runEvents();
            assertThat(events).extracting(e -> e.path("eventType").asText()).containsExactly("START", "FAIL");
            for (JsonNode e : events) {
                assertThat(e.path("job").path("namespace").asText()).isEqualTo("etl");
                assertThat(e.path("run").path("runId").asText())
                        .isEqualTo(started.runId().toString());
                JsonNode parent = e.path("run").path("facets").path("parent");
                assertThat(parent.path("run").path("runId").asText()).isEqualTo(outer.toString());
                assertThat(parent.path("job").path("namespace").asText()).isEqualTo("airflow");
                assertThat(parent.path("job").path("name").asText()).isEqualTo("dag.load");
            }
            JsonNode fail = events.get(1).path("run").path("facets");
            assertThat(fail.path("lumos").path("exitCode").asInt()).isEqualTo(3);
            assertThat(fail.path("errorMessage").path("message").asText())
                    .isEqualTo("exit code 3: no space left on device");
            assertThat(fail.path("errorMessage").path("programmingLanguage").asText())
                    .isEqualTo("shell");
            OpenLineageSchemas schemas = new OpenLineageSchemas(Shared.require("specs/openlineage"));
            for (JsonNode e : events) {
                assertThat(schemas.validate(e)).isEmpty();
            }
            // the output no source scanned is a run-only stub when read back; scanned ones are not
            assertThat(io.lumos.spi.run.RunOnly.isStub(a.dataset(lake).orElseThrow()))
                    .isTrue();
            assertThat(io.lumos.spi.run.RunOnly.isStub(a.dataset(ORDERS).orElseThrow()))
                    .isFalse();
            assertThat(a.datasets())
                    .filteredOn(io.lumos.spi.run.RunOnly::isStub)
                    .extracting(Dataset::id)
                    .containsExactly(lake);
        }
    }

    @Test
    void aMarquezOutageNeverBreaksTheRunAndTheEventsWaitInTheDeadLetterFile() throws Exception {
        Map<String, Object> settings = new java.util.LinkedHashMap<>(Adapters.httpSettings(fake, dir));
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        settings.put("url", "http://127.0.0.1:" + port);
        settings.put("retries", 1);
        List<String> warnings = new ArrayList<>();
        io.lumos.spi.Reporter reporter = new io.lumos.spi.Reporter() {
            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public Progress progress(String task, long total) {
                return Progress.NONE;
            }
        };
        try (MarquezAdapter a = new Adapters().open(settings, dir)) {
            RunTracker tracker =
                    new RunTracker(List.of(a), java.time.Clock.systemUTC(), reporter, java.util.UUID::randomUUID);
            try (PipelineRun run = tracker.start("daily_orders", List.of(ORDERS), List.of(DAILY))) {
                run.fail(1, "boom");
            }
        }
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0))
                .contains("did not take START")
                .contains("dead.jsonl")
                .contains("goes on");
        List<io.lumos.spi.DeadLetter> letters = io.lumos.json.DeadLetterFile.read(dir.resolve("dead.jsonl"));
        assertThat(letters).hasSize(2);
        assertThat(letters.get(1).payload()).contains("\"eventType\":\"FAIL\"");
    }
}
