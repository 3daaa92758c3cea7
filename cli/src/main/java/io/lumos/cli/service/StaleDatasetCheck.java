package io.lumos.cli.service;

import io.lumos.cli.Session;
import io.lumos.cli.config.LumosConfig;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Lifecycle;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code features.remove_stale}: after each source, the datasets its previous ingest found and
 * this one did not are marked removed, unless the source reported a problem in this run or more
 * than {@code remove_stale_max_share} of its datasets would go. What each source found is kept
 * in the catalog that remembers ingests (the local one) whether the feature is on or not, so
 * that turning it on works from the next ingest.
 */
final class StaleDatasetCheck {
    private final Session session;
    private final LumosConfig config;
    private final List<CatalogAdapter> catalogs;
    private final boolean dryRun;
    private final CatalogAdapter memory;
    private final List<DatasetId> removed = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private boolean overShare;
    private boolean warned;

    StaleDatasetCheck(Session session, LumosConfig config, List<CatalogAdapter> catalogs, boolean dryRun) {
        this.session = session;
        this.config = config;
        this.catalogs = catalogs;
        this.dryRun = dryRun;
        CatalogAdapter m = null;
        for (CatalogAdapter c : dryRun ? session.existingCatalogs() : catalogs) {
            if (c.can(Capability.INGEST_STATE)) {
                m = c;
                break;
            }
        }
        this.memory = m;
    }

    void check(String source, java.util.Set<DatasetId> found, int sourceProblems, CatalogAdapter store) {
        boolean on = config.features().removeStale();
        if (memory == null) {
            if (on && !warned) {
                warned = true;
                session.reporter()
                        .warn("features.remove_stale needs a catalog that remembers what each source "
                                + "found (the local one); add 'local' to platform: to use it");
            }
            return;
        }
        Optional<java.util.Set<DatasetId>> before = memory.lastIngest(source);
        java.util.Set<DatasetId> gone = new java.util.TreeSet<>(before.orElse(java.util.Set.of()));
        gone.removeAll(found);
        java.util.Set<DatasetId> remember = new java.util.TreeSet<>(found);
        if (!on || gone.isEmpty()) {
            if (sourceProblems > 0) {
                remember.addAll(before.orElse(java.util.Set.of()));
            }
            record(source, remember);
            return;
        }
        int total = before.get().size();
        double share = (double) gone.size() / total;
        if (sourceProblems > 0) {
            refuse(source + ": not marking " + gone.size() + " dataset(s) removed that it no longer has: it "
                    + "reported " + sourceProblems + " problem(s) in this run, so what it found may be incomplete");
            remember.addAll(before.get());
            record(source, remember);
            return;
        }
        if (share > config.features().removeStaleMaxShare()) {
            overShare = true;
            refuse(source + ": not marking " + gone.size() + " of its " + total + " dataset(s) removed ("
                    + Math.round(share * 100) + "% > remove_stale_max_share "
                    + config.features().removeStaleMaxShare()
                    + "): check the source; if they are really gone, raise features.remove_stale_max_share for one "
                    + "ingest");
            return; // the old state stays, so the next ingest checks again
        }
        Instant now = session.clock().instant();
        for (DatasetId id : gone) {
            Optional<Dataset> stored = store == null ? Optional.empty() : store.dataset(id);
            if (stored.isPresent() && stored.get().status() == io.lumos.domain.DatasetStatus.REMOVED) {
                continue;
            }
            Lifecycle l = new Lifecycle(
                    io.lumos.domain.DatasetStatus.REMOVED,
                    "no longer found by source " + source + " ("
                            + now.toString().substring(0, 10) + ")",
                    null,
                    Lifecycle.BY_STALE + source);
            removed.add(id);
            if (dryRun) {
                continue;
            }
            for (CatalogAdapter c : catalogs) {
                if (c.can(Capability.LIFECYCLE)) {
                    c.setLifecycle(id, l);
                } else if (c.can(Capability.WRITE) && stored.isPresent()) {
                    c.writeDatasets(List.of(l.applyTo(stored.get())));
                }
            }
        }
        record(source, remember);
    }

    private void record(String source, java.util.Set<DatasetId> ids) {
        if (!dryRun) {
            memory.recordIngest(source, ids);
        }
    }

    private void refuse(String why) {
        refusals.add(why);
        session.reporter().warn(why);
    }

    IngestService.Stale result() {
        return new IngestService.Stale(removed, refusals, overShare);
    }
}
