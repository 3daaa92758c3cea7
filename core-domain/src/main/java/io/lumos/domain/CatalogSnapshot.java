package io.lumos.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The whole content of a catalog as one value: what {@code snapshot export} writes and
 * {@code snapshot import}, {@code diff} and {@code extract} read. Datasets, lineage and versions
 * are kept sorted so that two exports of the same catalog are equal.
 */
public record CatalogSnapshot(
        int formatVersion,
        Instant createdAt,
        String producer,
        List<Dataset> datasets,
        List<LineageEdge> lineage,
        Map<DatasetId, List<DatasetVersion>> versions) {
    public static final int FORMAT_VERSION = 1;

    public CatalogSnapshot {
        requireNonNull(createdAt, "createdAt");
        producer = producer == null ? "lumos" : producer;
        datasets = datasets.stream().sorted(Comparator.comparing(Dataset::id)).toList();
        lineage = lineage.stream()
                .sorted(Comparator.comparing(LineageEdge::downstream).thenComparing(LineageEdge::upstream))
                .toList();
        java.util.TreeMap<DatasetId, List<DatasetVersion>> sorted = new java.util.TreeMap<>();
        versions.forEach((id, list) ->
                sorted.put(id, list.stream().sorted(VersionPolicy.OLDEST_FIRST).toList()));
        versions = java.util.Collections.unmodifiableSortedMap(sorted);
    }

    public static CatalogSnapshot of(Instant createdAt, List<Dataset> datasets, List<LineageEdge> lineage) {
        return new CatalogSnapshot(FORMAT_VERSION, createdAt, "lumos", datasets, lineage, Map.of());
    }
}
