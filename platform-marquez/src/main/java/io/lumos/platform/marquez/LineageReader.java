package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.spi.Capability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads lineage back from Marquez. Its graph is undirected, so upstream and downstream come from
 * the in and out edges of the job nodes; edge type, confidence and column mappings come from our
 * lineage job's {@code lumos} facet, column lineage from {@code /column-lineage}.
 */
final class LineageReader {
    private final MarquezSession s;
    private final MarquezNames naming;
    private final MarquezHttp http;
    private final DatasetReader datasetReads;

    LineageReader(MarquezSession s, DatasetReader datasetReads) {
        this.s = s;
        this.naming = s.naming;
        this.http = s.http;
        this.datasetReads = datasetReads;
    }

    List<LineageEdge> upstreamEdges(DatasetId id) {
        MarquezHttp h = s.reader(Capability.LINEAGE_READ);
        MarquezNames.Ref r = naming.ref(id);
        Graph g = graph(h, r);
        List<LineageEdge> out = new ArrayList<>();
        if (g == null) {
            return out;
        }
        Map<DatasetId, LineageEdge> stored = new HashMap<>();
        Map<DatasetId, List<ColumnMapping>> columns = null;
        for (String jobId : g.origins(r.nodeId())) {
            JsonNode job = g.nodes.get(jobId);
            if (job == null || !"JOB".equals(job.path("type").asText())) {
                continue;
            }
            boolean ours = isOurLineageJob(jobId, r);
            if (ours && stored.isEmpty()) {
                storedEdges(id, r).forEach(e -> stored.put(e.upstream(), e));
            }
            for (String upNode : g.origins(jobId)) {
                MarquezNames.Ref up = g.datasetRef(upNode);
                if (up == null || up.key().equals(r.key())) {
                    continue;
                }
                DatasetId upId = naming.idOf(up.namespace(), up.name());
                if (columns == null) {
                    columns = columnsInto(h, r, stored);
                }
                out.add(edge(upId, id, stored.get(upId), columns.getOrDefault(upId, List.of())));
            }
        }
        return dedupe(out);
    }

    List<LineageEdge> downstreamEdges(DatasetId id) {
        MarquezHttp h = s.reader(Capability.LINEAGE_READ);
        MarquezNames.Ref r = naming.ref(id);
        Graph g = graph(h, r);
        List<LineageEdge> out = new ArrayList<>();
        if (g == null) {
            return out;
        }
        for (String jobId : g.destinations(r.nodeId())) {
            JsonNode job = g.nodes.get(jobId);
            if (job == null || !"JOB".equals(job.path("type").asText())) {
                continue;
            }
            for (String downNode : g.destinations(jobId)) {
                MarquezNames.Ref down = g.datasetRef(downNode);
                if (down == null || down.key().equals(r.key())) {
                    continue;
                }
                DatasetId downId = naming.idOf(down.namespace(), down.name());
                Map<DatasetId, LineageEdge> stored = new HashMap<>();
                if (isOurLineageJob(jobId, down)) {
                    storedEdges(downId, down).forEach(e -> stored.put(e.upstream(), e));
                }
                Map<DatasetId, List<ColumnMapping>> columns = columnsInto(h, down, stored);
                out.add(edge(id, downId, stored.get(id), columns.getOrDefault(id, List.of())));
            }
        }
        return dedupe(out);
    }

    /** The same edge, whenever it was declared. */
    static boolean sameEdge(LineageEdge a, LineageEdge b) {
        return a.upstream().equals(b.upstream())
                && a.downstream().equals(b.downstream())
                && a.type() == b.type()
                && Double.compare(a.confidence(), b.confidence()) == 0
                && java.util.Objects.equals(a.createdBy(), b.createdBy())
                && a.columns().equals(b.columns());
    }

    static List<LineageEdge> dedupe(List<LineageEdge> edges) {
        Map<String, LineageEdge> m = new TreeMap<>();
        for (LineageEdge e : edges) {
            m.putIfAbsent(e.upstream().urn() + " " + e.downstream().urn(), e);
        }
        return new ArrayList<>(m.values());
    }

