package io.lumos.domain.usage;

import io.lumos.domain.DatasetId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage per dataset, from the time series: the newest sample of each origin, added over origins.
 * Origins count differently (PostgreSQL since a reset, DataHub per bucket, runs one by one), so
 * the figures rank datasets against each other rather than measure a period.
 */
public final class UsageSummary {
    /** One dataset's usage: reads and writes over every origin, with when it was last seen. */
    public record DatasetUsage(DatasetId dataset, long reads, long writes, Instant observedAt, List<String> origins) {
        public long total() {
            return reads + writes;
        }
    }

    private final Map<DatasetId, DatasetUsage> byDataset;

    private UsageSummary(Map<DatasetId, DatasetUsage> byDataset) {
        this.byDataset = byDataset;
    }

    public static UsageSummary of(List<UsageSample> samples) {
        Map<DatasetId, Map<String, UsageSample>> newest = new TreeMap<>();
        for (UsageSample s : samples) {
            newest.computeIfAbsent(s.dataset(), k -> new TreeMap<>())
                    .merge(s.origin(), s, (a, b) -> a.observedAt().isAfter(b.observedAt()) ? a : b);
        }
        Map<DatasetId, DatasetUsage> out = new HashMap<>();
        newest.forEach((id, byOrigin) -> {
            long reads = 0;
            long writes = 0;
            Instant at = Instant.EPOCH;
            for (UsageSample s : byOrigin.values()) {
                reads += s.reads();
                writes += s.writes();
                at = s.observedAt().isAfter(at) ? s.observedAt() : at;
            }
            out.put(id, new DatasetUsage(id, reads, writes, at, List.copyOf(byOrigin.keySet())));
        });
        return new UsageSummary(out);
    }

    /** The dataset's usage, or null when no origin ever reported it. */
    public DatasetUsage get(DatasetId id) {
        return byDataset.get(id);
    }

    /** The most used datasets, most reads and writes first, then by id. */
    public List<DatasetUsage> top(int limit) {
        List<DatasetUsage> all = new ArrayList<>(byDataset.values());
        all.removeIf(u -> u.total() == 0);
        all.sort(Comparator.comparingLong(DatasetUsage::total).reversed().thenComparing(DatasetUsage::dataset));
        return all.subList(0, Math.min(limit, all.size()));
    }

    /**
     * Of {@code datasets}, those nothing reads or writes: usage was reported as zero, or never
     * reported at all ({@code observed} false).
     */
    public List<Unused> unused(List<DatasetId> datasets) {
        List<Unused> out = new ArrayList<>();
        for (DatasetId id : datasets) {
            DatasetUsage u = byDataset.get(id);
            if (u == null) {
                out.add(new Unused(id, false));
            } else if (u.total() == 0) {
                out.add(new Unused(id, true));
            }
        }
        out.sort(Comparator.comparing(Unused::dataset));
        return out;
    }

    /** A dataset without use; {@code observed} says whether any origin reported on it. */
    public record Unused(DatasetId dataset, boolean observed) {}
}
