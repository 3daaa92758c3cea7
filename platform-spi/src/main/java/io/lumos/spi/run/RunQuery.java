package io.lumos.spi.run;

/**
 * Which runs to read back, newest first.
 *
 * @param job only runs of this job; null: all
 * @param state only runs whose latest state is this; null: all
 * @param limit at most this many
 */
public record RunQuery(String job, RunState state, int limit) {
    public static final RunQuery ALL = new RunQuery(null, null, Integer.MAX_VALUE);

    public RunQuery {
        if (limit <= 0) {
            throw new IllegalArgumentException("a run query's limit must be positive, got " + limit);
        }
        job = job == null || job.isBlank() ? null : job.strip();
    }
}
