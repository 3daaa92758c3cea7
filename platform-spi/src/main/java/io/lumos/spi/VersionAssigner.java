package io.lumos.spi;

import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetVersion;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Chooses the version a dataset is written with, from what the catalog holds. A catalog that keeps
 * versions calls it inside its write transaction ({@link CatalogAdapter#writeVersionedDatasets}), so
 * the choice rests on what is committed: two writers never both make a first version, and a
 * re-run after {@code kill -9} continues from what the killed run committed.
 */
@FunctionalInterface
public interface VersionAssigner {
    /**
     * The version to store a dataset with, chosen inside the catalog's write.
     *
     * @param incoming the dataset to write; its own version is ignored
     * @param current the dataset as the catalog holds it, with its newest stored version (null when
     *     no version of it is stored), or empty when the catalog does not hold it. The assigner may
     *     read the catalog's version history too: it runs inside the write.
     * @param counter the catalog's next cloud version counter, taken in the same transaction (a
     *     rolled-back write gives its numbers back)
     * @return {@code current}'s version when nothing changed, a new version otherwise, or null to
     *     write the dataset without one
     */
    DatasetVersion assign(Dataset incoming, Optional<Dataset> current, LongSupplier counter);
}