    static LineageEdge edge(DatasetId up, DatasetId down, LineageEdge stored, List<ColumnMapping> columns) {
        if (stored != null) {
            return new LineageEdge(
                    up, down, stored.type(), stored.confidence(), stored.createdAt(), stored.createdBy(), columns);
        }
        return new LineageEdge(up, down, LineageType.TRANSFORMED, 1.0, null, null, columns);
    }

    List<LineageEdge> lineage() {
        s.reader(Capability.LINEAGE_READ);
        List<LineageEdge> all = new ArrayList<>();
        List<Dataset> datasets = new ArrayList<>();
        datasetReads.forEachDataset(datasets::add);
        for (Dataset d : datasets) {
            all.addAll(upstreamEdges(d.id()));
        }
        return dedupe(all);
    }

    private boolean isOurLineageJob(String jobNodeId, MarquezNames.Ref down) {
        return jobNodeId.equals("job:" + naming.jobNamespace() + ":" + naming.lineageJob(down));
    }

    /** The edges (with type, confidence, columns) we stored in the lineage job's lumos facet. */
    List<LineageEdge> storedEdges(DatasetId downstream, MarquezNames.Ref down) {
        JsonNode job;
        try {
            job = http.get(s.jobPath(naming.lineageJob(down))).orElse(null);
        } catch (MarquezHttp.StatusException e) {
            throw MarquezHttp.failed(e);
        }
        return edgesOf(downstream, job);
    }

    List<LineageEdge> edgesOf(DatasetId downstream, JsonNode job) {
        if (job == null) {
            return List.of();
        }
        Set<String> inputs = new HashSet<>();
        for (JsonNode in : job.path("inputs")) {
            inputs.add(
                    in.path("namespace").asText() + "\u0000" + in.path("name").asText());
        }
        List<LineageEdge> out = new ArrayList<>();
        for (JsonNode e : job.path("facets").path(FacetMapper.LUMOS).path("edges")) {
            DatasetId up;
            try {
                up = DatasetId.parse(e.path("upstream").asText(), "PROD");
            } catch (IllegalArgumentException ex) {
                continue;
            }
            if (!inputs.isEmpty() && !inputs.contains(naming.ref(up).key())) {
                continue; // the job's inputs are the truth; the facet may be older
            }
            List<ColumnMapping> cols = new ArrayList<>();
            for (JsonNode c : e.path("columns")) {
                cols.add(new ColumnMapping(
                        FacetMapper.strings(c.path("upstream")),
                        c.path("downstream").asText(),
                        FacetMapper.text(c, "transformation"),
                        FacetMapper.text(c, "transformationType"),
                        FacetMapper.text(c, "transformationSubtype")));
            }
            out.add(new LineageEdge(
                    up,
                    downstream,
                    e.hasNonNull("type") ? LineageType.parse(e.get("type").asText()) : null,
                    e.path("confidence").asDouble(1.0),
                    e.hasNonNull("createdAt") ? Instant.parse(e.get("createdAt").asText()) : null,
                    FacetMapper.text(e, "createdBy"),
                    cols));
        }
        return out;
    }

