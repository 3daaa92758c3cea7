package io.lumos.domain.usage;

import static java.util.Objects.requireNonNull;

import io.lumos.domain.DatasetId;
import io.lumos.domain.RecordChecks;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much a dataset was used, as one origin saw it at one moment: a point of the usage time
 * series kept beside the metadata (never part of a dataset, a version or a snapshot).
 *
 * <p>Counters are cumulative as the origin counts them (PostgreSQL counts since its statistics were
 * last reset; DataHub per bucket; tracked runs per run), named by the constants below so that a new
 * origin adds names without changing the record.
 *
 * @param origin where the figures come from: {@code postgres}, {@code datahub}, {@code runs}
 * @param counters counter name to value, each at least 0
 * @param times named moments (last vacuum, last analyze, ...)
 */
public record UsageSample(
        DatasetId dataset, Instant observedAt, String origin, Map<String, Long> counters, Map<String, Instant> times) {

    /** Reads of the dataset: the sum of the scan counters, or queries, or runs that read it. */
    public static final String READS = "reads";
    /** Writes: rows changed, or runs that wrote it. */
    public static final String WRITES = "writes";

    public static final String SEQ_SCANS = "seq_scans";
    public static final String INDEX_SCANS = "index_scans";
    public static final String ROWS_INSERTED = "rows_inserted";
    public static final String ROWS_UPDATED = "rows_updated";
    public static final String ROWS_DELETED = "rows_deleted";
    public static final String LIVE_ROWS = "live_rows";
    public static final String DEAD_ROWS = "dead_rows";
    public static final String UNIQUE_USERS = "unique_users";
    public static final String QUERIES = "queries";

    public static final String LAST_VACUUM = "last_vacuum";
    public static final String LAST_AUTOVACUUM = "last_autovacuum";
    public static final String LAST_ANALYZE = "last_analyze";
    public static final String LAST_AUTOANALYZE = "last_autoanalyze";

    public UsageSample {
        requireNonNull(dataset, "dataset");
        requireNonNull(observedAt, "observedAt");
        origin = RecordChecks.require(origin, "origin");
        TreeMap<String, Long> c = new TreeMap<>();
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (e.getValue() < 0) {
                throw new IllegalArgumentException(
                        "usage counter " + e.getKey() + " must not be negative: " + e.getValue());
            }
            c.put(RecordChecks.require(e.getKey(), "counter"), e.getValue());
        }
        counters = java.util.Collections.unmodifiableSortedMap(c);
        TreeMap<String, Instant> t = new TreeMap<>();
        times.forEach((k, v) -> {
            if (v != null) {
                t.put(RecordChecks.require(k, "time"), v);
            }
        });
        times = java.util.Collections.unmodifiableSortedMap(t);
    }

    /** A counter, or null when the origin does not know it. */
    public Long counter(String name) {
        return counters.get(name);
    }

    public long reads() {
        return counters.getOrDefault(READS, 0L);
    }

    public long writes() {
        return counters.getOrDefault(WRITES, 0L);
    }
}
