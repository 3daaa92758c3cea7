package io.lumos.cli.service;

import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.run.RunEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The run state changes a source read (OpenLineage RunEvents), written to every catalog that
 * records runs in batches of {@value #BATCH}, in the order read: memory holds one batch, not the
 * runs. Used by {@code lumos ingest} (where a catalog that will not take them is said once and the
 * ingest goes on) and by {@code lumos consume} (where it fails the batch, which is then written again).
 */
final class RunWriter {
    static final int BATCH = 2_000;

    /** What to do when a catalog throws on a batch of runs. */
    interface OnFailure {
        void failed(CatalogAdapter catalog, RuntimeException e);
    }

    private final List<CatalogAdapter> catalogs;
    private final OnFailure onFailure;
    private final List<RunEvent> pending = new ArrayList<>();
    private long written;

    RunWriter(List<CatalogAdapter> catalogs, OnFailure onFailure) {
        this.catalogs = catalogs.stream().filter(c -> c.can(Capability.RUNS)).toList();
        this.onFailure = onFailure;
    }

    synchronized void add(RunEvent event) {
        if (catalogs.isEmpty()) {
            return;
        }
        pending.add(event);
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<RunEvent> out = List.copyOf(pending);
        pending.clear();
        for (CatalogAdapter c : catalogs) {
            try {
                c.emitRuns(out);
            } catch (RuntimeException e) {
                onFailure.failed(c, e);
            }
        }
        written += out.size();
    }

    /** How many run state changes went to the catalogs. */
    synchronized long written() {
        return written;
    }
}
