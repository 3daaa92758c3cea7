package io.lumos.platform.local;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.DataProduct;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.lineage.IntLineage;
import io.lumos.domain.usage.UsageSample;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.DatasetMerge;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.VersionAssigner;
import io.lumos.spi.VersionedDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The embedded catalog in one SQLite file: the {@link CatalogAdapter} the core sees. Each kind of
 * thing it stores has its own class, all sharing one connection and its hand-run transactions
 * ({@link CatalogDatabase}): datasets and their versions ({@link DatasetStore}), lineage ({@link
 * LineageStore}), data products ({@link ProductStore}), what each source found ({@link
 * IngestStateStore}), usage ({@link UsageStore}), assertion results ({@link AssertionResultStore})
 * and runs ({@link LocalRuns}). Every call takes this object's lock, as the stores expect.
 */
final class LocalCatalog implements CatalogAdapter {
    /** The file name that opens an empty catalog in memory, gone when it is closed. */
    static final String IN_MEMORY = ":memory:";

    private final CatalogDatabase db;
    private final DatasetStore datasetStore;
    private final LineageStore lineageStore;
    private final ProductStore productStore;
    private final IngestStateStore ingestStateStore;
    private final UsageStore usageStore;
    private final AssertionResultStore assertionStore;

    /** Opens the catalog for writing, creating the file (and its folder) when it is not there. */
    LocalCatalog(Path path, Duration busyTimeout, Clock clock) {
        this(path, busyTimeout, clock, false);
    }

