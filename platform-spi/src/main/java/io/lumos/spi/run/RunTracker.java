package io.lumos.spi.run;

import io.lumos.domain.DatasetId;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
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
 * fails to record a run is reported as a warning and never breaks the pipeline it watches.
 */
public final class RunTracker {
    private final List<CatalogAdapter> catalogs;
    private final Clock clock;
    private final Reporter reporter;
    private final Supplier<UUID> ids;

    public RunTracker(List<CatalogAdapter> catalogs) {
        this(catalogs, Clock.systemUTC(), Reporter.SILENT, UUID::randomUUID);
    }

    public RunTracker(List<CatalogAdapter> catalogs, Clock clock, Reporter reporter, Supplier<UUID> ids) {
        this.catalogs = List.copyOf(catalogs);
        this.clock = clock;
        this.reporter = reporter == null ? Reporter.SILENT : reporter;
        this.ids = ids;
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
        UUID id = ids.get();
        Instant start = now();
        PipelineRun run = new PipelineRun(this, id, job, start, inputs, outputs, args);
        emit(new RunEvent(id, job, RunState.START, start, start, inputs, outputs, null, null, args));
        return run;
    }

    Instant now() {
        return clock.instant();
    }

    void emit(RunEvent event) {
        for (CatalogAdapter c : recorders()) {
            try {
                c.emitRun(event);
                c.flush();
            } catch (RuntimeException e) {
                reporter.warn("the " + c.name() + " catalog did not record " + event.state() + " of run " + event.job()
                        + " (" + event.runId() + "): " + e.getMessage()
                        + "; the run goes on, check the catalog's dead-letter file");
            }
        }
    }
}
