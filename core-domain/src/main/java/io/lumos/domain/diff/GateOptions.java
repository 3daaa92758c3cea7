package io.lumos.domain.diff;

import io.lumos.domain.DatasetId;
import io.lumos.domain.lineage.LineageGraph;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the gate needs besides the two snapshots.
 *
 * @param modes the compatibility mode per dataset (config), defaulting to {@code defaultMode}
 * @param today the date expiry of ignore entries is judged against
 * @param maxDepth how far lineage is walked ({@link LineageGraph#UNBOUNDED} for all)
 */
public record GateOptions(
        CompatibilityMode defaultMode,
        Map<DatasetId, CompatibilityMode> modes,
        FailOn failOn,
        List<IgnoreEntry> ignores,
        LocalDate today,
        int maxDepth) {
    public GateOptions {
        defaultMode = defaultMode == null ? CompatibilityMode.BACKWARD : defaultMode;
        modes = modes == null ? Map.of() : Map.copyOf(modes);
        failOn = failOn == null ? FailOn.BREAKING : failOn;
        ignores = ignores == null ? List.of() : List.copyOf(ignores);
        today = today == null ? LocalDate.now(java.time.ZoneOffset.UTC) : today;
        maxDepth = maxDepth <= 0 ? LineageGraph.UNBOUNDED : maxDepth;
    }

    public static GateOptions defaults() {
        return new GateOptions(null, null, null, null, null, 0);
    }

    public GateOptions withFailOn(FailOn f) {
        return new GateOptions(defaultMode, modes, f, ignores, today, maxDepth);
    }

    public GateOptions withMode(CompatibilityMode m) {
        return new GateOptions(m, modes, failOn, ignores, today, maxDepth);
    }

    public GateOptions withIgnores(List<IgnoreEntry> list, LocalDate date) {
        return new GateOptions(defaultMode, modes, failOn, list, date, maxDepth);
    }

    public Function<DatasetId, CompatibilityMode> modeLookup() {
        return id -> modes.getOrDefault(id, defaultMode);
    }
}
