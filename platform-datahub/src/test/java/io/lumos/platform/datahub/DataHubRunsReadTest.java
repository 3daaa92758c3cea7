package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DatasetId;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
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
 * Runs read back from DataHub (against the fake GMS, which keeps run events as a timeseries aspect
 * the way GMS does): the dataProcessInstances with their run events give state, times, history,
 * datasets, exit code, error and parent, whatever order the events came in.
 */
class DataHubRunsReadTest {
    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    static final DatasetId DAILY = DatasetId.of("s3", "lake/daily");
    static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");

    private static FakeGms gms;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        gms = new FakeGms();
    }

    @AfterAll
    static void stop() {
        gms.close();
    }

    @BeforeEach
    void reset() {
        gms.reset();
    }

    private static RunEvent event(
            UUID id, String job, RunState state, Instant at, RunEvent.RunError error, ParentRun parent, Integer exit) {
        return new RunEvent(
                id,
                job,
                state,
                at,
                state == RunState.START ? at : null,
                List.of(ORDERS),
                List.of(DAILY),
                null,
                error,
                Map.of(),
                "spark-prod",
                parent,
                exit);
    }

    @Test
    void runsWithTheirRunEventsAreReadBackNewestFirst() {
        UUID ok = UUID.fromString("01932f7a-0000-7000-8000-000000000001");
        UUID failed = UUID.fromString("01932f7a-0000-7000-8000-000000000002");
        UUID going = UUID.fromString("01932f7a-0000-7000-8000-000000000003");
        UUID late = UUID.fromString("01932f7a-0000-7000-8000-000000000004");
        ParentRun parent =
                new ParentRun("airflow", "orders_dag", UUID.fromString("01932f7a-0000-7000-8000-00000000aaaa"));
        try (CatalogAdapter a = Adapters.open(dir, Adapters.rest(gms))) {
            assertThat(a.can(Capability.RUNS_READ)).isTrue();
            a.emitRuns(List.of(
                    // an OpenLineage COMPLETE knows no start: the STARTED event gives it
                    event(ok, "orders_daily", RunState.START, T0, null, parent, null),
                    event(ok, "orders_daily", RunState.COMPLETE, T0.plusSeconds(90), null, parent, null),
                    event(failed, "orders_daily", RunState.START, T0.plusSeconds(3600), null, null, null),
                    event(
                            failed,
                            "orders_daily",
                            RunState.FAIL,
                            T0.plusSeconds(3645),
                            new RunEvent.RunError("Job aborted due to stage failure", null, null),
                            null,
                            null),
                    event(going, "orders_enrich", RunState.START, T0.plusSeconds(7200), null, null, null),
                    // and a COMPLETE that comes before its START ends the run all the same
                    event(late, "orders_late", RunState.COMPLETE, T0.plusSeconds(1890), null, null, null),
                    event(late, "orders_late", RunState.START, T0.plusSeconds(1800), null, null, null)));
            a.flush();
            assertThat(gms.problems).isEmpty();

            List<RunRecord> all = a.runs(RunQuery.ALL);
            assertThat(all).extracting(RunRecord::runId).containsExactly(going, failed, late, ok);
            assertThat(all.get(2).state()).isEqualTo(RunState.COMPLETE);
            assertThat(all.get(2).duration()).isEqualTo(Duration.ofSeconds(90));
            RunRecord o = all.get(3);
            assertThat(o.namespace()).isEqualTo("spark-prod");
            assertThat(o.job()).isEqualTo("orders_daily");
            assertThat(o.state()).isEqualTo(RunState.COMPLETE);
            assertThat(o.startedAt()).isEqualTo(T0);
            assertThat(o.endedAt()).isEqualTo(T0.plusSeconds(90));
            assertThat(o.duration()).isEqualTo(Duration.ofSeconds(90));
            assertThat(o.parent()).isEqualTo(parent);
            assertThat(o.inputs()).containsExactly(ORDERS);
            assertThat(o.outputs()).containsExactly(DAILY);
            assertThat(o.history())
                    .extracting(RunRecord.StateChange::state)
                    .containsExactly(RunState.START, RunState.COMPLETE);
            RunRecord f = all.get(1);
            assertThat(f.state()).isEqualTo(RunState.FAIL);
            assertThat(f.error()).contains("Job aborted due to stage failure");
            assertThat(all.get(0).state()).isEqualTo(RunState.START);
            assertThat(all.get(0).endedAt()).isNull();

            assertThat(a.runs(new RunQuery("orders_daily", RunState.FAIL, 10)))
                    .extracting(RunRecord::runId)
                    .containsExactly(failed);
            assertThat(a.runs(new RunQuery("spark-prod/orders_enrich", null, 10)))
                    .extracting(RunRecord::runId)
                    .containsExactly(going);
            assertThat(a.run(ok).orElseThrow().history()).hasSize(2);
            assertThat(a.run(UUID.fromString("01932f7a-0000-7000-8000-0000000000ff")))
                    .isEmpty();
        }
    }
}
