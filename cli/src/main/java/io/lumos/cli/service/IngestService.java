package io.lumos.cli.service;

import io.lumos.cli.Session;
import io.lumos.cli.config.LumosConfig;
import io.lumos.cli.config.LumosConfig.SourceConfig;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.VersionPolicy;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.usage.UsageSample;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.DatasetMerge;
import io.lumos.spi.EmitReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Reporter;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import io.lumos.spi.VersionedDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the configured sources and writes what they find to every configured catalog, in batches as
 * the datasets arrive. With schema tracking on, each dataset is compared with its current version
 * in the catalog and a new version is made only when something changed.
 */
public final class IngestService {
    private static final int BATCH = 500;

    private final Session session;
    private final ChangeClassifier classifier;
    private final ScanService scans;

    public IngestService(Session session, ChangeClassifier classifier, ScanService scans) {
        this.session = session;
        this.classifier = classifier;
        this.scans = scans;
    }

    /** What an ingest did. */
    public record Result(
            int datasets,
            int newVersions,
            int lineageEdges,
            List<ScanProblem> problems,
            Map<String, EmitReport> emits,
            List<String> plannedVersions,
            Stale stale,
            List<AssertionResult> assertions,
            int usageSamples) {
        public Result(
                int datasets,
                int newVersions,
                int lineageEdges,
                List<ScanProblem> problems,
                Map<String, EmitReport> emits,
                List<String> plannedVersions) {
            this(datasets, newVersions, lineageEdges, problems, emits, plannedVersions, Stale.NONE, List.of(), 0);
        }

        /** The assertions that failed, worst first. */
        public List<AssertionResult> failedAssertions() {
            return assertions.stream().filter(AssertionResult::failed).toList();
        }

        public boolean failed() {
            return !problems.isEmpty() || emits.values().stream().anyMatch(EmitReport::hasFailures);
        }
    }

    /**
     * What {@code features.remove_stale} did: the datasets marked removed, and per source why
     * nothing was removed when the fail-safe stopped it.
     *
     * @param overShare true when a source would have lost more than the allowed share (exit 3)
     */
    public record Stale(List<DatasetId> removed, List<String> refusals, boolean overShare) {
        public static final Stale NONE = new Stale(List.of(), List.of(), false);

        public Stale {
            removed = List.copyOf(removed);
            refusals = List.copyOf(refusals);
        }
    }

    /**
     * What an ingest of these sources would write, without writing it: the datasets with the
     * config's owners and metadata applied as {@link #ingest} applies them, and the scanned and
     * declared lineage. The gate's current side with {@code -c CONFIG}.
     *
     * @param stored the dataset as the catalog (or a baseline) holds it now, for the owners and
     *     metadata other configs declared
     */
    public ScanResult plan(List<SourceConfig> sources, Function<DatasetId, Optional<Dataset>> stored) {
        ConfigRules rules = new ConfigRules(session.config());
        ScanResult scanned = scans.scan(sources);
        List<Dataset> datasets = new ArrayList<>(scanned.datasets().size());
        for (Dataset d : scanned.datasets()) {
            datasets.add(state(rules, d, stored.apply(d.id()).orElse(null)));
        }
        List<LineageEdge> lineage = new ArrayList<>(scanned.lineage());
        lineage.addAll(rules.lineage(null));
        return new ScanResult(datasets, lineage, scanned.problems());
    }

    /** A scanned dataset as the catalog is to hold it; the one place ingest and gate build it. */
    private static Dataset state(ConfigRules rules, Dataset scanned, Dataset stored) {
        Dataset d = rules.apply(scanned, stored);
        if (stored != null) {
            // a deprecation set with `lumos datasets deprecate` outlives re-ingests until undone;
            // a removal by the stale-dataset check does not: the dataset is back, so it is active
            Lifecycle held = Lifecycle.of(stored);
            if (held.by() != null && held.by().startsWith(Lifecycle.BY_HAND)) {
                d = held.applyTo(d);
            }
        }
        return d;
    }

