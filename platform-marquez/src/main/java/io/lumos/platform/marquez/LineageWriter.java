package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.openlineage.client.OpenLineage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Dataset and column lineage into Marquez. Edges are buffered until {@link #flush()}, then each
 * downstream gets one JobEvent of its synthetic job with all its upstreams (a JobEvent replaces the
 * job's inputs, so the edges Marquez already has are merged in first), plus one COMPLETE RunEvent
 * with a deterministic run id when it has column lineage (Marquez stores column lineage only from
 * runs). Every mention of a dataset carries its documentation, dataSource and schema.
 */
final class LineageWriter {
    private final MarquezSession s;
    private final MarquezSettings settings;
    private final MarquezNames naming;
    private final FacetMapper mapper;
    private final OpenLineageBuilders events;
    private final EventWriter writer;
    private final Emitter emitter;
    private final MarquezHttp http;
    private final Map<DatasetId, Dataset> cache;
    private final Instant sessionTime;
    private final LineageReader lineageReads;

    LineageWriter(MarquezSession s, LineageReader lineageReads) {
        this.s = s;
        this.settings = s.settings;
        this.naming = s.naming;
        this.mapper = s.mapper;
        this.events = s.events;
        this.writer = s.writer;
        this.emitter = s.emitter;
        this.http = s.http;
        this.cache = s.cache;
        this.sessionTime = s.sessionTime;
        this.lineageReads = lineageReads;
    }

    private final Map<DatasetId, Map<DatasetId, LineageEdge>> pendingLineage = new LinkedHashMap<>();
    private final Map<DatasetId, Set<DatasetId>> pendingRemovals = new LinkedHashMap<>();

    /** Buffers the edges; true when so many downstreams are pending that they should be sent now. */
    synchronized boolean add(List<LineageEdge> edges) {
        buffer(edges);
        // with http, a downstream's edges can be sent in parts: each part is merged with the stored ones
        return http != null
                && settings.transport() == MarquezSettings.Transport.HTTP
                && pendingLineage.size() >= settings.lineageBuffer();
    }

    private void buffer(List<LineageEdge> edges) {
        for (LineageEdge e : edges) {
            pendingLineage
                    .computeIfAbsent(e.downstream(), k -> new LinkedHashMap<>())
                    .put(e.upstream(), e);
            Set<DatasetId> removed = pendingRemovals.get(e.downstream());
            if (removed != null) {
                removed.remove(e.upstream());
            }
        }
    }

    synchronized void remove(DatasetId upstream, DatasetId downstream) {
        Map<DatasetId, LineageEdge> p = pendingLineage.get(downstream);
        if (p != null) {
            p.remove(upstream);
        }
        pendingRemovals.computeIfAbsent(downstream, k -> new HashSet<>()).add(upstream);
        pendingLineage.computeIfAbsent(downstream, k -> new LinkedHashMap<>());
    }

    /** Sends the buffered lineage, merged with what Marquez has, and waits until it has landed. */
    void flush() {
        Map<DatasetId, Map<DatasetId, LineageEdge>> batch;
        Map<DatasetId, Set<DatasetId>> removals;
        synchronized (this) {
            batch = new LinkedHashMap<>(pendingLineage);
            removals = new HashMap<>(pendingRemovals);
            pendingLineage.clear();
            pendingRemovals.clear();
        }
        if (batch.isEmpty()) {
            return;
        }
        ExecutorService pool = s.prepPool();
        Map<String, JsonNode> stored = prefetchJobs(batch.keySet());
        List<Future<?>> work = new ArrayList<>();
        for (Map.Entry<DatasetId, Map<DatasetId, LineageEdge>> e : batch.entrySet()) {
            work.add(pool.submit(
                    () -> sendLineage(e.getKey(), e.getValue(), removals.getOrDefault(e.getKey(), Set.of()), stored)));
        }
        RuntimeException first = null;
        for (Future<?> f : work) {
            try {
                f.get();
            } catch (ExecutionException ex) {
                if (first == null) {
                    first = ex.getCause() instanceof RuntimeException re
                            ? re
                            : new IllegalStateException(ex.getCause());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new LumosException(ErrorCode.INTERNAL, "interrupted while sending lineage", ex);
            }
        }
        emitter.awaitIdle();
        if (first != null) {
            throw first;
        }
    }

    /**
     * For a large flush, the lineage jobs Marquez has, listed a page of 100 at a time instead of one
     * GET per downstream; only those of this batch are kept. Null when not worth it.
     */
    private Map<String, JsonNode> prefetchJobs(Set<DatasetId> downstreams) {
        if (downstreams.size() < 200 || !s.readsBeforeWrites()) {
            return null;
        }
        Set<String> wanted = new HashSet<>();
        for (DatasetId d : downstreams) {
            wanted.add(naming.lineageJob(naming.ref(d)));
        }
        Map<String, JsonNode> out = new HashMap<>();
        http.forEachItem("/namespaces/" + MarquezNames.segment(naming.jobNamespace()) + "/jobs", "jobs", 100, j -> {
            if (wanted.contains(j.path("name").asText())) {
                out.put(j.path("name").asText(), j);
            }
        });
        return out;
    }

    /** One downstream: merge with what Marquez has, then one JobEvent and maybe one column RunEvent. */
    private void sendLineage(
            DatasetId downstream,
            Map<DatasetId, LineageEdge> fresh,
            Set<DatasetId> removed,
            Map<String, JsonNode> prefetched) {
        MarquezNames.Ref down = naming.ref(downstream);
        Map<DatasetId, LineageEdge> edges = new LinkedHashMap<>();
        boolean live = s.readsBeforeWrites();
        List<LineageEdge> old = null;
        if (http != null && (live || !removed.isEmpty())) {
            // a JobEvent replaces the job's inputs: keep the edges written in earlier runs
            try {
                old = prefetched != null
                        ? lineageReads.edgesOf(downstream, prefetched.get(naming.lineageJob(down)))
                        : lineageReads.storedEdges(downstream, down);
            } catch (LumosException e) {
                if (e.code() != ErrorCode.CATALOG_UNREACHABLE || !removed.isEmpty()) {
                    throw e;
                }
                // Marquez went away: the events go to the dead-letter file, and a replay merges them
                // with what Marquez has then (see replay)
                live = false;
            }
            if (old != null) {
                for (LineageEdge e : old) {
                    edges.put(e.upstream(), e);
                }
            }
        }
        edges.keySet().removeAll(removed);
        boolean unchanged = live && old != null && removed.isEmpty();
        for (LineageEdge e : fresh.values()) {
            LineageEdge had = edges.get(e.upstream());
            if (had != null && LineageReader.sameEdge(had, e)) {
                continue; // declared again (config lineage is stamped per run): the first record stands
            }
            unchanged = false;
            edges.put(e.upstream(), e);
        }
        if (edges.isEmpty()) {
            if (!removed.isEmpty() && http != null) {
                // an empty JobEvent clears nothing in Marquez; deleting the job drops its edges
                http.delete(s.jobPath(naming.lineageJob(down)));
            }
            return;
        }
        List<LineageEdge> list = edges.values().stream()
                .sorted(Comparator.comparing(LineageEdge::upstream))
                .toList();
        Map<DatasetId, MarquezNames.Ref> refs = new HashMap<>();
        List<MarquezNames.Ref> inputRefs = new ArrayList<>(list.size());
        List<Object> inputMentions = new ArrayList<>(list.size());
        boolean columns = false;
        for (LineageEdge e : list) {
            MarquezNames.Ref up = naming.ref(e.upstream());
            refs.put(e.upstream(), up);
            inputRefs.add(up);
            inputMentions.add(mentionOf(e.upstream()));
            columns |= !e.columns().isEmpty();
        }
        Instant now = sessionTime;
        Object outputMention = mentionOf(downstream);
        if (!unchanged) {
            emitter.submit(new Emitter.Envelope(
                    down.key(),
                    "JobEvent",
                    downstream.urn(),
                    writer.lineageEvent(
                            naming.jobNamespace(),
                            naming.lineageJob(down),
                            downstream,
                            list,
                            inputRefs,
                            inputMentions,
                            down,
                            outputMention,
                            now)));
        }
        if (columns) {
            OpenLineage.ColumnLineageDatasetFacet cl = mapper.columnLineage(refs, list);
            OpenLineage.DatasetFacets full = facetsFor(downstream, true, cl);
            if (full == null) {
                s.warnOnce(
                        "columns:" + downstream,
                        "column lineage into " + downstream.shortName()
                                + " was not sent: the dataset is neither in this run nor readable from Marquez;"
                                + " write the dataset and its lineage in the same run");
                return;
            }
            List<OpenLineage.InputDataset> inputs = new ArrayList<>(list.size());
            for (int i = 0; i < inputRefs.size(); i++) {
                MarquezNames.Ref up = inputRefs.get(i);
                inputs.add(mapper.openLineage()
                        .newInputDataset(up.namespace(), up.name(), mentionFacets(inputMentions.get(i)), null));
            }
            OpenLineage.Job job = events.lineageJob(down, downstream, list);
            UUID runId = MarquezNames.uuidOf(
                    "column-lineage", down.key(), EventJson.toJson(cl), EventJson.toJson(full.getSchema()));
            OpenLineage.OutputDataset out =
                    mapper.openLineage().newOutputDataset(down.namespace(), down.name(), full, null);
            if (unchanged && showsColumnLineage(down, cl)) {
                return; // Marquez's current version of the downstream came from this very run
            }
            // the run makes the downstream's current version: it must sort after every version
            // Marquez has of it, or the current one would be listed as the oldest
            Instant runTime = live ? s.editTime(down, now) : s.after(down, now);
            emitter.submit(new Emitter.Envelope(
                    down.key(),
                    "RunEvent",
                    downstream.urn(),
                    EventJson.toJson(events.columnLineage(job, runId, inputs, out, runTime))));
        }
    }

    /** Whether the dataset's current Marquez version shows this column lineage already. */
    private boolean showsColumnLineage(MarquezNames.Ref down, OpenLineage.ColumnLineageDatasetFacet cl) {
        try {
            JsonNode stored = http.get(MarquezSession.datasetPath(down)).orElse(null);
            return stored != null
                    && DatasetWriter.sameJson(
                            FacetMapper.JSON.readTree(EventJson.toJson(cl)),
                            stored.path("facets").get("columnLineage"));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Assertion results: per dataset, one completed run whose input carries them. */
    void assertions(List<io.lumos.domain.assertion.AssertionResult> results) {
        Map<DatasetId, List<io.lumos.domain.assertion.AssertionResult>> byDataset = new java.util.TreeMap<>();
        results.forEach(r ->
                byDataset.computeIfAbsent(r.dataset(), k -> new ArrayList<>()).add(r));
        byDataset.forEach((id, list) -> emitter.submit(new Emitter.Envelope(
                naming.ref(id).key(),
                "RunEvent",
                id.urn(),
                EventJson.toJson(events.assertions(id, mentionFacets(mentionOf(id)), list)))));
    }

    /**
     * What a lineage mention of a dataset carries: the dataset of this run (documentation,
     * dataSource and schema, since without documentation Marquez wipes the description), else those
     * facets as Marquez has them, else null (with a warning).
     */
    private Object mentionOf(DatasetId id) {
        Dataset d = cache.get(id);
        if (d != null) {
            return d;
        }
        ObjectNode facets = storedFacets(id);
        if (facets != null) {
            facets.retain("documentation", "dataSource", "schema");
        }
        return facets;
    }

    private OpenLineage.DatasetFacets mentionFacets(Object mention) {
        if (mention instanceof Dataset d) {
            return mapper.mentionFacets(d);
        }
        return mention instanceof ObjectNode raw ? FacetMapper.parseFacets(raw) : null;
    }

    /** A copy of the raw facets Marquez has for a dataset we did not write in this run, or null. */
    private ObjectNode storedFacets(DatasetId id) {
        Optional<JsonNode> raw = Optional.empty();
        if (http != null && http.checkApi() == MarquezHttp.Api.MARQUEZ) {
            try {
                MarquezNames.Ref r = naming.ref(id);
                raw = http.get(MarquezSession.datasetPath(r)).map(n -> n.path("facets"));
            } catch (RuntimeException e) {
                raw = Optional.empty();
            }
        }
        if (raw.isEmpty() || !raw.get().isObject()) {
            s.warnOnce(
                    "unknown:" + id,
                    id.shortName() + " is referenced by lineage but neither written in this run"
                            + " nor found in Marquez; Marquez will show it without description or schema");
            return null;
        }
        return ((ObjectNode) raw.get()).deepCopy();
    }

    /**
     * The facets a mention of a dataset carries: all of them for outputs of runs (a new Marquez
     * version shows only those), or documentation, dataSource and schema for the other mentions
     * (without documentation Marquez wipes the description). From this run's datasets, else from
     * Marquez; null when neither knows the dataset.
     */
    OpenLineage.DatasetFacets facetsFor(
            DatasetId id, boolean full, OpenLineage.ColumnLineageDatasetFacet columnLineage) {
        Dataset d = cache.get(id);
        if (d != null) {
            if (!full) {
                return mapper.mentionFacets(d);
            }
            OpenLineage.DatasetFacetsBuilder b = mapper.fullFacets(d);
            if (columnLineage != null) {
                b.columnLineage(columnLineage);
            }
            return b.build();
        }
        ObjectNode facets = storedFacets(id);
        if (facets == null) {
            return null;
        }
        if (!full) {
            facets.retain("documentation", "dataSource", "schema");
        } else if (columnLineage != null) {
            try {
                facets.set("columnLineage", FacetMapper.JSON.readTree(EventJson.toJson(columnLineage)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return FacetMapper.parseFacets(facets);
    }

    /**
     * A lineage JobEvent (or column-lineage RunEvent) that was dead-lettered because Marquez was
     * away when it was built holds only the edges of its session; both replace the job's inputs, so
     * before it is sent again it gets the inputs (with their mention facets) and edge records
     * Marquez has now. Other events are sent as they are.
     */
    String withStoredInputs(String json) {
        try {
            ObjectNode ev = (ObjectNode) FacetMapper.JSON.readTree(json);
            JsonNode job = ev.path("job");
            String name = job.path("name").asText();
            if (!naming.jobNamespace().equals(job.path("namespace").asText()) || !name.startsWith("lineage.")) {
                return json;
            }
            JsonNode stored = http.get(s.jobPath(name)).orElse(null);
            if (stored == null) {
                return json;
            }
            com.fasterxml.jackson.databind.node.ArrayNode inputs = ev.withArray("inputs");
            Set<String> have = new HashSet<>();
            inputs.forEach(i -> have.add(new MarquezNames.Ref(
                            i.path("namespace").asText(), i.path("name").asText())
                    .key()));
            for (JsonNode in : stored.path("inputs")) {
                MarquezNames.Ref r = new MarquezNames.Ref(
                        in.path("namespace").asText(), in.path("name").asText());
                if (have.add(r.key())) {
                    ObjectNode m =
                            inputs.addObject().put("namespace", r.namespace()).put("name", r.name());
                    JsonNode facets = http.get(MarquezSession.datasetPath(r))
                            .map(n -> n.path("facets"))
                            .orElse(null);
                    if (facets != null && facets.isObject()) {
                        ObjectNode f = ((ObjectNode) facets).deepCopy();
                        f.retain("documentation", "dataSource", "schema");
                        m.set("facets", f);
                    }
                }
            }
            JsonNode lumos = job.path("facets").path(FacetMapper.LUMOS);
            if (lumos.isObject()) {
                com.fasterxml.jackson.databind.node.ArrayNode edges = ((ObjectNode) lumos).withArray("edges");
                Set<String> ups = new HashSet<>();
                edges.forEach(e -> ups.add(e.path("upstream").asText()));
                for (JsonNode e : stored.path("facets").path(FacetMapper.LUMOS).path("edges")) {
                    if (ups.add(e.path("upstream").asText())) {
                        edges.add(e);
                    }
                }
            }
            return FacetMapper.JSON.writeValueAsString(ev);
        } catch (java.io.IOException | RuntimeException e) {
            return json;
        }
    }
}
