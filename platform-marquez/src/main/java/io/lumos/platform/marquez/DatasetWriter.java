package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes datasets and our versions to Marquez. Over http it reads what Marquez holds first: an
 * unchanged dataset sends nothing, a change is stamped later than every version Marquez has of it,
 * and a version is a run of the dataset's version job, hidden again once its runs have landed.
 */
final class DatasetWriter {
    private final MarquezSession s;
    private final MarquezNames naming;
    private final OpenLineageBuilders events;
    private final EventWriter writer;
    private final Emitter emitter;
    private final MarquezHttp http;
    private final Map<DatasetId, Dataset> cache;
    private final Map<String, JsonNode> lastRead;
    private final Instant sessionTime;
    private final Clock clock;
    private final Set<String> versionJobs;

    DatasetWriter(MarquezSession s) {
        this.s = s;
        this.naming = s.naming;
        this.events = s.events;
        this.writer = s.writer;
        this.emitter = s.emitter;
        this.http = s.http;
        this.cache = s.cache;
        this.lastRead = s.lastRead;
        this.sessionTime = s.sessionTime;
        this.clock = s.clock;
        this.versionJobs = s.versionJobs;
    }

    void writeDatasets(List<Dataset> datasets) {
        boolean live = s.readsBeforeWrites();
        for (Dataset d : datasets) {
            cache.put(d.id(), d);
            MarquezNames.Ref ref = naming.ref(d.id());
            String json = writer.datasetEvent(ref, d, sessionTime);
            if (!live) {
                // file, console, kafka (or Marquez down): the same event every time, byte for byte
                s.noteSent(ref, EventWriter.eventTime(d, sessionTime));
                emitter.submit(new Emitter.Envelope(ref.key(), "DatasetEvent", d.id().urn(), json));
            } else {
                emitter.submit(new Emitter.Envelope(
                        ref.key(), "DatasetEvent", d.id().urn(), json, () -> prepareDataset(ref, d, json)));
            }
        }
    }

    /** Runs on the sending lane, after the earlier events about the dataset have landed. */
    private String prepareDataset(MarquezNames.Ref ref, Dataset d, String fallback) {
        Instant base = EventWriter.eventTime(d, sessionTime);
        try {
            boolean sentBefore = s.sentBefore(ref);
            JsonNode stored = sentBefore ? null : lastRead.remove(ref.key());
            if (stored == null && (sentBefore || http.mayHold(ref.namespace()))) {
                stored = http.get(MarquezSession.datasetPath(ref)).orElse(null);
            }
            if (stored == null) {
                s.noteSent(ref, base);
                return fallback;
            }
            Dataset out = keepVersionRecord(d, stored.path("facets"));
            String json = out.equals(d) ? fallback : writer.datasetEvent(ref, out, sessionTime);
            if (holdsAll(
                    stored.path("facets"),
                    FacetMapper.JSON.readTree(json).path("dataset").path("facets"))) {
                return null; // Marquez already shows exactly this
            }
            Instant now = clock.instant();
            Instant t = s.editTime(ref, base.isAfter(now) ? base : now);
            return writer.datasetEventAt(ref, out, t);
        } catch (java.io.IOException | RuntimeException e) {
            s.noteSent(ref, base);
            return fallback;
        }
    }

    /**
     * A write without a version record (schema_tracking: false) of the schema Marquez shows with our
     * version record would land on the same Marquez version and rewrite that record: keep it.
     */
    private Dataset keepVersionRecord(Dataset d, JsonNode storedFacets) {
        JsonNode record = storedFacets.path(FacetMapper.LUMOS).path("version");
        if (d.version() != null || !record.isObject()) {
            return d;
        }
        Dataset with = d.withVersion(FacetMapper.version(record));
        try {
            JsonNode ours = FacetMapper.JSON
                    .readTree(writer.datasetEvent(naming.ref(d.id()), with, sessionTime))
                    .path("dataset")
                    .path("facets")
                    .path("schema");
            return sameJson(ours, storedFacets.path("schema")) ? with : d;
        } catch (java.io.IOException e) {
            return d;
        }
    }

    /** Whether every facet of {@code ours} is in {@code stored} with the same value. */
    static boolean holdsAll(JsonNode stored, JsonNode ours) {
        if (!stored.isObject() || !ours.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> f : ours.properties()) {
            if (!sameJson(f.getValue(), stored.get(f.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** JSON equality where 1.0 and 1 are equal (PostgreSQL's jsonb does not keep number spelling). */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> f : a.properties()) {
                if (!sameJson(f.getValue(), b.get(f.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameJson(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    void writeVersion(Dataset datasetAtVersion, DatasetVersion version) {
        MarquezNames.Ref ref = naming.ref(datasetAtVersion.id());
        String json = EventJson.toJson(events.version(datasetAtVersion, version));
        if (!s.readsBeforeWrites()) {
            s.noteSent(ref, version.timestamp());
            emitter.submit(new Emitter.Envelope(
                    ref.key(), "RunEvent", datasetAtVersion.id().urn(), json));
            return;
        }
        versionJobs.add(naming.versionJob(ref));
        // Stamped on the lane, after the DatasetEvent of the same change (sent at "now"): Marquez
        // makes the last event's version current and sorts /versions by event time, so a run
        // stamped with the version's own (older) time left the current version second (live,
        // Marquez 0.51.1, 2026-12-06).
        emitter.submit(new Emitter.Envelope(
                ref.key(),
                "RunEvent",
                datasetAtVersion.id().urn(),
                json,
                () -> EventJson.toJson(
                        events.version(datasetAtVersion, version, s.editTime(ref, version.timestamp())))));
    }

    /**
     * A version of ours is a run of the dataset's {@code version.<namespace>.<name>} job (only a
     * run gives it a Marquez version of its own). Once the runs have landed the job is deleted:
     * Marquez then only hides it ({@code is_hidden}, JobDao.delete), so it leaves {@code /lineage}
     * and the UI's graph and job list, while the dataset versions its runs made stay in
     * {@code /versions} (DatasetVersionDao.findAll does not join jobs; Marquez 0.51.1). The next
     * run of the job un-hides it, and the next flush hides it again. Over http only.
     */
    void hideVersionJobs() {
        if (versionJobs.isEmpty() || http == null) {
            return;
        }
        List<String> jobs = new ArrayList<>(versionJobs);
        versionJobs.removeAll(jobs);
        for (String job : jobs) {
            try {
                http.delete(s.jobPath(job));
            } catch (RuntimeException e) {
                s.warnOnce(
                        "hide:" + job,
                        "could not hide the version job " + job + " in Marquez (" + e.getMessage()
                                + "); it shows in the lineage graph until the next version of the dataset");
            }
        }
    }
}
