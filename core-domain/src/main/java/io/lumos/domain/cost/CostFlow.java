package io.lumos.domain.cost;

import io.lumos.domain.DatasetId;
import java.math.BigDecimal;

/**
 * Cost passed from an upstream dataset to one consumer.
 *
 * @param share the fraction of the upstream's cost (0..1)
 * @param declared true when the share was declared (config or {@code cost.split.*} property), false
 *     when it is the equal split of what was left
 */
public record CostFlow(DatasetId from, DatasetId to, BigDecimal share, BigDecimal amount, boolean declared) {}
