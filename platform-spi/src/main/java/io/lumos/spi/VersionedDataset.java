package io.lumos.spi;

import static java.util.Objects.requireNonNull;

import io.lumos.domain.Dataset;

/**
 * A dataset as {@link CatalogAdapter#writeVersionedDatasets} wrote it, with the version it was
 * given, and whether that version is new (a version row was written with it).
 */
public record VersionedDataset(Dataset dataset, boolean newVersion) {
    public VersionedDataset {
        requireNonNull(dataset, "dataset");
    }
}
