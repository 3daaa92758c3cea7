package io.lumos.domain.health;

/**
 * Health summed up over a group of datasets (one owner, one domain).
 *
 * @param group the owner URN or domain name, or {@code (no owner)} / {@code (no domain)}
 * @param belowHalf how many datasets scored under 50
 */
public record HealthRollup(
        String group, int datasets, double averageScore, double minScore, double maxScore, int belowHalf) {
    public String grade() {
        return DatasetHealth.grade(averageScore);
    }
}