    public Result ingest(List<SourceConfig> sources, boolean dryRun) {
        LumosConfig config = session.config();
        ConfigRules rules = new ConfigRules(config);
        List<CatalogAdapter> catalogs = dryRun ? List.of() : session.catalogs();
        Writer writer = new Writer(config, rules, catalogs, dryRun, null);
        List<ScanProblem> problems = new ArrayList<>();
        List<LineageEdge> lineage = new ArrayList<>();
        List<UsageSample> usage = new ArrayList<>();
        StaleDatasetCheck stale = new StaleDatasetCheck(session, config, catalogs, dryRun);
        java.util.Set<String> runsRefused = new java.util.HashSet<>();
        RunWriter runs = new RunWriter(catalogs, (c, e) -> {
            if (runsRefused.add(c.name())) {
                session.reporter()
                        .warn("the " + c.name() + " catalog did not record the runs the sources read: " + e.getMessage()
                                + "; the datasets and lineage are still written");
            }
        });
        try (Reporter.Progress progress = session.reporter().progress("ingest", -1)) {
            for (SourceConfig source : sources) {
                java.util.Set<DatasetId> found = java.util.concurrent.ConcurrentHashMap.newKeySet();
                int problemsBefore = problems.size();
                ScanSink sink = new ScanSink() {
                    @Override
                    public void dataset(Dataset dataset) {
                        found.add(dataset.id());
                        writer.add(dataset);
                        progress.step(1);
                    }

                    @Override
                    public void lineage(LineageEdge edge) {
                        synchronized (lineage) {
                            lineage.add(edge);
                        }
                    }

                    @Override
                    public void usage(UsageSample sample) {
                        synchronized (usage) {
                            usage.add(sample);
                        }
                    }

                    @Override
                    public void run(io.lumos.spi.run.RunEvent event) {
                        runs.add(event);
                    }

                    @Override
                    public io.lumos.spi.CatalogView catalog() {
                        return writer.reads;
                    }

                    @Override
                    public void problem(ScanProblem problem) {
                        ScanProblem p = problem.source() == null
                                ? new ScanProblem(
                                        source.name(),
                                        problem.location(),
                                        problem.message(),
                                        problem.code(),
                                        problem.cause())
                                : problem;
                        synchronized (problems) {
                            problems.add(p);
                        }
                        session.reporter().warn(p.toString());
                    }
                };
                try {
                    scans.run(source, sink);
                } catch (LumosException e) {
                    if (e.code().kind() == ErrorCode.Kind.USER) {
                        throw e;
                    }
                    ScanProblem p = ScanService.sourceProblem(source, e);
                    problems.add(p);
                    session.reporter().warn(p.toString());
                }
                writer.flush();
                runs.flush();
                int sourceProblems;
                synchronized (problems) {
                    sourceProblems = problems.size() - problemsBefore;
                }
                stale.check(source.name(), found, sourceProblems, writer.stateStore);
            }
        }
        lineage.addAll(rules.lineage(null));
        List<AssertionResult> assertions = new ArrayList<>(writer.assertions);
        assertions.sort(AssertionResult.ORDER);
        usage.sort(java.util.Comparator.comparing(UsageSample::dataset).thenComparing(UsageSample::origin));
        if (!dryRun && !writer.products.isEmpty()) {
            writeProducts(writer);
        }
        if (!dryRun) {
            for (CatalogAdapter c : catalogs) {
                if (!lineage.isEmpty() && c.can(Capability.LINEAGE)) {
                    c.writeLineage(lineage);
                }
                // Usage and assertion results go beside the metadata: no version, no snapshot change.
                if (!usage.isEmpty() && c.can(Capability.USAGE)) {
                    c.writeUsage(usage);
                }
                if (!assertions.isEmpty() && (c.can(Capability.ASSERTIONS) || c.can(Capability.ASSERTION_EVENTS))) {
                    c.writeAssertionResults(assertions);
                }
                c.flush();
            }
        }
        if (!dryRun) {
            catalogs.forEach(c -> cannotHold(c, !writer.products.isEmpty(), usage.size(), assertions.size()));
        }
        Map<String, EmitReport> emits = new LinkedHashMap<>();
        for (CatalogAdapter c : catalogs) {
            emits.put(c.name(), c.report());
        }
        return new Result(
                writer.datasets,
                writer.newVersions,
                lineage.size(),
                problems,
                emits,
                writer.planned,
                stale.result(),
                assertions,
                usage.size());
    }

