package io.lumos.domain.health;

/**
 * Points earned on one criterion.
 *
 * @param reason why points were lost, or null when all were earned
 */
public record CriterionScore(Criterion criterion, double weight, double points, String reason) {
    public double lost() {
        return weight - points;
    }
}
