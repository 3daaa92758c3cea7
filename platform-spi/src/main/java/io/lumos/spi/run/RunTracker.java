package io.lumos.spi.run;

import io.lumos.domain.DatasetId;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.DeadLetterSink;
import io.lumos.spi.Reporter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Tracks pipeline runs through every catalog that records runs ({@link Capability#RUNS}); the
 * others are skipped, so a plain list of the configured adapters is all it needs. A catalog that
 * fails to record a run never breaks the pipeline it watches: the event goes to the dead-letter
 * file (the catalog's own, or the tracker's for a catalog that threw or could not be opened) and a
 * warning says where. The Java API ({@code Lumos.track}) and {@code lumos run} both end here.
 */
public final class RunTracker {
    private final List<CatalogAdapter> catalogs;
    private final Clock clock;
    private final Reporter reporter;
    private final Supplier<UUID> ids;
    private final DeadLetterSink deadLetters;
    private final Map<String, String> unavailable;

    public RunTracker(List<CatalogAdapter> catalogs) {
        this(catalogs, Clock.systemUTC(), Reporter.SILENT, UUID::randomUUID);
    }

    public RunTracker(List<CatalogAdapter> catalogs, Clock clock, Reporter reporter, Supplier<UUID> ids) {
        this(catalogs, clock, reporter, ids, null, Map.of());
    }

    /**
     * @param deadLetters where events go that a catalog threw on (null: only a warning)
     * @param unavailable catalogs that could not be opened, by name, with the reason: their events go
     *     straight to {@code deadLetters}
     */
    public RunTracker(
            List<CatalogAdapter> catalogs,
            Clock clock,
            Reporter reporter,
            Supplier<UUID> ids,
            DeadLetterSink deadLetters,
            Map<String, String> unavailable) {
        this.catalogs = List.copyOf(catalogs);
        this.clock = clock;
        this.reporter = reporter == null ? Reporter.SILENT : reporter;
        this.ids = ids;
        this.deadLetters = deadLetters;
        this.unavailable = Map.copyOf(unavailable);
    }

    /** The catalogs that will see runs. */
    public List<CatalogAdapter> recorders() {
        return catalogs.stream().filter(c -> c.can(Capability.RUNS)).toList();
    }

    public PipelineRun start(String job, List<DatasetId> inputs, List<DatasetId> outputs) {
        return start(job, inputs, outputs, Map.of());
    }

    /** Sends START now and returns the run; closing it sends COMPLETE, FAIL or ABORT. */
    public PipelineRun start(String job, List<DatasetId> inputs, List<DatasetId> outputs, Map<String, String> args) {
        return start(new RunSpec(job, null, inputs, outputs, args, null));
    }

    /** Sends START now and returns the run; closing it sends COMPLETE, FAIL or ABORT. */
    public PipelineRun start(RunSpec spec) {
        UUID id = ids.get();
        Instant start = now();
        PipelineRun run = new PipelineRun(this, id, spec, start);
        emit(new RunEvent(
                id,
                spec.job(),
                RunState.START,
                start,
                start,
                spec.inputs(),
                spec.outputs(),
                null,
                null,
                spec.args(),
                spec.namespace(),
                spec.parent(),
                null));
        return run;
    }

    Instant now() {
        return clock.instant();
    }

    void emit(RunEvent event) {
        for (CatalogAdapter c : recorders()) {
            long failedBefore = c.report().failed();
            try {
                c.emitRun(event);
                c.flush();
            } catch (RuntimeException e) {
                deadLetter(c.name(), event, e.getMessage());
                continue;
            }
            if (c.report().failed() > failedBefore) {
                // the adapter could not deliver and kept the event in its own dead-letter file
                reporter.warn("the " + c.name() + " catalog did not take " + event.state() + " of run "
                        + describe(event) + "; it went to the dead-letter file "
                        + (c.report().deadLetterFile() == null
                                ? "of that catalog"
                                : c.report().deadLetterFile())
                        + " (replay it with lumos ingest --replay); the command goes on");
            }
        }
        unavailable.forEach((name, reason) -> deadLetter(name, event, reason));
    }

    private void deadLetter(String catalog, RunEvent event, String reason) {
        String where = "";
        if (deadLetters != null) {
            try {
                deadLetters.appendRun(catalog, event, reason);
                where = "; it went to the dead-letter file " + deadLetters.path()
                        + " (replay it with lumos ingest --replay)";
            } catch (RuntimeException e) {
                where = "; it is lost too: " + e.getMessage();
            }
        }
        reporter.warn("the " + catalog + " catalog did not record " + event.state() + " of run " + describe(event)
                + ": " + reason + where + "; the command goes on");
    }

    private static String describe(RunEvent e) {
        return e.job() + " (" + e.runId() + ")";
    }
}
