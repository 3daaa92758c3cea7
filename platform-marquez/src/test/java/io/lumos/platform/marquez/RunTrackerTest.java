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
}
