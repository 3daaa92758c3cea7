package io.lumos.source.openlineage;

import io.lumos.domain.DatasetId;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.RunEvent;
import io.lumos.spi.run.RunState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The run state changes of OpenLineage RunEvents, as {@link Intake} reads them: each START,
 * RUNNING, COMPLETE, FAIL or ABORT goes to the sink with its job, the datasets it read and wrote
 * (named once per dataset by the {@link DatasetBuilder}), the error of the errorMessage facet and
 * the parent of the parent facet. Nothing is kept: memory stays flat in runs.
 */
final class RunStates {
    private final DatasetBuilder builder;
    private final Consumer<RunEvent> sink;

    RunStates(DatasetBuilder builder, Consumer<RunEvent> sink) {
        this.builder = builder;
        this.sink = sink;
    }

    /** The event's run state change, to the run sink; OTHER (or none) states no change. */
    void record(
            Event event,
            Instant at,
            String where,
            Intake.Problems problems,
            List<DatasetFacts> inputs,
            List<DatasetFacts> outputs) {
        RunState state;
        try {
            state = event.eventType == null
                    ? null
                    : RunState.valueOf(event.eventType.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            state = null; // OTHER, or a type of a newer spec: no state change
        }
        if (state == null) {
            return;
        }
        if (event.jobName == null || event.jobName.isBlank()) {
            problems.problem(where, "the run's job has no name; the run is not recorded (its datasets are)");
            return;
        }
        UUID runId = uuid(event.runId);
        if (runId == null) {
            problems.problem(where, "the event has no run.runId; the run is not recorded (its datasets are)");
            return;
        }
        ParentRun parent = null;
        UUID parentId = uuid(event.parentRunId);
        if (parentId != null && event.parentJob != null && !event.parentJob.isBlank()) {
            parent = new ParentRun(
                    event.parentNamespace == null || event.parentNamespace.isBlank()
                            ? "default"
                            : event.parentNamespace,
                    event.parentJob,
                    parentId);
        }
        RunEvent.RunError error = null;
        if (event.errorMessage != null || event.stackTrace != null) {
            error = new RunEvent.RunError(event.errorMessage, null, event.stackTrace);
        }
        sink.accept(new RunEvent(
                runId,
                event.jobName,
                state,
                at,
                state == RunState.START ? at : null,
                runDatasets(inputs),
                runDatasets(outputs),
                null,
                error,
                Map.of(),
                event.jobNamespace,
                parent,
                null));
    }

    private List<DatasetId> runDatasets(List<DatasetFacts> states) {
        List<DatasetId> out = new ArrayList<>(states.size());
        for (DatasetFacts s : states) {
            if (s.runId == null) {
                s.runId = builder.id(s.namespace, s.name);
            }
            if (!out.contains(s.runId)) {
                out.add(s.runId);
            }
        }
        return out;
    }

    /**
     * A run id as a UUID; one that is not (hand-written events, old producers) gets a name-based
     * UUID of its text, so that all events of that run still meet.
     */
    static UUID uuid(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.length() == 36) {
            try {
                return UUID.fromString(t);
            } catch (IllegalArgumentException e) {
                // not a UUID after all: named below
            }
        }
        return UUID.nameUUIDFromBytes(t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
