package io.lumos.cli;

import io.lumos.cli.config.LumosConfig.SourceConfig;
import io.lumos.cli.service.IngestService;
import io.lumos.cli.service.RunService;
import io.lumos.cli.service.ScanResult;
import io.lumos.cli.service.ScanService;
import io.lumos.domain.DatasetId;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.PipelineRun;
import io.lumos.spi.run.RunSpec;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Lumos as a library: the same config, plugins and catalogs as the command line, from Java.
 *
 * <pre>{@code
 * try (Lumos lumos = Lumos.open(Path.of("lumos.yaml"))) {
 *     ScanResult found = lumos.scan("data/orders.csv");
 *     lumos.ingest();
 * }
 * }</pre>
 */
public final class Lumos implements AutoCloseable {
    private final Session session;
    private final Provider<ScanService> scans;
    private final Provider<IngestService> ingests;
    private final Provider<RunService> runs;

    @Inject
    Lumos(Session session, Provider<ScanService> scans, Provider<IngestService> ingests, Provider<RunService> runs) {
        this.session = session;
        this.scans = scans;
        this.ingests = ingests;
        this.runs = runs;
    }

    /** Opens with a config file (null: the defaults, the local catalog in .lumos/catalog.db). */
    public static Lumos open(Path config) {
        return open(config, Path.of("").toAbsolutePath());
    }

    /** Opens with a config file, relative paths (and the default catalog) under {@code workingDirectory}. */
    public static Lumos open(Path config, Path workingDirectory) {
        // the library prints nothing on stdout; warnings go to stderr, escaped as the CLI's are
        PrintWriter stderr = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        GlobalOptions.Effective options = new GlobalOptions.Effective(config, null, null, false, false);
        Path folder = workingDirectory.toAbsolutePath();
        Map<String, String> env = System.getenv();
        Clock clock = Clock.systemUTC();
        CliRuntime runtime = new CliRuntime(stderr, stderr, env, folder, clock, false);
        runtime.adopt(
                new Session(options, folder, env, new ConsoleReporter(runtime.err(), false, false, false), clock));
        return new CompositionRoot(runtime, java.util.Set.of()).lumos();
    }

    /** Reads the schemas of anything `lumos scan` takes. */
    public ScanResult scan(String target) {
        ScanService scan = scans.get();
        SourceConfig source = scan.sourceForTarget(target);
        return scan.scan(List.of(source));
    }

    /** Runs every configured source into the configured catalogs. */
    public IngestService.Result ingest() {
        return ingests.get().ingest(session.config().sources(), false);
    }

    /** The catalogs of the config, opened. */
    public List<CatalogAdapter> catalogs() {
        return session.catalogs();
    }

    /**
     * Tracks a pipeline run in every configured catalog that records runs (local, Marquez, DataHub): START now,
     * COMPLETE when the run is closed, or FAIL with the error when {@code fail} was called.
     *
     * <pre>{@code
     * try (PipelineRun run = lumos.startRun("daily_orders", List.of(orders), List.of(daily))) {
     *     try {
     *         buildDailyOrders();
     *     } catch (RuntimeException e) {
     *         run.fail(e);   // close() then sends FAIL with the error
     *         throw e;
     *     }
     * }                      // COMPLETE
     * }</pre>
     *
     * {@link #track} does the same in one call.
     */
    public PipelineRun startRun(String job, List<DatasetId> inputs, List<DatasetId> outputs) {
        return startRun(RunSpec.of(job, inputs, outputs));
    }

    /**
     * Starts a run with a namespace, arguments or a parent; the same implementation as {@code lumos
     * run}, so a catalog that is down never breaks the pipeline (its events go to the dead-letter file).
     */
    public PipelineRun startRun(RunSpec spec) {
        RunService run = runs.get();
        if (spec.parent() == null) {
            ParentRun parent = run.parentFromEnvironment();
            if (parent != null) {
                spec = new RunSpec(spec.job(), spec.namespace(), spec.inputs(), spec.outputs(), spec.args(), parent);
            }
        }
        return run.start(spec);
    }

    /** A piece of pipeline work that may throw. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} as a tracked run: COMPLETE when it returns, FAIL (and rethrown) when it throws. */
    public void track(String job, List<DatasetId> inputs, List<DatasetId> outputs, Work work) throws Exception {
        try (PipelineRun run = startRun(job, inputs, outputs)) {
            try {
                work.run();
            } catch (Exception | Error e) {
                run.fail(e);
                throw e;
            }
        }
    }

    /** A dataset id in this config's environment: a URN or {@code platform:name}. */
    public DatasetId dataset(String id) {
        return DatasetId.parse(id, session.environment());
    }

    Session session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }
}
