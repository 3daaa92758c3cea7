package io.lumos.export.graph;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.domain.lineage.LineageGraph;
import io.lumos.export.parts.ExtractionContext;
import io.lumos.export.parts.ImpactAnalysis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The datasets and edges a picture shows: everything, or with a {@code root} option the root and
 * what lies upstream and downstream of it (downstream only for impact).
 */
public record GraphModel(List<Node> nodes, List<Edge> edges, DatasetId root) {
    /**
     * A dataset in the picture; {@code known} is false for lineage ends the catalog does not
     * describe. {@code fields} are its top-level field names, what the page shows when it is opened.
     * {@code product} is the data product that holds it (the first by name when several do), or null.
     */
    public record Node(
            DatasetId id,
            String platform,
            String owners,
            String domain,
            String product,
            boolean known,
            int direct,
            int indirect,
            List<String> fields) {}

    /** An edge between node indexes, with its column mappings (for the columns of opened datasets). */
    public record Edge(int from, int to, String type, double confidence, int columns, List<ColumnMapping> mappings) {}

    public static GraphModel of(ExtractionContext ctx, boolean impactOnly) {
        LineageGraph g = ctx.graph();
        DatasetId root = ctx.root();
        int depth = ctx.integer("depth", LineageGraph.UNBOUNDED);
        Map<DatasetId, Dataset> byId = new HashMap<>();
        for (Dataset d : ctx.snapshot().datasets()) {
            byId.put(d.id(), d);
        }
        TreeSet<DatasetId> ids = new TreeSet<>();
        if (root == null) {
            ids.addAll(byId.keySet());
            for (LineageEdge e : g.edges()) {
                ids.add(e.upstream());
                ids.add(e.downstream());
            }
        } else {
            if (!byId.containsKey(root) && !g.contains(root)) {
                throw new io.lumos.spi.LumosException(
                        io.lumos.spi.ErrorCode.UNKNOWN_DATASET,
                        "extract: root dataset " + root.shortName()
                                + " is not in the catalog; check the id with `lumos datasets search`");
            }
            ids.add(root);
            g.downstream(root, depth).forEach(r -> ids.add(r.id()));
            if (!impactOnly) {
                g.upstream(root, depth).forEach(r -> ids.add(r.id()));
            }
        }
        ImpactAnalysis impact = ctx.impact();
        Map<DatasetId, ImpactAnalysis.Entry> entries = new HashMap<>();
        for (ImpactAnalysis.Entry e : impact.entries()) {
            entries.put(e.dataset(), e);
        }
        Map<DatasetId, String> productOf = new HashMap<>();
        ctx.products().stream()
                .sorted(java.util.Comparator.comparing(io.lumos.domain.DataProduct::name))
                .forEach(p -> p.assets().forEach(a -> productOf.putIfAbsent(a, p.name())));
        List<Node> nodes = new ArrayList<>(ids.size());
        Map<DatasetId, Integer> index = new HashMap<>();
        for (DatasetId id : ids) {
            Dataset d = byId.get(id);
            ImpactAnalysis.Entry e = entries.get(id);
            index.put(id, nodes.size());
            nodes.add(new Node(
                    id,
                    id.platform(),
                    d == null
                            ? null
                            : String.join(
                                    ", ",
                                    d.owners().stream()
                                            .map(Owner::name)
                                            .distinct()
                                            .toList()),
                    d == null ? null : d.domain(),
                    productOf.get(id),
                    d != null,
                    e == null ? 0 : e.direct(),
                    e == null ? 0 : e.indirect(),
                    d == null
                            ? List.of()
                            : d.fields().stream().map(f -> f.name()).toList()));
        }
        List<Edge> edges = new ArrayList<>();
        for (LineageEdge e : g.edges()) {
            Integer u = index.get(e.upstream());
            Integer d = index.get(e.downstream());
            if (u != null && d != null) {
                edges.add(new Edge(
                        u, d, e.type().name(), e.confidence(), e.columns().size(), e.columns()));
            }
        }
        return new GraphModel(nodes, edges, root);
    }
}
