package io.lumos.domain.diff;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.LineageEdge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The lineage part of a snapshot diff: edges added or removed, column lineage changed, a new read of
 * a deprecated dataset. Each finding is reported on the edge's downstream dataset.
 */
final class LineageChanges {
    private LineageChanges() {}

    static void collect(
            List<LineageEdge> before,
            List<LineageEdge> after,
            Map<DatasetId, List<Finding>> byDataset,
            Function<DatasetId, CompatibilityMode> modes,
            Map<DatasetId, Dataset> afterDatasets,
            Map<DatasetId, Dataset> beforeDatasets) {
        Map<String, LineageEdge> old = new HashMap<>();
        for (LineageEdge e : before) {
            old.put(edgeKey(e), e);
        }
        Set<String> now = new HashSet<>();
        for (LineageEdge e : after) {
            String key = edgeKey(e);
            now.add(key);
            LineageEdge o = old.get(key);
            FindingCollector ctx = new FindingCollector(e.downstream(), modes.apply(e.downstream()), false);
            if (o == null) {
                ctx.emit(
                        Rule.LINEAGE_EDGE_ADDED,
                        true,
                        true,
                        "",
                        null,
                        e.upstream().shortName(),
                        "lineage from " + e.upstream().shortName() + " added",
                        null);
                Dataset up = afterDatasets.getOrDefault(e.upstream(), beforeDatasets.get(e.upstream()));
                if (up != null && up.status() == DatasetStatus.DEPRECATED) {
                    Lifecycle l = Lifecycle.of(up);
                    ctx.emit(
                            Rule.DEPRECATED_UPSTREAM_READ,
                            true,
                            true,
                            "",
                            null,
                            e.upstream().shortName(),
                            "now reads " + e.upstream().shortName() + ", which is deprecated"
                                    + (l.decommissionOn() == null
                                            ? ""
                                            : " (decommission on " + l.decommissionOn() + ")")
                                    + (l.note() == null ? "" : ": " + l.note()),
                            "read what replaces it instead, or agree the dependency with its owners");
                }
            } else if (!mappings(o).equals(mappings(e))) {
                ctx.emit(
                        Rule.COLUMN_LINEAGE_CHANGED,
                        true,
                        true,
                        "",
                        String.join(", ", mappings(o)),
                        String.join(", ", mappings(e)),
                        "column lineage from " + e.upstream().shortName() + " changed",
                        null);
            }
            if (!ctx.out.isEmpty()) {
                byDataset
                        .computeIfAbsent(e.downstream(), k -> new ArrayList<>())
                        .addAll(ctx.out);
            }
        }
        for (LineageEdge o : before) {
            if (!now.contains(edgeKey(o))) {
                FindingCollector ctx = new FindingCollector(o.downstream(), modes.apply(o.downstream()), false);
                ctx.emit(
                        Rule.LINEAGE_EDGE_REMOVED,
                        true,
                        true,
                        "",
                        o.upstream().shortName(),
                        null,
                        "lineage from " + o.upstream().shortName() + " removed",
                        null);
                byDataset
                        .computeIfAbsent(o.downstream(), k -> new ArrayList<>())
                        .addAll(ctx.out);
            }
        }
    }

    private static String edgeKey(LineageEdge e) {
        return e.upstream().urn() + "->" + e.downstream().urn();
    }

    private static List<String> mappings(LineageEdge e) {
        List<String> out = new ArrayList<>();
        for (ColumnMapping c : e.columns()) {
            out.add(String.join("+", c.upstreamColumns()) + "=" + c.downstreamColumn());
        }
        out.sort(null);
        return out;
    }
}