    /**
     * Column lineage into one dataset from {@code /column-lineage}, by dataset node id (one request
     * for all its fields; the answer holds the upstream chain too) and filtered here to that
     * dataset's fields. Where Marquez returns
     * nothing or fails, the mappings we stored on the lineage job stand in.
     */
    private Map<DatasetId, List<ColumnMapping>> columnsInto(
            MarquezHttp h, MarquezNames.Ref down, Map<DatasetId, LineageEdge> stored) {
        Map<DatasetId, Map<String, ColumnAcc>> acc = new LinkedHashMap<>();
        try {
            JsonNode graph = h.get("/column-lineage?nodeId=" + MarquezNames.query(down.nodeId())
                            + "&depth=1&withDownstream=false")
                    .orElse(null);
            if (graph != null) {
                for (JsonNode n : graph.path("graph")) {
                    JsonNode data = n.path("data");
                    if (!down.namespace().equals(data.path("namespace").asText())
                            || !down.name().equals(data.path("dataset").asText())) {
                        continue;
                    }
                    String field = data.path("field").asText();
                    for (JsonNode in : data.path("inputFields")) {
                        DatasetId up = naming.idOf(
                                in.path("namespace").asText(),
                                in.path("dataset").asText());
                        ColumnAcc a = acc.computeIfAbsent(up, k -> new TreeMap<>())
                                .computeIfAbsent(field, k -> new ColumnAcc());
                        a.upstream.add(in.path("field").asText());
                        String desc = FacetMapper.text(in, "transformationDescription");
                        if (desc == null) {
                            desc = FacetMapper.text(data, "transformationDescription");
                        }
                        if (a.transformation == null) {
                            a.transformation = desc;
                        }
                    }
                }
            }
        } catch (MarquezHttp.StatusException e) {
            acc.clear();
        }
        Map<DatasetId, List<ColumnMapping>> out = new HashMap<>();
        acc.forEach((up, byField) -> {
            List<ColumnMapping> list = new ArrayList<>();
            byField.forEach((field, a) -> list.add(new ColumnMapping(a.upstream, field, a.transformation)));
            out.put(up, list);
        });
        for (LineageEdge e : stored.values()) {
            if (!out.containsKey(e.upstream()) && !e.columns().isEmpty()) {
                out.put(e.upstream(), e.columns());
            } else if (out.containsKey(e.upstream())) {
                out.put(e.upstream(), preferStored(out.get(e.upstream()), e.columns()));
            }
        }
        return out;
    }

    /** Marquez's view decides which mappings exist; our stored copy keeps their order and text. */
    static List<ColumnMapping> preferStored(List<ColumnMapping> fromMarquez, List<ColumnMapping> stored) {
        if (stored.isEmpty()) {
            return fromMarquez;
        }
        Set<String> present = new HashSet<>();
        fromMarquez.forEach(m -> present.add(m.downstreamColumn()));
        List<ColumnMapping> out = new ArrayList<>();
        for (ColumnMapping m : stored) {
            if (present.contains(m.downstreamColumn())) {
                out.add(m);
            }
        }
        return out.isEmpty() ? fromMarquez : out;
    }

    private static final class ColumnAcc {
        final List<String> upstream = new ArrayList<>();
        String transformation;
    }

    /** Marquez's lineage graph, which is undirected: direction comes from the in/out edges. */
    private static final class Graph {
        final Map<String, JsonNode> nodes = new HashMap<>();

        /** The nodes with an edge into {@code nodeId}. */
        List<String> origins(String nodeId) {
            return ends(nodeId, "inEdges", "destination", "origin");
        }

        /** The nodes {@code nodeId} has an edge into. */
        List<String> destinations(String nodeId) {
            return ends(nodeId, "outEdges", "origin", "destination");
        }

        /** The far ends of the node's edges of one kind, keeping only edges whose near end is the node. */
        private List<String> ends(String nodeId, String edges, String near, String far) {
            List<String> out = new ArrayList<>();
            JsonNode n = nodes.get(nodeId);
            if (n != null) {
                for (JsonNode e : n.path(edges)) {
                    if (nodeId.equals(e.path(near).asText())) {
                        out.add(e.path(far).asText());
                    }
                }
            }
            return out;
        }

        MarquezNames.Ref datasetRef(String nodeId) {
            JsonNode n = nodes.get(nodeId);
            if (n == null || !"DATASET".equals(n.path("type").asText())) {
                return null;
            }
            JsonNode data = n.path("data");
            String ns = data.path("id")
                    .path("namespace")
                    .asText(data.path("namespace").asText(null));
            String name = data.path("id").path("name").asText(data.path("name").asText(null));
            if (ns == null || name == null) {
                return null;
            }
            return new MarquezNames.Ref(ns, name);
        }
    }

    private Graph graph(MarquezHttp h, MarquezNames.Ref r) {
        try {
            JsonNode body = h.get("/lineage?nodeId=" + MarquezNames.query(r.nodeId()) + "&depth=1")
                    .orElse(null);
            if (body == null) {
                return null;
            }
            Graph g = new Graph();
            for (JsonNode n : body.path("graph")) {
                g.nodes.put(n.path("id").asText(), n);
            }
            return g;
        } catch (MarquezHttp.StatusException e) {
            throw MarquezHttp.failed(e);
        }
    }
}
