package io.lumos.cli.service;

import io.lumos.cli.Session;
import io.lumos.cli.config.LumosConfig;
import io.lumos.cli.config.LumosConfig.SourceConfig;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.VersionPolicy;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.domain.usage.UsageSample;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.EmitReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Reporter;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import java.time.Instant;
import java.util.ArrayList;
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

    public IngestService(Session session, ChangeClassifier classifier) {
        this.session = session;
        this.classifier = classifier;
    }

    /** What an ingest did. */
    public record Result(
            int datasets,
            int newVersions,
            int lineageEdges,
            List<ScanProblem> problems,
            Map<String, EmitReport> emits,
            List<String> plannedVersions,
            List<AssertionResult> assertions,
            int usageSamples) {
        public Result(
                int datasets,
                int newVersions,
                int lineageEdges,
                List<ScanProblem> problems,
                Map<String, EmitReport> emits,
                List<String> plannedVersions) {
            this(datasets, newVersions, lineageEdges, problems, emits, plannedVersions, List.of(), 0);
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
     * What an ingest of these sources would write, without writing it: the datasets with the
     * config's owners and metadata applied as {@link #ingest} applies them, and the scanned and
     * declared lineage. The gate's current side with {@code -c CONFIG}.
     *
     * @param stored the dataset as the catalog (or a baseline) holds it now, for the owners and
     *     metadata other configs declared
     */
    public ScanResult plan(List<SourceConfig> sources, Function<DatasetId, Optional<Dataset>> stored) {
        ConfigRules rules = new ConfigRules(session.config());
        ScanResult scanned = new ScanService(session).scan(sources);
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
        return rules.apply(scanned, stored);
    }

    public Result ingest(List<SourceConfig> sources, boolean dryRun) {
        LumosConfig config = session.config();
        ConfigRules rules = new ConfigRules(config);
        List<CatalogAdapter> catalogs = dryRun ? List.of() : session.catalogs();
        Writer writer = new Writer(config, rules, catalogs, dryRun);
        ScanService scans = new ScanService(session);
        List<ScanProblem> problems = new ArrayList<>();
        List<LineageEdge> lineage = new ArrayList<>();
        List<UsageSample> usage = new ArrayList<>();
        try (Reporter.Progress progress = session.reporter().progress("ingest", -1)) {
            for (SourceConfig source : sources) {
                ScanSink sink = new ScanSink() {
                    @Override
                    public void dataset(Dataset dataset) {
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
                    ScanProblem p = new ScanProblem(source.name(), source.name(), e.getMessage(), e.code(), e);
                    problems.add(p);
                    session.reporter().warn(p.toString());
                }
                writer.flush();
            }
        }
        lineage.addAll(rules.lineage(null));
        List<AssertionResult> assertions = new ArrayList<>(writer.assertions);
        assertions.sort(AssertionResult.ORDER);
        usage.sort(java.util.Comparator.comparing(UsageSample::dataset).thenComparing(UsageSample::origin));
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
                assertions,
                usage.size());
    }

    /** Batches datasets, applies config rules and versioning, and writes each batch to every catalog. */
    private final class Writer {
        private final LumosConfig config;
        private final ConfigRules rules;
        private final List<CatalogAdapter> catalogs;
        private final boolean dryRun;
        private final VersionPolicy policy;
        private final CatalogAdapter versionStore;
        /** Where the present state of each dataset is read from (other configs' declarations). */
        private final CatalogAdapter stateStore;

        private final CompatibilityModes modes;
        private final List<Dataset> batch = new ArrayList<>();
        private final List<String> planned = new ArrayList<>();
        private final AssertionRules assertionRules;
        private final List<AssertionResult> assertions = new ArrayList<>();
        private int datasets;
        private int newVersions;

        Writer(LumosConfig config, ConfigRules rules, List<CatalogAdapter> catalogs, boolean dryRun) {
            this.config = config;
            this.rules = rules;
            this.catalogs = catalogs;
            this.dryRun = dryRun;
            this.policy = new VersionPolicy(config.cloudVersionPrefix());
            this.modes = CompatibilityModes.of(config);
            this.assertionRules = new AssertionRules(config);
            CatalogAdapter store = null;
            if (config.features().schemaTracking()) {
                List<CatalogAdapter> candidates = dryRun ? session.catalogs() : catalogs;
                for (CatalogAdapter c : candidates) {
                    if (c.can(Capability.VERSIONS) && c.can(Capability.READ)) {
                        store = c;
                        break;
                    }
                }
            }
            this.versionStore = store;
            CatalogAdapter state = store;
            for (CatalogAdapter c : dryRun ? session.catalogs() : catalogs) {
                if (state == null && c.can(Capability.READ)) {
                    state = c;
                }
            }
            this.stateStore = state;
        }

        synchronized void add(Dataset dataset) {
            Dataset stored =
                    stateStore == null ? null : stateStore.dataset(dataset.id()).orElse(null);
            Dataset state = state(rules, dataset, stored);
            batch.add(state);
            if (!assertionRules.isEmpty()) {
                assertions.addAll(
                        assertionRules.evaluate(state, stored, session.clock().instant(), "ingest"));
            }
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        synchronized void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<Dataset> out = new ArrayList<>(batch.size());
            List<Dataset> versioned = new ArrayList<>();
            // Sources hand datasets over as parallel reads finish; id order makes versions repeatable.
            batch.sort(java.util.Comparator.comparing(Dataset::id));
            for (Dataset d : batch) {
                Dataset v = versionStore == null ? d : version(d);
                out.add(v);
                if (v.version() != null && (d.version() == null || v.version() != d.version()) && isNew(v)) {
                    versioned.add(v);
                }
            }
            batch.clear();
            datasets += out.size();
            newVersions += versioned.size();
            if (dryRun) {
                return;
            }
            for (CatalogAdapter c : catalogs) {
                c.writeDatasets(out);
                if (c.can(Capability.VERSIONS)) {
                    for (Dataset v : versioned) {
                        c.writeVersion(v, v.version());
                    }
                }
            }
        }

        private final Map<String, Boolean> fresh = new LinkedHashMap<>();
        private long dryRunCounter;

        /** The next cloud version counter; a dry run does not consume the catalog's. */
        private long counter() {
            return dryRun ? ++dryRunCounter : versionStore.nextVersionCounter();
        }

        private boolean isNew(Dataset d) {
            return Boolean.TRUE.equals(fresh.remove(d.id().urn()));
        }

        /** The dataset with its current version: the stored one when nothing changed, else a new one. */
        private Dataset version(Dataset d) {
            Optional<Dataset> stored = versionStore.dataset(d.id());
            String fingerprint = Fingerprints.of(d);
            DatasetVersion previous = stored.map(Dataset::version).orElse(null);
            if (previous != null && fingerprint.equals(previous.schemaFingerprint())) {
                return d.withVersion(previous);
            }
            Instant now = session.clock().instant();
            String author = session.env().getOrDefault("USER", "lumos");
            DatasetVersion next;
            if (previous == null || stored.isEmpty()) {
                next = policy.initial(counter(), now, author, fingerprint);
            } else {
                CompatibilityMode mode = modes.apply(d.id());
                ChangeClassifier.Change change = mode.transitive()
                        ? classifier.classify(history(d, stored.get(), previous), d, mode)
                        : classifier.classify(stored.get(), d, mode);
                if (change == null) {
                    return d.withVersion(previous);
                }
                next = policy.next(previous, counter(), change.type(), now, author, change.details(), fingerprint);
            }
            planned.add(d.id().shortName() + " " + (previous == null ? "-" : previous.schemaVersion()) + " -> "
                    + next.schemaVersion() + " (" + next.cloudVersion() + ", " + next.changeType() + ")");
            fresh.put(d.id().urn(), true);
            return d.withVersion(next);
        }

        /** Every stored version of the dataset, oldest first, ending with the current one. */
        private List<Dataset> history(Dataset d, Dataset current, DatasetVersion currentVersion) {
            List<Dataset> out = new ArrayList<>();
            for (DatasetVersion v : versionStore.versions(d.id())) {
                if (!v.cloudVersion().equals(currentVersion.cloudVersion())) {
                    versionStore.datasetAtVersion(d.id(), v.cloudVersion()).ifPresent(out::add);
                }
            }
            out.add(current);
            return out;
        }
    }
}
