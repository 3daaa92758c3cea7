package io.lumos.spi;

import io.lumos.domain.Dataset;
import java.util.Optional;

/**
 * Merges a dataset a source built with what the catalog holds, for a source whose facts carry the
 * time they were stated (OpenLineage's event time). The source built {@code dataset} from what it
 * read before; another writer (a second {@code lumos consume} of the group) may have committed a
 * newer state of it since. A catalog with transactions calls this inside its write transaction
 * ({@link CatalogAdapter#writeVersionedDatasets(java.util.List, DatasetMerge, VersionAssigner)}),
 * with the dataset as committed there, so the read, the merge and the write are one step for other
 * writers; catalogs without transactions write {@code dataset} as built.
 */
@FunctionalInterface
public interface DatasetMerge {
    /** Writes what was built: the source merges nothing, or merged it already. */
    DatasetMerge NONE = (dataset, current) -> dataset;

    /**
     * The dataset to write.
     *
     * @param dataset as the source built it (from what it read of the catalog before)
     * @param current as the catalog holds it now, inside the write, or empty when it holds none
     */
    Dataset merge(Dataset dataset, Optional<Dataset> current);
}
