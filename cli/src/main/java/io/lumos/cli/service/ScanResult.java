package io.lumos.cli.service;

import io.lumos.domain.Dataset;
import io.lumos.domain.LineageEdge;
import io.lumos.spi.ScanProblem;
import java.util.List;

/** What scanning one or more sources found. */
public record ScanResult(List<Dataset> datasets, List<LineageEdge> lineage, List<ScanProblem> problems) {
    public ScanResult {
        datasets = List.copyOf(datasets);
        lineage = List.copyOf(lineage);
        problems = List.copyOf(problems);
    }
}
