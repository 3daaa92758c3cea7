package io.lumos.spi.run;

import io.lumos.domain.DatasetId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A running pipeline. {@link #close()} ends it: COMPLETE unless {@link #fail(Throwable)} or
 * {@link #abort()} was called first. Meant for try-with-resources:
 *
 * <pre>{@code
 * try (PipelineRun run = tracker.start("daily_orders", inputs, outputs)) {
 *     try { work(); } catch (Exception e) { run.fail(e); throw e; }
 * }
 * }</pre>
 */
public final class PipelineRun implements AutoCloseable {
    private final RunTracker tracker;
    private final UUID runId;
    private final String job;
    private final Instant startedAt;
    private final List<DatasetId> inputs;
    private final List<DatasetId> outputs;
    private final Map<String, String> args;
    private RunState end;
    private RunEvent.RunError error;
    private boolean closed;

    PipelineRun(
            RunTracker tracker,
            UUID runId,
            String job,
            Instant startedAt,
            List<DatasetId> inputs,
            List<DatasetId> outputs,
            Map<String, String> args) {
        this.tracker = tracker;
        this.runId = runId;
        this.job = job;
        this.startedAt = startedAt;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.args = Map.copyOf(args);
    }

    public UUID runId() {
        return runId;
    }

    public String job() {
        return job;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Marks the run failed; {@link #close()} then sends FAIL with the exception as the error. */
    public synchronized void fail(Throwable cause) {
        end = RunState.FAIL;
        error = RunEvent.RunError.of(cause);
    }

    /** Marks the run aborted (stopped on purpose, not failed). */
    public synchronized void abort() {
        end = RunState.ABORT;
        error = null;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Ends the run: COMPLETE, or FAIL/ABORT if marked. A second close does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Instant now = tracker.now();
        RunState state = end == null ? RunState.COMPLETE : end;
        tracker.emit(new RunEvent(
                runId, job, state, now, startedAt, inputs, outputs, Duration.between(startedAt, now), error, args));
    }
}
