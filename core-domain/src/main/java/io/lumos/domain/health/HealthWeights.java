package io.lumos.domain.health;

import java.time.Duration;

/**
 * How many of the 100 points each criterion of the metadata health score is worth, and how old a
 * schema may be before it counts as stale. The defaults favour what a data steward fixes first:
 * a description and an owner.
 *
 * @param description the dataset has a description
 * @param owners the dataset has at least one owner
 * @param fieldDescriptions share of fields (nested included) with a description, paid pro rata
 * @param tags the dataset has a tag or a glossary term
 * @param lineage the dataset has an upstream or a downstream edge
 * @param freshness the schema was seen or changed within {@code freshFor} of the snapshot
 */
public record HealthWeights(
        double description,
        double owners,
        double fieldDescriptions,
        double tags,
        double lineage,
        double freshness,
        Duration freshFor) {
    public static final HealthWeights DEFAULT = new HealthWeights(20, 20, 20, 10, 15, 15, Duration.ofDays(90));

    public HealthWeights {
        for (double w : new double[] {description, owners, fieldDescriptions, tags, lineage, freshness}) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("health weights must not be negative, was " + w);
            }
        }
        if (freshFor == null || freshFor.isNegative()) {
            throw new IllegalArgumentException("freshFor must be a positive duration");
        }
    }

    public double total() {
        return description + owners + fieldDescriptions + tags + lineage + freshness;
    }
}
