package io.lumos.spi;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.DataProduct;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A catalog: where the model is written and read back. Optional operations are default methods
 * that fail naming the capability; an adapter overrides those it declares in {@link #capabilities()}.
 * Writes are upserts keyed by dataset id (and by the two ends for lineage), so re-sending the same
 * input changes nothing.
 */
public interface CatalogAdapter extends AutoCloseable {
    /** The platform name, as in {@code platform:}. */
    String name();

    Set<Capability> capabilities();

    default boolean can(Capability capability) {
        return capabilities().contains(capability);
    }

    // ---- write

    /** Upserts datasets, their schema, owners, tags and properties. */
    default void writeDatasets(List<Dataset> datasets) {
        throw LumosException.unsupported(name(), Capability.WRITE);
    }

    /** Upserts lineage edges, with column mappings when {@link Capability#COLUMN_LINEAGE} is declared. */
    default void writeLineage(List<LineageEdge> edges) {
        throw LumosException.unsupported(name(), Capability.LINEAGE);
    }

    default void removeLineage(DatasetId upstream, DatasetId downstream) {
        throw LumosException.unsupported(name(), Capability.DELETE);
    }

    default void addOwner(DatasetId dataset, Owner owner) {
        throw LumosException.unsupported(name(), Capability.OWNERSHIP);
    }

    default void removeOwner(DatasetId dataset, String ownerUrn) {
        throw LumosException.unsupported(name(), Capability.DELETE);
    }

    /** Records a new version of a dataset, with the dataset as it was at that version. */
    default void writeVersion(Dataset datasetAtVersion, DatasetVersion version) {
        throw LumosException.unsupported(name(), Capability.VERSIONS);
    }

    /**
     * Writes datasets with the versions {@code assigner} chooses from what the catalog holds, and a
     * version row for each new version; returns them in the order given. A catalog with transactions
     * (the local one) does all of it in one transaction that holds its write lock from the first
     * read, so a dataset and its version commit together and concurrent writers take turns. This
     * default, for catalogs without transactions, reads, assigns, then writes datasets and versions.
     */
    default List<VersionedDataset> writeVersionedDatasets(List<Dataset> datasets, VersionAssigner assigner) {
        List<VersionedDataset> out = new ArrayList<>(datasets.size());
        for (Dataset d : datasets) {
            Optional<Dataset> current = dataset(d.id());
            DatasetVersion was = current.map(Dataset::version).orElse(null);
            DatasetVersion v = assigner.assign(d, current, this::nextVersionCounter);
            boolean isNew = v != null && (was == null || !was.cloudVersion().equals(v.cloudVersion()));
            out.add(new VersionedDataset(d.withVersion(v), isNew));
        }
        writeDatasets(out.stream().map(VersionedDataset::dataset).toList());
        for (VersionedDataset v : out) {
            if (v.newVersion()) {
                writeVersion(v.dataset(), v.dataset().version());
            }
        }
        return out;
    }

    /**
     * As {@link #writeVersionedDatasets(List, VersionAssigner)}, each dataset first merged by
     * {@code merge} with what the catalog holds: a catalog with transactions (the local one) calls it
     * inside the write transaction, with the dataset as committed there, before the version is
     * chosen, so a second writer's newer state between the source's read and this write is merged,
     * not overwritten. This default, for catalogs without transactions, writes the datasets as
     * given (the source merged them with what it read).
     */
    default List<VersionedDataset> writeVersionedDatasets(
            List<Dataset> datasets, DatasetMerge merge, VersionAssigner assigner) {
        return writeVersionedDatasets(datasets, assigner);
    }

    /**
     * Upserts data products, keyed by name, with the datasets each holds ({@link DataProduct#assets()}).
     * Catalogs without a product entity tag the datasets instead.
     */
    default void writeProducts(List<DataProduct> products) {
        throw LumosException.unsupported(name(), Capability.PRODUCTS);
    }

    /**
     * Sets a dataset's lifecycle (deprecated with a note and a date, removed, or active again) as a
     * change of that part alone: the rest of the dataset stays as stored.
     */
    default void setLifecycle(DatasetId dataset, Lifecycle lifecycle) {
        throw LumosException.unsupported(name(), Capability.LIFECYCLE);
    }

    /**
     * Remembers the datasets an ingest of a source found, replacing what it found before, so that
     * the next ingest can tell which datasets left the source.
     */
    default void recordIngest(String source, java.util.Collection<DatasetId> datasets) {
        throw LumosException.unsupported(name(), Capability.INGEST_STATE);
    }

    /** The datasets the last ingest of a source found, or empty when it never ran. */
    default Optional<Set<DatasetId>> lastIngest(String source) {
        throw LumosException.unsupported(name(), Capability.INGEST_STATE);
    }

    /** Pushes out anything buffered. Called at the end of every command that writes. */
    default void flush() {}

    // ---- read

    default Optional<Dataset> dataset(DatasetId id) {
        throw LumosException.unsupported(name(), Capability.READ);
    }

    /** Every dataset, in id order, handed one at a time so that large catalogs stream. */
    default void forEachDataset(Consumer<Dataset> consumer) {
        throw LumosException.unsupported(name(), Capability.READ);
    }

    default List<Dataset> datasets() {
        List<Dataset> out = new ArrayList<>();
        forEachDataset(out::add);
        return out;
    }

    /** Datasets whose name, description, field names or tags match the query, best first. */
    default List<Dataset> search(String query, int limit) {
        throw LumosException.unsupported(name(), Capability.SEARCH);
    }

    default List<LineageEdge> upstreamEdges(DatasetId id) {
        throw LumosException.unsupported(name(), Capability.LINEAGE_READ);
    }

    default List<LineageEdge> downstreamEdges(DatasetId id) {
        throw LumosException.unsupported(name(), Capability.LINEAGE_READ);
    }

    /**
     * The edges reachable from a dataset, walking downstream (or upstream) at most {@code depth}
     * hops: what an impact analysis needs, without loading the whole graph. Catalogs that can walk
     * lineage in one query override this.
     */
    default List<LineageEdge> lineageClosure(DatasetId id, boolean downstream, int depth) {
        List<LineageEdge> out = new ArrayList<>();
        java.util.Set<DatasetId> seen = new java.util.HashSet<>(List.of(id));
        List<DatasetId> frontier = List.of(id);
        for (int d = 0; d < depth && !frontier.isEmpty(); d++) {
            List<DatasetId> next = new ArrayList<>();
            for (DatasetId n : frontier) {
                for (LineageEdge e : downstream ? downstreamEdges(n) : upstreamEdges(n)) {
                    out.add(e);
                    DatasetId other = downstream ? e.downstream() : e.upstream();
                    if (seen.add(other)) {
                        next.add(other);
                    }
                }
            }
            frontier = next;
        }
        return out;
    }

    /**
     * The dataset lineage as integers, for walks of large graphs that should not read every edge
     * and URN ({@code lineage impact} of a dataset): at least every edge downstream of {@code from}
     * (the whole graph will do). Empty when this catalog does not number its datasets; callers then
     * use {@link #lineageClosure}. What it gives must equal the lineage edges this catalog stores.
     */
    default java.util.Optional<io.lumos.domain.lineage.IntLineage> lineageIndex(DatasetId from) {
        return java.util.Optional.empty();
    }

    /** Every lineage edge. */
    default List<LineageEdge> lineage() {
        throw LumosException.unsupported(name(), Capability.LINEAGE_READ);
    }

    /** Every data product, by name. */
    default List<DataProduct> products() {
        throw LumosException.unsupported(name(), Capability.PRODUCTS);
    }

    /** The version history of a dataset, oldest first. */
    default List<DatasetVersion> versions(DatasetId id) {
        throw LumosException.unsupported(name(), Capability.VERSIONS);
    }

    /** The dataset as it was at a version (cloud or schema version). */
    default Optional<Dataset> datasetAtVersion(DatasetId id, String version) {
        throw LumosException.unsupported(name(), Capability.VERSIONS);
    }

    /** The next value of the catalog-wide cloud version counter. */
    default long nextVersionCounter() {
        throw LumosException.unsupported(name(), Capability.VERSIONS);
    }

    /** The whole catalog; adapters with a cheaper way override this. */
    default CatalogSnapshot export() {
        List<Dataset> all = datasets();
        Map<DatasetId, List<DatasetVersion>> versions = new LinkedHashMap<>();
        Instant newest = Instant.EPOCH;
        if (can(Capability.VERSIONS)) {
            for (Dataset d : all) {
                List<DatasetVersion> history = versions(d.id());
                if (!history.isEmpty()) {
                    versions.put(d.id(), history);
                    for (DatasetVersion v : history) {
                        if (v.timestamp().isAfter(newest)) {
                            newest = v.timestamp();
                        }
                    }
                }
            }
        }
        List<LineageEdge> edges = can(Capability.LINEAGE_READ) ? lineage() : List.of();
        return new CatalogSnapshot(CatalogSnapshot.FORMAT_VERSION, newest, "lumos", all, edges, versions);
    }

    // ---- pipeline runs

    /**
     * Records one state change of a pipeline run (START, then COMPLETE, FAIL or ABORT). Adapters that
     * declare {@link Capability#RUNS} override this; {@link io.lumos.spi.run.RunTracker} calls only those.
     */
    default void emitRun(io.lumos.spi.run.RunEvent event) {
        throw LumosException.unsupported(name(), Capability.RUNS);
    }

    // ---- usage and assertions: time series beside the metadata, never in versions or snapshots

    /** Appends points of the usage time series. */
    default void writeUsage(List<io.lumos.domain.usage.UsageSample> samples) {
        throw LumosException.unsupported(name(), Capability.USAGE);
    }

    /** The usage time series, oldest first. */
    default List<io.lumos.domain.usage.UsageSample> usage() {
        throw LumosException.unsupported(name(), Capability.USAGE);
    }

    /** Appends assertion results; catalogs that know assertions also publish the assertion itself. */
    default void writeAssertionResults(List<io.lumos.domain.assertion.AssertionResult> results) {
        throw LumosException.unsupported(name(), Capability.ASSERTIONS);
    }

    /** Every stored assertion result, oldest first. */
    default List<io.lumos.domain.assertion.AssertionResult> assertionResults() {
        throw LumosException.unsupported(name(), Capability.ASSERTIONS);
    }

    /**
     * Records many state changes at once (runs an ingest or {@code lumos consume} read from
     * OpenLineage events), in order; adapters that can write them in one go override this.
     */
    default void emitRuns(List<io.lumos.spi.run.RunEvent> events) {
        for (io.lumos.spi.run.RunEvent e : events) {
            emitRun(e);
        }
    }

    /** Runs, newest first. Adapters that declare {@link Capability#RUNS_READ} override this. */
    default List<io.lumos.spi.run.RunRecord> runs(io.lumos.spi.run.RunQuery query) {
        throw LumosException.unsupported(name(), Capability.RUNS_READ);
    }

    /** One run by its id. */
    default Optional<io.lumos.spi.run.RunRecord> run(java.util.UUID runId) {
        throw LumosException.unsupported(name(), Capability.RUNS_READ);
    }

    /** The latest run that named the dataset as an output (or, with {@code output} false, an input). */
    default Optional<io.lumos.spi.run.RunRecord> lastRunOf(DatasetId dataset, boolean output) {
        throw LumosException.unsupported(name(), Capability.RUNS_READ);
    }

    // ---- delivery

    /** What was sent and what failed since the adapter was opened. */
    default EmitReport report() {
        return EmitReport.NONE;
    }

    /** Sends again what a dead-letter file holds for this platform; returns how many still failed. */
    default int replay(List<DeadLetter> letters) {
        throw new LumosException(
                ErrorCode.UNSUPPORTED_OPERATION, "the " + name() + " catalog writes no dead letters to replay");
    }

    @Override
    void close();
}
