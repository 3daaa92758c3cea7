package io.lumos.spi;

import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the catalogs hold now, as a source may read it before it hands over what it found. A source
 * whose facts carry the time they were stated (OpenLineage's {@code eventTime}) needs it to merge
 * by that time across runs and batches, as Marquez keeps each facet of the newest event: a fact
 * from an older event read later must not replace the newer one a catalog already holds. The
 * caller reads one catalog (the one it reads the present state from), and reuses what was read
 * when it writes the same datasets, so a batch costs no second read.
 */
public interface CatalogView {
    /**
     * Dataset properties under this prefix are a source's bookkeeping, kept with the dataset for
     * the next run to read (OpenLineage's event time of each fact): catalogs store them like any
     * property, but they are no metadata, so they make no version and no fingerprint change.
     */
    String STATE_PREFIX = "lumos.state.";

    /** No catalog to read (a dry run, a scan into memory): every dataset is new. */
    CatalogView NONE = new CatalogView() {
        @Override
        public Map<DatasetId, Dataset> datasets(Collection<DatasetId> ids) {
            return Map.of();
        }

        @Override
        public List<LineageEdge> upstreamEdges(DatasetId id) {
            return List.of();
        }
    };

    /** The datasets the catalog holds among {@code ids}, by id; the ones it does not hold are left out. */
    Map<DatasetId, Dataset> datasets(Collection<DatasetId> ids);

    /** The lineage edges into {@code id} as the catalog holds them (with their column mappings). */
    List<LineageEdge> upstreamEdges(DatasetId id);
}
