package io.lumos.domain.diff;

import io.lumos.domain.DatasetId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the gate decided: every finding (worst first, with downstream impact), the ignored ones
 * with their reason, warnings (expired ignore entries), the bump per dataset and the exit code.
 *
 * @param baseline how the old side was named (a file name), for reports
 * @param current how the new side was named; text and SARIF locations point into it
 * @param exitCode 0 when nothing blocks, 1 when a finding at or above {@code failOn} remains
 */
public record GateReport(
        String baseline,
        String current,
        FailOn failOn,
        CompatibilityMode mode,
        List<DatasetDiff> datasets,
        List<Finding> findings,
        List<Ignored> ignored,
        List<String> warnings,
        int exitCode) {
    public GateReport {
        datasets = List.copyOf(datasets);
        findings = List.copyOf(findings);
        ignored = List.copyOf(ignored);
        warnings = List.copyOf(warnings);
    }

    /** A finding an ignore entry accepted. */
    public record Ignored(Finding finding, IgnoreEntry entry) {}

    public Map<Severity, Long> counts() {
        Map<Severity, Long> out = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            out.put(s, 0L);
        }
        for (Finding f : findings) {
            out.merge(f.severity(), 1L, Long::sum);
        }
        return out;
    }

    public boolean blocking(Finding f) {
        return failOn.blocks(f.severity());
    }

    public long blockingCount() {
        return findings.stream().filter(this::blocking).count();
    }

    /** The bump per dataset, from the findings that were not ignored. */
    public Map<DatasetId, Bump> bumps() {
        Map<DatasetId, Bump> out = new java.util.TreeMap<>();
        for (DatasetDiff d : datasets) {
            out.put(d.dataset(), Bump.NONE);
        }
        for (Finding f : findings) {
            Bump b = Bump.of(f.severity());
            out.merge(f.dataset(), b, (x, y) -> x.compareTo(y) <= 0 ? x : y);
        }
        return out;
    }
}
