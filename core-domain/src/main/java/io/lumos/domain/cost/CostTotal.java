package io.lumos.domain.cost;

import java.math.BigDecimal;

/**
 * Costs summed over a group (one owner or one domain). A dataset with several owners counts for
 * each of them in equal parts, so the totals over all owners add up to the catalog's total.
 */
public record CostTotal(String group, int datasets, BigDecimal direct, BigDecimal attributed) {}
