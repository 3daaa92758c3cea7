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

    /** The catalog that keeps versions and reads (with schema tracking on): the version store, or null. */
    static CatalogAdapter versionStore(boolean schemaTracking, List<CatalogAdapter> catalogs) {
        if (schemaTracking) {
            for (CatalogAdapter c : catalogs) {
                if (c.can(Capability.VERSIONS) && c.can(Capability.READ)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Where the present state of each dataset is read: the version store, else the first that reads. */
    static CatalogAdapter stateStore(boolean schemaTracking, List<CatalogAdapter> catalogs) {
        CatalogAdapter store = versionStore(schemaTracking, catalogs);
        for (int i = 0; store == null && i < catalogs.size(); i++) {
            if (catalogs.get(i).can(Capability.READ)) {
                store = catalogs.get(i);
            }
        }
        return store;
    }

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

    /** This, when the store could be read; else it throws why (a batch built with it is not written). */
    synchronized CatalogReads requireRead() {
        if (failure != null) {
            throw new LumosException(
                    failure.code(),
                    "could not read what the catalog holds to merge the batch by event time: " + failure.getMessage(),
                    failure);
        }
        return this;
    }

    /** Why the store could not be read, or null. */
    synchronized LumosException failure() {
        return failure;
    }
}
