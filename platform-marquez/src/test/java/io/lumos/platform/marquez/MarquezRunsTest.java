package io.lumos.platform.marquez;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.spi.Capability;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.RunEvent;
import io.lumos.spi.run.RunQuery;
import io.lumos.spi.run.RunRecord;
import io.lumos.spi.run.RunState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs read back from Marquez (against the fake, which keeps runs as Marquez 0.51 does): the runs
 * {@code lumos run} recorded and a Spark producer's own RunEvents, with state, times, datasets,
 * error, exit code and parent; a run still going is found by id although Marquez names its job only
 * once it ended; the plumbing jobs of lineage edges are not runs.
 */
class MarquezRunsTest {
    static FakeMarquez fake;
    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    static final DatasetId DAILY = DatasetId.of("csv", "orders_daily");
    static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");

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

    private MarquezAdapter open() {
        MarquezAdapter a = new Adapters().open(Adapters.httpSettings(fake, dir), dir);
        a.writeDatasets(List.of(
                Dataset.builder(ORDERS)
                        .fields(List.of(Field.of("id", DataType.Primitive.INT64, false)))
                        .build(),
                Dataset.builder(DAILY)
                        .fields(List.of(Field.of("total", DataType.Primitive.FLOAT64, true)))
                        .build()));
        a.writeLineage(List.of(new io.lumos.domain.LineageEdge(
                ORDERS, DAILY, io.lumos.domain.LineageType.TRANSFORMED, 1.0, T0, "test", List.of())));
        a.flush();
        return a;
    }

    private static RunEvent event(
            UUID id, RunState state, Instant at, RunEvent.RunError error, ParentRun parent, Integer exit) {
        return new RunEvent(
                id,
                "daily_orders",
                state,
                at,
                T0,
                List.of(ORDERS),
                List.of(DAILY),
                state == RunState.START ? null : Duration.between(T0, at),
                error,
                Map.of(),
                null,
                parent,
                exit);
    }

    @Test
    void runsRecordedThroughTheAdapterAndAProducersOwnAreReadBack() throws Exception {
        UUID ok = UUID.fromString("01932f7a-0000-7000-8000-000000000001");
        UUID failed = UUID.fromString("01932f7a-0000-7000-8000-000000000002");
        UUID going = UUID.fromString("01932f7a-0000-7000-8000-000000000003");
        UUID dag = UUID.fromString("01932f7a-0000-7000-8000-00000000aaaa");
        ParentRun parent = new ParentRun("airflow", "orders_dag", dag);
        try (MarquezAdapter a = open()) {
            assertThat(a.can(Capability.RUNS_READ)).isTrue();
            a.emitRun(event(ok, RunState.START, T0, null, parent, null));
            a.emitRun(event(ok, RunState.COMPLETE, T0.plusSeconds(90), null, parent, 0));
            a.emitRun(event(failed, RunState.START, T0.plusSeconds(3600), null, null, null));
            a.emitRun(event(
                    failed, RunState.FAIL, T0.plusSeconds(3645), RunEvent.RunError.ofCommand(3, "disk full"), null, 3));
            a.flush();
            // a Spark job's own events, in its own namespace, still running
            fake.apply(FakeMarquez.JSON.readTree(
                    """
                    {"eventType":"START","eventTime":"2026-11-01T05:00:00Z","run":{"runId":"%s"},
                     "job":{"namespace":"spark-prod","name":"orders_enrich"},
                     "inputs":[{"namespace":"postgres","name":"shop.public.orders"}],"outputs":[],
                     "producer":"https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark",
                     "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
                    """
                            .formatted(going)));

            List<RunRecord> all = a.runs(RunQuery.ALL);
            assertThat(all).extracting(RunRecord::runId).containsExactly(going, failed, ok);
            RunRecord f = all.get(1);
            assertThat(f.namespace()).isEqualTo("lumos");
            assertThat(f.job()).isEqualTo("daily_orders");
            assertThat(f.state()).isEqualTo(RunState.FAIL);
            assertThat(f.endedAt()).isEqualTo(T0.plusSeconds(3645));
            assertThat(f.duration()).isEqualTo(Duration.ofSeconds(45));
            assertThat(f.exitCode()).isEqualTo(3);
            assertThat(f.error()).contains("disk full");
            RunRecord o = all.get(2);
            assertThat(o.state()).isEqualTo(RunState.COMPLETE);
            assertThat(o.parent()).isEqualTo(parent);
            assertThat(o.inputs()).containsExactly(ORDERS);
            assertThat(o.outputs()).containsExactly(DAILY);
            assertThat(o.history())
                    .extracting(RunRecord.StateChange::state)
                    .containsExactly(RunState.START, RunState.COMPLETE);
            RunRecord g = all.get(0);
            assertThat(g.namespace()).isEqualTo("spark-prod");
            assertThat(g.state()).isEqualTo(RunState.RUNNING);
            assertThat(g.endedAt()).isNull();

            assertThat(a.runs(new RunQuery("daily_orders", RunState.FAIL, 10)))
                    .extracting(RunRecord::runId)
                    .containsExactly(failed);
            assertThat(a.runs(new RunQuery("spark-prod/orders_enrich", null, 10)))
                    .extracting(RunRecord::runId)
                    .containsExactly(going);
            assertThat(a.runs(new RunQuery(null, null, 1)))
                    .extracting(RunRecord::runId)
                    .containsExactly(going);

            assertThat(a.run(ok).orElseThrow().exitCode()).isZero();
            // Marquez names no job for a run that has not ended: it is found among the jobs' runs
            assertThat(a.run(going).orElseThrow().job()).isEqualTo("orders_enrich");
            assertThat(a.run(UUID.fromString("01932f7a-0000-7000-8000-0000000000ff")))
                    .isEmpty();
        }
    }
}
