package io.lumos.domain.cost;

import io.lumos.domain.DatasetId;

/**
 * Cost passed from an upstream dataset to one consumer.
 *
 * @param share the fraction of the upstream's cost (0..1)
 * @param declared true when the share was declared (config or {@code cost.split.*} property), false
 *     when it is the equal split of what was left
 */
public record CostFlow(DatasetId from, DatasetId to, double share, double amount, boolean declared) {}