    /**
     * The migration's fidelity report for what a catalog has no place for (Marquez: data products,
     * usage): one warning per catalog, so nobody believes it arrived.
     */
    private void cannotHold(CatalogAdapter c, boolean products, int usage, int assertions) {
        List<String> lost = new ArrayList<>();
        if (products && !c.can(Capability.PRODUCTS)) {
            lost.add("data products (its datasets carry product:NAME tags instead)");
        }
        if (usage > 0 && !c.can(Capability.USAGE)) {
            lost.add("usage (" + usage + " sample(s))");
        }
        if (assertions > 0 && !c.can(Capability.ASSERTIONS) && !c.can(Capability.ASSERTION_EVENTS)) {
            lost.add("assertion results (" + assertions + ")");
        }
        if (!lost.isEmpty()) {
            session.reporter().warn(c.name() + " cannot hold: " + String.join(", ", lost));
        }
    }

    /** The config's products, holding what the catalog now has (and what this run wrote). */
    private void writeProducts(Writer writer) {
        Map<DatasetId, Dataset> known = new java.util.TreeMap<>();
        if (writer.stateStore != null && !writer.stateUnreachable) {
            try {
                writer.stateStore.forEachDataset(d -> {
                    if (!writer.products.productsOf(d.id()).isEmpty()) {
                        known.put(d.id(), d);
                    }
                });
            } catch (LumosException e) {
                if (e.code().kind() != ErrorCode.Kind.EXTERNAL) {
                    throw e;
                }
                session.reporter().warn("data products hold only the datasets this run wrote: " + e.getMessage());
            }
        }
        writer.written.forEach(known::putIfAbsent);
        List<io.lumos.domain.DataProduct> products = writer.products.resolve(known.values());
        for (CatalogAdapter c : writer.catalogs) {
            if (c.can(Capability.PRODUCTS)) {
                c.writeProducts(products);
            }
        }
    }

    /** What one {@link #writeBatch} wrote. */
    public record BatchResult(int datasets, int newVersions, int lineageEdges) {}

    /**
     * Writes one batch of a continuous source ({@code lumos consume}) to every configured catalog
     * through the same rules and versioning as {@link #ingest}, then flushes them: when this
     * returns, the catalogs took the batch. Writing the same batch again gives no new versions.
     *
     * @throws LumosException when a catalog did not take the batch (it failed, or an emit went to
     *     its dead-letter file); the caller keeps the batch and tries again
     */
    public BatchResult writeBatch(List<Dataset> datasets, List<LineageEdge> lineage) {
        return writeBatch(datasets, lineage, List.of());
    }

    /** As above, and the run state changes the batch's events stated, to the catalogs that record runs. */
    public BatchResult writeBatch(
            List<Dataset> datasets, List<LineageEdge> lineage, List<io.lumos.spi.run.RunEvent> runEvents) {
        return writeBatch(datasets, lineage, runEvents, null);
    }

    /** What the catalogs hold now, for a streaming source to build a batch with (then written with it). */
    public io.lumos.spi.CatalogView catalogView() {
        return new CatalogReads(
                CatalogReads.stateStore(session.config().features().schemaTracking(), session.catalogs()));
    }

    /**
     * As above, with the view the batch was built with ({@link #catalogView}; null: none), whose
     * reads the writer reuses; when it could not read the catalog, this throws before writing.
     */
    public BatchResult writeBatch(
            List<Dataset> datasets,
            List<LineageEdge> lineage,
            List<io.lumos.spi.run.RunEvent> runEvents,
            io.lumos.spi.CatalogView view) {
        return writeBatch(datasets, lineage, runEvents, view, DatasetMerge.NONE);
    }

