package io.lumos.cli.service;

import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.CatalogView;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the ingest's state store holds, as a source reads it before it hands datasets over
 * ({@link CatalogView}: OpenLineage merges by event time with it). What was read is kept until the
 * writer asks for the same dataset ({@link #take}), so a dataset costs one read, not two. A store
 * that cannot be reached is remembered ({@link #failure}) instead of thrown from inside a source:
 * {@code consume} then fails the batch before writing it (it is read again after a backoff), and
 * {@code ingest} says it once and writes what it read.
 */
final class CatalogReads implements CatalogView {
    private final CatalogAdapter store;
    private final Map<DatasetId, Optional<Dataset>> read = new HashMap<>();
    private LumosException failure;

    /** @param store where the present state is read (null: none can be read) */
    CatalogReads(CatalogAdapter store) {
        this.store = store;
    }

    @Override
    public synchronized Map<DatasetId, Dataset> datasets(Collection<DatasetId> ids) {
        Map<DatasetId, Dataset> out = new HashMap<>();
        if (store == null || failure != null) {
            return out;
        }
        try {
            for (DatasetId id : ids) {
                Optional<Dataset> d = read.get(id);
                if (d == null) {
                    d = store.dataset(id);
                    read.put(id, d);
                }
                d.ifPresent(x -> out.put(id, x));
            }
        } catch (LumosException e) {
            if (e.code().kind() != ErrorCode.Kind.EXTERNAL) {
                throw e;
            }
            failure = e;
            return Map.of();
        }
        return out;
    }

    @Override
    public synchronized List<LineageEdge> upstreamEdges(DatasetId id) {
        if (store == null || failure != null || !store.can(Capability.LINEAGE_READ)) {
            return List.of();
        }
        try {
            return store.upstreamEdges(id);
        } catch (LumosException e) {
            if (e.code().kind() != ErrorCode.Kind.EXTERNAL) {
                throw e;
            }
            failure = e;
            return List.of();
        }
    }

    /**
     * What was read of {@code id} for the writer, once (a second ask reads the store again: the
     * writer may have written it since); null when it was not read here.
     */
    synchronized Optional<Dataset> take(DatasetId id) {
        return read.remove(id);
    }

    /** Why the store could not be read, or null. */
    synchronized LumosException failure() {
        return failure;
    }
}
