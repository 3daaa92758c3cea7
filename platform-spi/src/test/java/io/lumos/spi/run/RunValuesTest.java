package io.lumos.spi.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.DatasetId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunValuesTest {
    @Test
    void parentRunsParseAsOpenLineageWritesThem() {
        UUID id = UUID.randomUUID();
        ParentRun p = ParentRun.parse("airflow/dag_id.task_id/" + id);
        assertThat(p.namespace()).isEqualTo("airflow");
        assertThat(p.job()).isEqualTo("dag_id.task_id");
        assertThat(p.runId()).isEqualTo(id);
        assertThat(ParentRun.parse("ns/a/b/" + id).job()).isEqualTo("a/b");
        assertThat(p).hasToString("airflow/dag_id.task_id/" + id);
        assertThatThrownBy(() -> ParentRun.parse("ns/" + id)).hasMessageContaining("namespace/job/runId");
        assertThatThrownBy(() -> ParentRun.parse("ns/job/not-a-uuid")).hasMessageContaining("UUID");
        assertThatThrownBy(() -> ParentRun.parse("")).hasMessageContaining("namespace/job/runId");
    }

    @Test
    void aRunEventSurvivesTheDeadLetterFormWhole() {
        RunEvent e = new RunEvent(
                UUID.randomUUID(),
                "nightly",
                RunState.FAIL,
                Instant.parse("2026-03-01T10:00:05.123Z"),
                Instant.parse("2026-03-01T10:00:00Z"),
                List.of(DatasetId.of("postgres", "shop.public.orders")),
                List.of(DatasetId.of("s3", "lake/daily")),
                Duration.ofMillis(5123),
                RunEvent.RunError.ofCommand(3, "no space"),
                Map.of("day", "2026-03-01"),
                "etl",
                new ParentRun("airflow", "dag.task", UUID.randomUUID()),
                3);
        assertThat(RunEventJson.fromJson(RunEventJson.toJson(e))).isEqualTo(e);
        RunEvent bare =
                new RunEvent(UUID.randomUUID(), "j", RunState.START, Instant.EPOCH, null, null, null, null, null, null);
        assertThat(RunEventJson.fromJson(RunEventJson.toJson(bare))).isEqualTo(bare);
        assertThatThrownBy(() -> RunEventJson.fromJson("{\"job\":1}")).hasMessageContaining("not a Lumos run event");
    }

    @Test
    void aCommandErrorSaysItsExitCodeAndStderr() {
        assertThat(RunEvent.RunError.ofCommand(2, "  boom \n").describe()).isEqualTo("exit code 2: boom");
        assertThat(RunEvent.RunError.ofCommand(137, "").describe()).isEqualTo("exit code 137: exited with code 137");
    }
}