    /**
     * As above, with the source's {@code merge} ({@link io.lumos.spi.StreamingSource.Batch#merge}) done again by
     * the version store inside its write transaction, with each dataset as committed there: another
     * consumer's write since the batch's read is merged, not overwritten.
     */
    public BatchResult writeBatch(
            List<Dataset> datasets,
            List<LineageEdge> lineage,
            List<io.lumos.spi.run.RunEvent> runEvents,
            io.lumos.spi.CatalogView view,
            DatasetMerge merge) {
        CatalogReads reads = view instanceof CatalogReads r ? r.requireRead() : null;
        LumosConfig config = session.config();
        List<CatalogAdapter> catalogs = session.catalogs();
        Map<String, Long> failedBefore = new LinkedHashMap<>();
        for (CatalogAdapter c : catalogs) {
            failedBefore.put(c.name(), c.report().failed());
        }
        Writer writer = new Writer(config, new ConfigRules(config), catalogs, false, reads);
        writer.merge = merge;
        for (Dataset d : datasets) {
            writer.add(d);
        }
        writer.flush();
        RunWriter runs = new RunWriter(catalogs, (c, e) -> {
            throw e;
        });
        runEvents.forEach(runs::add);
        runs.flush();
        for (CatalogAdapter c : catalogs) {
            if (!lineage.isEmpty() && c.can(Capability.LINEAGE)) {
                c.writeLineage(lineage);
            }
            c.flush();
        }
        for (CatalogAdapter c : catalogs) {
            long failed = c.report().failed() - failedBefore.get(c.name());
            if (failed > 0) {
                throw new LumosException(
                        ErrorCode.EMIT_FAILED,
                        c.name() + " did not take " + failed + " emit(s) of the batch (they are also in "
                                + c.report().deadLetterFile() + ")");
            }
        }
        return new BatchResult(writer.datasets, writer.newVersions, lineage.size());
    }

    /** Batches datasets, applies config rules and versioning, and writes each batch to every catalog. */
    private final class Writer {
        private final ConfigRules rules;
        private final List<CatalogAdapter> catalogs;
        private final boolean dryRun;
        private final VersionChoice versions;
        private final CatalogAdapter versionStore;
        /** Where the present state of each dataset is read from (other configs' declarations). */
        private final CatalogAdapter stateStore;

        private final ProductRules products;
        /** What this run wrote, by id, for the products' assets when no catalog can be read back. */
        private final Map<DatasetId, Dataset> written = new java.util.TreeMap<>();

        private final List<Dataset> batch = new ArrayList<>();
        private final List<String> planned = new ArrayList<>();
        private final AssertionRules assertionRules;
        private final List<AssertionResult> assertions = new ArrayList<>();
        private int datasets;
        private int newVersions;

        /** What a source read of the state store (OpenLineage's merge by event time), for {@link #stored}. */
        private final CatalogReads reads;

        Writer(
                LumosConfig config,
                ConfigRules rules,
                List<CatalogAdapter> catalogs,
                boolean dryRun,
                CatalogReads reads) {
            this.rules = rules;
            this.catalogs = catalogs;
            this.dryRun = dryRun;
            this.assertionRules = new AssertionRules(config);
            this.products = new ProductRules(config);
            List<CatalogAdapter> candidates = dryRun ? session.existingCatalogs() : catalogs;
            this.versionStore = CatalogReads.versionStore(config.features().schemaTracking(), candidates);
            this.versions = new VersionChoice(
                    new VersionPolicy(config.cloudVersionPrefix()),
                    CompatibilityModes.of(config),
                    classifier,
                    versionStore,
                    session.clock(),
                    session.env().getOrDefault("USER", "lumos"),
                    planned);
            this.stateStore = CatalogReads.stateStore(config.features().schemaTracking(), candidates);
            this.reads = reads != null ? reads : new CatalogReads(stateStore);
        }

        /** The source's merge by event time, done again inside the version store's write. */
        private DatasetMerge merge = DatasetMerge.NONE;

        /** Per dataset of the batch (with a merge): as the source built it, and what it read to build it. */
        private final Map<DatasetId, Built> builtFrom = new HashMap<>();

        private record Built(Dataset dataset, Dataset read) {}

