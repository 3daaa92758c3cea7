package io.lumos.spi.run;

import static java.util.Objects.requireNonNull;

import io.lumos.domain.DatasetId;
import io.lumos.spi.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One state change of a pipeline run, in catalog-neutral terms: a catalog adapter turns it into its
 * own form (an OpenLineage RunEvent for Marquez).
 *
 * @param runId the same for every event of one run
 * @param job the pipeline's name, e.g. {@code daily_orders}
 * @param startedAt when the run started (the same in every event of the run)
 * @param duration time since start; null for START
 * @param error the failure, for FAIL; null otherwise
 * @param args free-form run arguments (shown by catalogs as run facets)
 * @param namespace the job's namespace (OpenLineage's job namespace); null: the catalog's default
 * @param parent the run that started this one (OpenLineage's parent run facet); null when none
 * @param exitCode the process exit code of a run of a command ({@code lumos run}); null otherwise
 */
public record RunEvent(
        UUID runId,
        String job,
        RunState state,
        Instant eventTime,
        Instant startedAt,
        List<DatasetId> inputs,
        List<DatasetId> outputs,
        Duration duration,
        RunError error,
        Map<String, String> args,
        String namespace,
        ParentRun parent,
        Integer exitCode) {

    /** An event without namespace, parent or exit code (the catalog's default namespace). */
    public RunEvent(
            UUID runId,
            String job,
            RunState state,
            Instant eventTime,
            Instant startedAt,
            List<DatasetId> inputs,
            List<DatasetId> outputs,
            Duration duration,
            RunError error,
            Map<String, String> args) {
        this(runId, job, state, eventTime, startedAt, inputs, outputs, duration, error, args, null, null, null);
    }

    public RunEvent {
        requireNonNull(runId, "runId");
        requireNonNull(job, "job");
        if (job.isBlank()) {
            throw new IllegalArgumentException("a pipeline run needs a job name");
        }
        requireNonNull(state, "state");
        requireNonNull(eventTime, "eventTime");
        startedAt = startedAt == null ? eventTime : startedAt;
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        args = args == null ? Map.of() : redacted(args);
        namespace = namespace == null || namespace.isBlank() ? null : namespace.strip();
    }

    /** The job's namespace, or {@code fallback} when the event has none. */
    public String namespaceOr(String fallback) {
        return namespace == null ? fallback : namespace;
    }

    private static Map<String, String> redacted(Map<String, String> args) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        args.forEach((k, v) -> out.put(k, Redaction.redactText(v)));
        return Map.copyOf(out);
    }

    /** What made a run fail: the exception's message, its class and the stack trace. */
    public record RunError(String message, String exceptionClass, String stackTrace) {
        /** What {@code exceptionClass} says for a command that exited with a non-zero code. */
        public static final String COMMAND_EXIT = "exit code";

        public RunError {
            message = message == null || message.isBlank() ? exceptionClass : Redaction.redactText(message);
            // A run record is kept and sent on: a URL in the failure's text keeps no password.
            stackTrace = Redaction.redactText(stackTrace);
        }

        /** A command's failure: its exit code and the last lines it wrote to stderr. */
        public static RunError ofCommand(int exitCode, String stderrTail) {
            String tail = stderrTail == null ? "" : stderrTail.strip();
            return new RunError(
                    tail.isEmpty() ? "exited with code " + exitCode : tail, COMMAND_EXIT + " " + exitCode, null);
        }

        /** The error as one line of text: the class (or exit code) and the message. */
        public String describe() {
            return exceptionClass == null || exceptionClass.equals(message)
                    ? String.valueOf(message)
                    : exceptionClass + ": " + message;
        }

        public static RunError of(Throwable t) {
            java.io.StringWriter out = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(out));
            return new RunError(t.getMessage(), t.getClass().getName(), out.toString());
        }
    }
}
