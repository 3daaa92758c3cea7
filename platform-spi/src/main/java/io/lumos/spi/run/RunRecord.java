package io.lumos.spi.run;

import static java.util.Objects.requireNonNull;

import io.lumos.domain.DatasetId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A pipeline run as a catalog read it back: its latest state (the one with the latest event time,
 * so a COMPLETE that arrived before its START still wins) and every state change with its time.
 *
 * @param endedAt when it reached a final state; null while running
 * @param error the failure's text (exit code or exception, and the last lines of stderr); null
 *     unless FAIL
 * @param parent the run that started it, {@code namespace/job/runId}; null when none
 */
public record RunRecord(
        UUID runId,
        String namespace,
        String job,
        RunState state,
        Instant startedAt,
        Instant endedAt,
        Duration duration,
        Integer exitCode,
        String error,
        ParentRun parent,
        List<DatasetId> inputs,
        List<DatasetId> outputs,
        List<StateChange> history) {

    public RunRecord {
        requireNonNull(runId, "runId");
        requireNonNull(job, "job");
        requireNonNull(state, "state");
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** One state the run reached, at its event time. */
    public record StateChange(RunState state, Instant time) {
        public StateChange {
            requireNonNull(state, "state");
            requireNonNull(time, "time");
        }
    }
}
