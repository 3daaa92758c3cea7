package io.lumos.spi.run;

import io.lumos.domain.DatasetId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A running pipeline. {@link #close()} ends it: COMPLETE unless {@link #fail(Throwable)},
 * {@link #fail(int, String)} or {@link #abort()} was called first. Meant for try-with-resources:
 *
 * <pre>{@code
 * try (PipelineRun run = tracker.start("daily_orders", inputs, outputs)) {
 *     try { work(); } catch (Exception e) { run.fail(e); throw e; }
 * }
 * }</pre>
 *
 * Thread-safe: a shutdown hook may abort and close it while the thread that started it waits.
 */
public final class PipelineRun implements AutoCloseable {
    /** The namespace a run names itself by when neither it nor the catalogs set one. */
    public static final String DEFAULT_NAMESPACE = "lumos";

    private final RunTracker tracker;
    private final UUID runId;
    private final RunSpec spec;
    private final Instant startedAt;
    private RunState end;
    private RunEvent.RunError error;
    private Integer exitCode;
    private boolean closed;

    PipelineRun(RunTracker tracker, UUID runId, RunSpec spec, Instant startedAt) {
        this.tracker = tracker;
        this.runId = runId;
        this.spec = spec;
        this.startedAt = startedAt;
    }

    public UUID runId() {
        return runId;
    }

    public String job() {
        return spec.job();
    }

    /** The job's namespace; null when the catalogs' default applies. */
    public String namespace() {
        return spec.namespace();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public List<DatasetId> inputs() {
        return spec.inputs();
    }

    public List<DatasetId> outputs() {
        return spec.outputs();
    }

    /** This run as a parent of the runs it starts: {@code namespace/job/runId}. */
    public ParentRun asParent() {
        return new ParentRun(spec.namespace() == null ? DEFAULT_NAMESPACE : spec.namespace(), spec.job(), runId);
    }

    /** Marks the run failed; {@link #close()} then sends FAIL with the exception as the error. */
    public synchronized void fail(Throwable cause) {
        end = RunState.FAIL;
        error = RunEvent.RunError.of(cause);
    }

    /** Marks a command's run failed with its exit code and the last lines it wrote to stderr. */
    public synchronized void fail(int code, String stderrTail) {
        end = RunState.FAIL;
        exitCode = code;
        error = RunEvent.RunError.ofCommand(code, stderrTail);
    }

    /** Marks the run aborted (stopped on purpose, not failed). */
    public synchronized void abort() {
        end = RunState.ABORT;
        error = null;
    }

    /** Marks a command's run aborted, with the code it ended with (128+n for signal n). */
    public synchronized void abort(int code) {
        abort();
        exitCode = code;
    }

    /** Records the exit code of a command that succeeded. */
    public synchronized void exited(int code) {
        exitCode = code;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** The state the run ended in, or will end in when closed now. */
    public synchronized RunState endState() {
        return end == null ? RunState.COMPLETE : end;
    }

    /** Ends the run: COMPLETE, or FAIL/ABORT if marked. A second close does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Instant now = tracker.now();
        tracker.emit(new RunEvent(
                runId,
                spec.job(),
                endState(),
                now,
                startedAt,
                spec.inputs(),
                spec.outputs(),
                Duration.between(startedAt, now),
                error,
                spec.args(),
                spec.namespace(),
                spec.parent(),
                exitCode));
    }
}
