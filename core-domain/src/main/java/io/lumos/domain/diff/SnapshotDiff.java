package io.lumos.domain.diff;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The diff of two snapshots: one {@link DatasetDiff} per dataset that changed, sorted by id. */
public record SnapshotDiff(List<DatasetDiff> datasets) {
    public SnapshotDiff {
        datasets = datasets.stream().filter(DatasetDiff::changed).toList();
    }

    /** Every finding, worst first, then by dataset and path. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (DatasetDiff d : datasets) {
            out.addAll(d.findings());
        }
        out.sort(DatasetDiff.ORDER);
        return out;
    }

    public Map<Severity, Long> counts() {
        Map<Severity, Long> out = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            out.put(s, 0L);
        }
        for (DatasetDiff d : datasets) {
            for (Finding f : d.findings()) {
                out.merge(f.severity(), 1L, Long::sum);
            }
        }
        return out;
    }
}
