package io.lumos.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.json.RunEventJson;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.RunEvent;
import io.lumos.spi.run.RunQuery;
import io.lumos.spi.run.RunRecord;
import io.lumos.spi.run.RunState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunsTest {
    @TempDir
    Path dir;

    private static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    private static final DatasetId DAILY = DatasetId.of("s3", "lake/daily_orders");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private LocalCatalog open() {
        return new LocalCatalog(dir.resolve("catalog.db"), Duration.ofSeconds(10), Clock.systemUTC());
    }

    private static RunEvent event(UUID id, RunState state, Instant at, Integer exit, RunEvent.RunError error) {
        return new RunEvent(
                id,
                "nightly",
                state,
                at,
                T0,
                List.of(ORDERS),
                List.of(DAILY),
                state == RunState.START ? null : Duration.between(T0, at),
                error,
                Map.of("host", "ci"),
                "etl",
                state == RunState.START ? new ParentRun("airflow", "dag.task", new UUID(0, 7)) : null,
                exit);
    }

    @Test
    void storesRunsWithTheirHistoryDatasetsExitCodeErrorAndParent() {
        UUID id = UUID.randomUUID();
        try (LocalCatalog c = open()) {
            c.emitRun(event(id, RunState.START, T0, null, null));
            c.emitRun(
                    event(id, RunState.FAIL, T0.plusSeconds(42), 3, RunEvent.RunError.ofCommand(3, "boom\nno space")));
        }
        try (LocalCatalog c = open()) {
            RunRecord r = c.run(id).orElseThrow();
            assertThat(r.namespace()).isEqualTo("etl");
            assertThat(r.job()).isEqualTo("nightly");
            assertThat(r.state()).isEqualTo(RunState.FAIL);
            assertThat(r.startedAt()).isEqualTo(T0);
            assertThat(r.endedAt()).isEqualTo(T0.plusSeconds(42));
            assertThat(r.duration()).isEqualTo(Duration.ofSeconds(42));
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.error()).isEqualTo("exit code 3: boom\nno space");
            assertThat(r.parent()).hasToString("airflow/dag.task/" + new UUID(0, 7));
            assertThat(r.inputs()).containsExactly(ORDERS);
            assertThat(r.outputs()).containsExactly(DAILY);
            assertThat(r.history())
                    .extracting(RunRecord.StateChange::state)
                    .containsExactly(RunState.START, RunState.FAIL);
            assertThat(c.lastRunOf(DAILY, true)).map(RunRecord::runId).contains(id);
            assertThat(c.lastRunOf(DAILY, false)).isEmpty();
            assertThat(c.lastRunOf(ORDERS, false)).map(RunRecord::runId).contains(id);
        }
    }

    @Test
    void anEventArrivingLateDoesNotUndoALaterState() {
        UUID id = UUID.randomUUID();
        try (LocalCatalog c = open()) {
            c.emitRun(event(id, RunState.COMPLETE, T0.plusMillis(1500), 0, null));
            c.emitRun(event(id, RunState.START, T0, null, null));
            RunRecord r = c.run(id).orElseThrow();
            assertThat(r.state()).isEqualTo(RunState.COMPLETE);
            assertThat(r.exitCode()).isZero();
            assertThat(r.parent()).isNotNull(); // START's parent is kept even though it came late
            assertThat(r.history())
                    .extracting(RunRecord.StateChange::state)
                    .containsExactly(RunState.START, RunState.COMPLETE);
            // a final state beats START at the same instant, whatever the order
            UUID same = UUID.randomUUID();
            c.emitRun(event(same, RunState.COMPLETE, T0, 0, null));
            c.emitRun(event(same, RunState.START, T0, null, null));
            assertThat(c.run(same).orElseThrow().state()).isEqualTo(RunState.COMPLETE);
        }
    }

    @Test
    void filtersRunsByJobAndStateNewestFirst() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (LocalCatalog c = open()) {
            c.emitRun(event(a, RunState.COMPLETE, T0.plusSeconds(1), 0, null));
            c.emitRun(new RunEvent(
                    b,
                    "other",
                    RunState.START,
                    T0.plusSeconds(60),
                    T0.plusSeconds(60),
                    List.of(),
                    List.of(),
                    null,
                    null,
                    Map.of()));
            assertThat(c.runs(RunQuery.ALL)).extracting(RunRecord::runId).containsExactly(b, a);
            assertThat(c.runs(new RunQuery("nightly", null, 10)))
                    .extracting(RunRecord::runId)
                    .containsExactly(a);
            assertThat(c.runs(new RunQuery(null, RunState.START, 10)))
                    .extracting(RunRecord::runId)
                    .containsExactly(b);
            assertThat(c.run(b).orElseThrow().namespace()).isEqualTo("lumos");
        }
    }

    @Test
    void runOnlyDatasetsAreNeverListedAsDatasets() {
        try (LocalCatalog c = open()) {
            c.writeDatasets(List.of(Dataset.builder(ORDERS)
                    .fields(List.of(Field.of("id", DataType.Primitive.INT64, false)))
                    .build()));
            c.emitRun(event(UUID.randomUUID(), RunState.START, T0, null, null));
            assertThat(c.datasets()).extracting(Dataset::id).containsExactly(ORDERS);
            assertThat(c.dataset(DAILY)).isEmpty();
            assertThat(c.lastRunOf(DAILY, true)).isPresent();
        }
    }

    @Test
    void replaysRunEventsFromADeadLetterFile() {
        UUID id = UUID.randomUUID();
        RunEvent start = event(id, RunState.START, T0, null, null);
        try (LocalCatalog c = open()) {
            int failed = c.replay(List.of(
                    new DeadLetter("local", RunEventJson.KIND, "nightly", RunEventJson.toJson(start), "locked"),
                    new DeadLetter("local", "dataset", "x", "{}", "other")));
            assertThat(failed).isEqualTo(1);
            assertThat(c.run(id).orElseThrow().parent()).isEqualTo(start.parent());
        }
    }

    @Test
    void anOlderCatalogFileIsUpgradedWithTheRunTables() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = old.createStatement()) {
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            for (String ddl : Schema.MIGRATIONS.get(0).split(";\\s*\\n")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
            s.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('version_counter', '0')");
        }
        UUID id = UUID.randomUUID();
        try (LocalCatalog c = open()) {
            c.emitRun(event(id, RunState.START, T0, null, null));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(String.valueOf(Schema.MIGRATIONS.size()));
        }
    }
}
