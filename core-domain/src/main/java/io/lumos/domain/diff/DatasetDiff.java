package io.lumos.domain.diff;

import io.lumos.domain.ChangeType;
import io.lumos.domain.DatasetId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The findings for one dataset under one compatibility mode. */
public record DatasetDiff(DatasetId dataset, CompatibilityMode mode, List<Finding> findings) {
    static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::dataset)
            .thenComparing(Finding::path)
            .thenComparing(Finding::ruleId);

    public DatasetDiff {
        findings = List.copyOf(findings);
    }

    public boolean changed() {
        return !findings.isEmpty();
    }

    /** The worst severity, or null when nothing changed. */
    public Severity worst() {
        return findings.stream()
                .map(Finding::severity)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    public Bump bump() {
        return Bump.of(worst());
    }

    /** The version change type for {@code ingest} and {@code version bump}; empty: no new version. */
    public Optional<ChangeType> changeType() {
        return bump().changeType();
    }

    /** A reader on the new schema can read data written with the old one (ignoring policy rules). */
    public boolean backwardCompatible() {
        return findings.stream().allMatch(Finding::backwardCompatible);
    }

    /** A reader on the old schema can read data written with the new one. */
    public boolean forwardCompatible() {
        return findings.stream().allMatch(Finding::forwardCompatible);
    }

    /** No BREAKING finding under the mode. */
    public boolean compatible() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.BREAKING);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
