package io.lumos.domain.cost;

import java.math.BigDecimal;
import java.util.List;

/**
 * The result of cost attribution.
 *
 * @param problems one line each for what could not be used (a cost that is not a number, a
 *     cycle that stops the flow, declared shares above 100%)
 */
public record CostReport(
        List<DatasetCost> datasets,
        List<CostFlow> flows,
        List<CostTotal> byOwner,
        List<CostTotal> byDomain,
        List<String> problems) {
    public CostReport {
        datasets = List.copyOf(datasets);
        flows = List.copyOf(flows);
        byOwner = List.copyOf(byOwner);
        byDomain = List.copyOf(byDomain);
        problems = List.copyOf(problems);
    }

    public BigDecimal totalDirect() {
        return datasets.stream().map(DatasetCost::direct).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalAttributed() {
        return datasets.stream().map(DatasetCost::attributed).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
