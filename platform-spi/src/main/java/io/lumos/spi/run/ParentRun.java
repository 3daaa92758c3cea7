package io.lumos.spi.run;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * The run that started another, written {@code namespace/job/runId} as in OpenLineage's
 * {@code OPENLINEAGE_PARENT_ID} (what its dbt, Spark and Airflow integrations read). The job may
 * itself hold slashes: the namespace is up to the first, the run id after the last.
 */
public record ParentRun(String namespace, String job, UUID runId) {
    /** The environment variable a child process reads its parent run from. */
    public static final String ENV = "OPENLINEAGE_PARENT_ID";

    public ParentRun {
        requireNonNull(runId, "runId");
        if (namespace == null || namespace.isBlank() || job == null || job.isBlank()) {
            throw new IllegalArgumentException("a parent run needs a namespace and a job");
        }
    }

    /** Parses {@code namespace/job/runId}; the message says what is wrong and what is expected. */
    public static ParentRun parse(String text) {
        String t = text == null ? "" : text.strip();
        int first = t.indexOf('/');
        int last = t.lastIndexOf('/');
        if (first <= 0 || last <= first + 1 || last == t.length() - 1) {
            throw new IllegalArgumentException(
                    "parent run '" + text + "' is not namespace/job/runId (e.g. lumos/nightly/<uuid>)");
        }
        UUID id;
        try {
            id = UUID.fromString(t.substring(last + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "parent run '" + text + "' does not end in a run id (a UUID) after namespace/job/");
        }
        return new ParentRun(t.substring(0, first), t.substring(first + 1, last), id);
    }

    @Override
    public String toString() {
        return namespace + "/" + job + "/" + runId;
    }
}
