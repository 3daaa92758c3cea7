package io.lumos.spi.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aCommandErrorSaysItsExitCodeAndStderr() {
        assertThat(RunEvent.RunError.ofCommand(2, "  boom \n").describe()).isEqualTo("exit code 2: boom");
        assertThat(RunEvent.RunError.ofCommand(137, "").describe()).isEqualTo("exit code 137: exited with code 137");
    }
}