    /**
     * An existing catalog for a read command, or empty when there is no file: nothing is created.
     * The connection refuses writes, reads a catalog this user may not write, sees what a running
     * writer committed, and leaves no -wal or -shm file behind in a folder that had none ({@link
     * CatalogDatabase.ReadOpen}).
     */
    static Optional<LocalCatalog> openExisting(Path path, Duration busyTimeout, Clock clock) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LocalCatalog(path, busyTimeout, clock, true));
        } catch (OlderSchema older) {
            // Written by an older Lumos: upgraded in place, as any write would, when this user may
            // write it (the migrations only add tables); else said, with what to do.
            Path folder = path.toAbsolutePath().getParent();
            if (!Files.isWritable(path) || folder == null || !Files.isWritable(folder)) {
                throw new LumosException(
                        ErrorCode.CATALOG_FAILED,
                        path + " was written by an older Lumos (catalog schema " + older.version
                                + ") and this user cannot upgrade it; run `lumos ingest` (any write) once as a user"
                                + " who may write it");
            }
            new LocalCatalog(path, busyTimeout, clock, false).close();
            return Optional.of(new LocalCatalog(path, busyTimeout, clock, true));
        }
    }

    /** A read-only open found a file of an older schema, which only a writable open can upgrade. */
    static final class OlderSchema extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int version;

        OlderSchema(int version) {
            super("catalog schema " + version, null, false, false);
            this.version = version;
        }
    }

    private LocalCatalog(Path path, Duration busyTimeout, Clock clock, boolean readOnly) {
        db = new CatalogDatabase(path, busyTimeout, clock, readOnly, this);
        datasetStore = new DatasetStore(db);
        lineageStore = new LineageStore(db);
        productStore = new ProductStore(db);
        ingestStateStore = new IngestStateStore(db);
        usageStore = new UsageStore(db);
        assertionStore = new AssertionResultStore(db);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Set<Capability> capabilities() {
        return LocalCatalogFactory.CAPABILITIES;
    }

    @Override
    public synchronized void writeDatasets(List<Dataset> datasets) {
        datasetStore.writeDatasets(datasets);
    }

    @Override
    public synchronized List<VersionedDataset> writeVersionedDatasets(
            List<Dataset> datasets, VersionAssigner assigner) {
        return datasetStore.writeVersionedDatasets(datasets, assigner);
    }

    @Override
    public synchronized List<VersionedDataset> writeVersionedDatasets(
            List<Dataset> datasets, DatasetMerge merge, VersionAssigner assigner) {
        return datasetStore.writeVersionedDatasets(datasets, merge, assigner);
    }

    @Override
    public synchronized void addOwner(DatasetId dataset, Owner owner) {
        datasetStore.addOwner(dataset, owner);
    }

    @Override
    public synchronized void removeOwner(DatasetId dataset, String ownerUrn) {
        datasetStore.removeOwner(dataset, ownerUrn);
    }

    @Override
    public synchronized void setLifecycle(DatasetId dataset, Lifecycle lifecycle) {
        datasetStore.setLifecycle(dataset, lifecycle);
    }

    @Override
    public synchronized void writeVersion(Dataset datasetAtVersion, DatasetVersion v) {
        datasetStore.writeVersion(datasetAtVersion, v);
    }

    @Override
    public synchronized long nextVersionCounter() {
        return datasetStore.nextVersionCounter();
    }

    @Override
    public synchronized Optional<Dataset> dataset(DatasetId id) {
        return datasetStore.dataset(id);
    }

    @Override
    public synchronized void forEachDataset(Consumer<Dataset> consumer) {
        datasetStore.forEachDataset(consumer);
    }

    @Override
    public synchronized List<Dataset> search(String query, int limit) {
        return datasetStore.search(query, limit);
    }

    @Override
    public synchronized List<DatasetVersion> versions(DatasetId id) {
        return datasetStore.versions(id);
    }

    @Override
    public synchronized Optional<Dataset> datasetAtVersion(DatasetId id, String version) {
        return datasetStore.datasetAtVersion(id, version);
    }

    @Override
    public synchronized void writeLineage(List<LineageEdge> edges) {
        lineageStore.writeLineage(edges);
    }

    @Override
    public synchronized void removeLineage(DatasetId upstream, DatasetId downstream) {
        lineageStore.removeLineage(upstream, downstream);
    }

    @Override
    public synchronized List<LineageEdge> upstreamEdges(DatasetId id) {
        return lineageStore.upstreamEdges(id);
    }

    @Override
    public synchronized List<LineageEdge> downstreamEdges(DatasetId id) {
        return lineageStore.downstreamEdges(id);
    }

    @Override
    public synchronized List<LineageEdge> lineageClosure(DatasetId id, boolean downstream, int depth) {
        return lineageStore.lineageClosure(id, downstream, depth);
    }

    @Override
    public synchronized Optional<IntLineage> lineageIndex(DatasetId from) {
        return lineageStore.lineageIndex(from);
    }

    @Override
    public synchronized List<LineageEdge> lineage() {
        return lineageStore.lineage();
    }

    @Override
    public synchronized void writeProducts(List<DataProduct> products) {
        productStore.writeProducts(products);
    }

    @Override
    public synchronized List<DataProduct> products() {
        return productStore.products();
    }

    @Override
    public synchronized void recordIngest(String source, java.util.Collection<DatasetId> datasets) {
        ingestStateStore.recordIngest(source, datasets);
    }

    @Override
    public synchronized Optional<Set<DatasetId>> lastIngest(String source) {
        return ingestStateStore.lastIngest(source);
    }

    @Override
    public synchronized void writeUsage(List<UsageSample> samples) {
        usageStore.writeUsage(samples);
    }

    @Override
    public synchronized List<UsageSample> usage() {
        return usageStore.usage();
    }

    @Override
    public synchronized void writeAssertionResults(List<AssertionResult> results) {
        assertionStore.writeAssertionResults(results);
    }

    @Override
    public synchronized List<AssertionResult> assertionResults() {
        return assertionStore.assertionResults();
    }

    @Override
    public synchronized CatalogSnapshot export() {
        List<Dataset> all = datasets();
        Map<DatasetId, List<DatasetVersion>> versions = new LinkedHashMap<>();
        for (Dataset d : all) {
            List<DatasetVersion> history = datasetStore.versions(d.id());
            if (!history.isEmpty()) {
                versions.put(d.id(), history);
            }
        }
        // The snapshot's time is the catalog's last change, so two exports of one catalog are identical.
        Instant newest = Instant.EPOCH;
        try (Statement s = db.connection.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT max(t) FROM (SELECT max(updated_at) AS t FROM datasets "
                                + "UNION ALL SELECT max(created_at) FROM lineage UNION ALL SELECT max(created_at) FROM versions)")) {
            if (rs.next() && rs.getString(1) != null) {
                newest = Instant.parse(rs.getString(1));
            }
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("exporting", e);
        }
        return new CatalogSnapshot(CatalogSnapshot.FORMAT_VERSION, newest, "lumos", all, lineage(), versions);
    }

    // ------------------------------------------------------------------ runs

    @Override
    public synchronized void emitRun(io.lumos.spi.run.RunEvent event) {
        db.begin();
        try {
            new LocalRuns(db.connection).write(event);
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("recording a run", e);
        }
    }

    @Override
    public synchronized void emitRuns(List<io.lumos.spi.run.RunEvent> events) {
        db.begin();
        try {
            new LocalRuns(db.connection).writeAll(events);
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("recording runs", e);
        }
    }

    @Override
    public synchronized List<io.lumos.spi.run.RunRecord> runs(io.lumos.spi.run.RunQuery query) {
        try {
            return new LocalRuns(db.connection).find(query);
        } catch (SQLException e) {
            throw db.failure("reading runs", e);
        }
    }

    @Override
    public synchronized Optional<io.lumos.spi.run.RunRecord> run(java.util.UUID runId) {
        try {
            return new LocalRuns(db.connection).get(runId);
        } catch (SQLException e) {
            throw db.failure("reading a run", e);
        }
    }

    @Override
    public synchronized Optional<io.lumos.spi.run.RunRecord> lastRunOf(DatasetId dataset, boolean output) {
        try {
            return new LocalRuns(db.connection).lastOf(dataset, output);
        } catch (SQLException e) {
            throw db.failure("reading runs", e);
        }
    }

    /** Run events that went to a dead-letter file (kind lumos-run) are recorded again; returns how many failed. */
    @Override
    public int replay(List<io.lumos.spi.DeadLetter> letters) {
        int failed = 0;
        for (io.lumos.spi.DeadLetter letter : letters) {
            if (!io.lumos.json.RunEventJson.KIND.equals(letter.kind())) {
                failed++;
                continue;
            }
            try {
                emitRun(io.lumos.json.RunEventJson.fromJson(letter.payload()));
            } catch (LumosException e) {
                failed++;
            }
        }
        return failed;
    }

    @Override
    public synchronized void close() {
        db.close();
    }
}