        synchronized void add(Dataset dataset) {
            Dataset stored = stored(dataset);
            Dataset state = state(rules, dataset, stored);
            if (merge != DatasetMerge.NONE) {
                builtFrom.put(dataset.id(), new Built(dataset, stored));
            }
            batch.add(state);
            if (!assertionRules.isEmpty()) {
                assertions.addAll(
                        assertionRules.evaluate(state, stored, session.clock().instant(), "ingest"));
            }
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        /**
         * The dataset as the state store holds it (for what other configs declared), or null. A store
         * that cannot be reached (an outage) is said once and then left alone: the dataset is still
         * written, with what this config declares, so its writes reach the catalog or its dead letters
         * instead of being dropped.
         */
        private Dataset stored(Dataset dataset) {
            if (stateStore == null || stateUnreachable) {
                return null;
            }
            Optional<Dataset> read = reads.take(dataset.id());
            if (read != null) {
                return read.orElse(null);
            }
            if (reads.failure() != null) {
                unreachable(reads.failure());
                return null;
            }
            try {
                return stateStore.dataset(dataset.id()).orElse(null);
            } catch (LumosException e) {
                if (e.code().kind() != ErrorCode.Kind.EXTERNAL) {
                    throw e;
                }
                unreachable(e);
                return null;
            }
        }

        private void unreachable(LumosException e) {
            stateUnreachable = true;
            session.reporter()
                    .warn("cannot read what the " + stateStore.name() + " catalog holds (" + e.getMessage()
                            + "); writing what this config declares, without other configs' declarations"
                            + " (and OpenLineage facts without the merge by event time)");
        }

        private boolean stateUnreachable;

        synchronized void flush() {
            if (batch.isEmpty()) {
                return;
            }
            // Sources hand datasets over as parallel reads finish; id order makes versions repeatable.
            batch.sort(java.util.Comparator.comparing(Dataset::id));
            List<Dataset> in = new ArrayList<>(batch);
            batch.clear();
            datasets += in.size();
            if (versionStore == null) {
                remember(in);
                if (!dryRun) {
                    for (CatalogAdapter c : catalogs) {
                        c.writeDatasets(forCatalog(c, in));
                    }
                }
                return;
            }
            List<VersionedDataset> versioned;
            if (dryRun) {
                versioned = new ArrayList<>(in.size());
                for (Dataset d : in) {
                    Optional<Dataset> current = versionStore.dataset(d.id());
                    DatasetVersion was = current.map(Dataset::version).orElse(null);
                    DatasetVersion v = versions.assign(d, current, () -> ++dryRunCounter);
                    versioned.add(new VersionedDataset(
                            d.withVersion(v),
                            v != null && (was == null || !was.cloudVersion().equals(v.cloudVersion()))));
                }
            } else {
                // The catalog chooses versions inside its write transaction, from what is committed
                // there: a killed run or a second writer cannot make two histories of one dataset.
                versioned = versionStore.writeVersionedDatasets(
                        forCatalog(versionStore, in), this::mergeAgain, versions::assign);
                builtFrom.clear();
            }
            newVersions += (int)
                    versioned.stream().filter(VersionedDataset::newVersion).count();
            List<Dataset> out =
                    versioned.stream().map(VersionedDataset::dataset).toList();
            remember(out);
            if (dryRun) {
                return;
            }
            for (CatalogAdapter c : catalogs) {
                if (c == versionStore) {
                    continue;
                }
                c.writeDatasets(forCatalog(c, out));
                if (c.can(Capability.VERSIONS)) {
                    for (VersionedDataset v : versioned) {
                        if (v.newVersion()) {
                            c.writeVersion(v.dataset(), v.dataset().version());
                        }
                    }
                }
            }
        }

        /**
         * {@code d} as the version store is to hold it, given what it holds now inside its write:
         * when that is not what the source merged with (another writer committed since), the
         * source's merge again with it, then this config's rules as {@link #add} applied them.
         */
        private Dataset mergeAgain(Dataset d, Optional<Dataset> current) {
            Built from = builtFrom.get(d.id());
            if (from == null) {
                return d;
            }
            Dataset now = current.orElse(null);
            boolean unchanged = now == null
                    ? from.read() == null
                    : from.read() != null && now.equals(from.read().withVersion(now.version()));
            if (unchanged) {
                return d; // what the source read is what is committed: merged already
            }
            Dataset state = state(rules, merge.merge(from.dataset(), current), now);
            return forCatalog(versionStore, List.of(state)).get(0);
        }

        /** What this run wrote, for the products' assets when no catalog can be read back. */
        private void remember(List<Dataset> out) {
            if (!products.isEmpty()) {
                out.forEach(d -> written.put(d.id(), d));
            }
        }

        /** A catalog without a product entity (Marquez) gets the datasets carrying their products as tags. */
        private List<Dataset> forCatalog(CatalogAdapter c, List<Dataset> datasets) {
            if (products.isEmpty() || c.can(Capability.PRODUCTS)) {
                return datasets;
            }
            return datasets.stream().map(products::tagged).toList();
        }

        private long dryRunCounter;
    }
}
