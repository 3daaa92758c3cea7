package io.lumos.domain.health;

import java.util.List;

/** Every dataset's health, and the roll-ups per owner and per domain, sorted by group name. */
public record HealthReport(List<DatasetHealth> datasets, List<HealthRollup> byOwner, List<HealthRollup> byDomain) {
    public HealthReport {
        datasets = List.copyOf(datasets);
        byOwner = List.copyOf(byOwner);
        byDomain = List.copyOf(byDomain);
    }

    public double averageScore() {
        return datasets.stream().mapToDouble(DatasetHealth::score).average().orElse(0);
    }
}
