package io.lumos.domain.diff;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.ColumnTransformations;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.lineage.LineageGraph;
import io.lumos.domain.lineage.LineageGraph.Impact;
import io.lumos.domain.lineage.LineageGraph.ImpactedDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CI gate: diffs two snapshots, walks lineage from every breaking finding (column lineage where
 * known, dataset lineage otherwise, marked possibly affected), applies the ignore list and decides
 * the exit code. Pure: reading files and writing reports happen around it.
 */
public final class Gate {
    private Gate() {}

    public static GateReport run(
            String baselineName,
            CatalogSnapshot baseline,
            String currentName,
            CatalogSnapshot current,
            GateOptions options,
            List<Finding> extra) {
        SnapshotDiff diff = SchemaDiff.diff(baseline, current, options.modeLookup());
        // Consumers are those known now, plus those of datasets that the change removed.
        Map<String, LineageEdge> edges = new LinkedHashMap<>();
        for (LineageEdge e : baseline.lineage()) {
            edges.put(e.upstream().urn() + "->" + e.downstream().urn(), e);
        }
        for (LineageEdge e : current.lineage()) {
            edges.put(e.upstream().urn() + "->" + e.downstream().urn(), e);
        }
        LineageGraph graph = LineageGraph.of(edges.values());
        return decide(baselineName, currentName, with(diff, extra, options), graph, options);
    }

    /** The gate as above, without findings from outside the schema diff. */
    public static GateReport run(
            String baselineName,
            CatalogSnapshot baseline,
            String currentName,
            CatalogSnapshot current,
            GateOptions options) {
        return run(baselineName, baseline, currentName, current, options, List.of());
    }

    /** The diff with findings from outside it (failing assertions) added to their datasets. */
    private static SnapshotDiff with(SnapshotDiff diff, List<Finding> extra, GateOptions options) {
        if (extra.isEmpty()) {
            return diff;
        }
        Map<DatasetId, List<Finding>> added = new java.util.TreeMap<>();
        for (Finding f : extra) {
            added.computeIfAbsent(f.dataset(), k -> new ArrayList<>()).add(f);
        }
        List<DatasetDiff> out = new ArrayList<>();
        for (DatasetDiff d : diff.datasets()) {
            List<Finding> more = added.remove(d.dataset());
            if (more == null) {
                out.add(d);
            } else {
                List<Finding> all = new ArrayList<>(d.findings());
                all.addAll(more);
                all.sort(DatasetDiff.ORDER);
                out.add(new DatasetDiff(d.dataset(), d.mode(), all));
            }
        }
        added.forEach((id, findings) -> {
            findings.sort(DatasetDiff.ORDER);
            out.add(new DatasetDiff(id, options.modeLookup().apply(id), findings));
        });
        out.sort(java.util.Comparator.comparing(DatasetDiff::dataset));
        return new SnapshotDiff(out);
    }

    /** The gate on an already computed diff and lineage graph. */
    public static GateReport decide(
            String baselineName, String currentName, SnapshotDiff diff, LineageGraph graph, GateOptions options) {
        List<String> warnings = new ArrayList<>();
        List<IgnoreEntry> active = new ArrayList<>();
        for (IgnoreEntry e : options.ignores()) {
            if (e.expired(options.today())) {
                warnings.add("ignore entry " + e.describe() + " expired on " + e.expires()
                        + " and no longer applies; fix the finding or extend the entry (reason was: " + e.reason()
                        + ")");
            } else {
                active.add(e);
            }
        }
        Map<String, Impact> cache = new HashMap<>();
        List<Finding> kept = new ArrayList<>();
        List<GateReport.Ignored> ignored = new ArrayList<>();
        List<DatasetDiff> datasets = new ArrayList<>();
        for (DatasetDiff d : diff.datasets()) {
            List<Finding> findings = new ArrayList<>(d.findings().size());
            for (Finding f : d.findings()) {
                Finding withImpact = f.severity() == Severity.BREAKING ? impact(f, graph, options, cache) : f;
                IgnoreEntry match = null;
                for (IgnoreEntry e : active) {
                    if (e.matches(withImpact)) {
                        match = e;
                        break;
                    }
                }
                if (match != null) {
                    ignored.add(new GateReport.Ignored(withImpact, match));
                } else {
                    findings.add(withImpact);
                }
            }
            kept.addAll(findings);
            datasets.add(new DatasetDiff(d.dataset(), d.mode(), findings));
        }
        kept.sort(DatasetDiff.ORDER);
        boolean blocks = kept.stream().anyMatch(f -> options.failOn().blocks(f.severity()));
        return new GateReport(
                baselineName,
                currentName,
                options.failOn(),
                options.defaultMode(),
                datasets,
                kept,
                ignored,
                warnings,
                blocks ? 1 : 0);
    }

    private static Finding impact(Finding f, LineageGraph graph, GateOptions options, Map<String, Impact> cache) {
        DatasetId id = f.dataset();
        if (!graph.contains(id)) {
            return f.withDownstream(List.of(), f.message() + "; no known consumers");
        }
        // Consumers reference the old name: follow a rename or removal from the old path.
        String column = f.ruleId().equals(Rule.FIELD_RENAMED.name()) ? f.before() : f.path();
        String key = id.urn() + '\u0000' + column;
        Impact impact = cache.computeIfAbsent(key, k -> graph.impact(id, column, options.maxDepth()));
        List<Downstream> out = new ArrayList<>(impact.affected().size());
        for (ImpactedDataset a : impact.affected()) {
            out.add(new Downstream(a.id(), List.copyOf(a.columns()), a.path(), a.depth(), a.possiblyAffected()));
        }
        if (out.isEmpty()) {
            return f.withDownstream(out, f.message() + "; no known consumers");
        }
        // Downstream columns made by a known transformation are named by it ("breaks an aggregation: ...").
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        int shown = 0;
        for (Downstream d : out) {
            if (shown == 5) {
                break;
            }
            StringBuilder label = new StringBuilder(d.dataset().shortName());
            if (!d.columns().isEmpty()) {
                label.append('.').append(String.join("|", d.columns()));
            }
            if (d.possiblyAffected()) {
                label.append(" (possibly)");
            }
            String kind = d.depth() == 1 ? String.join(" and ", madeBy(graph, id, column, d)) : "";
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(label.toString());
            shown++;
        }
        StringBuilder msg = new StringBuilder(f.message());
        byKind.forEach((kind, labels) -> msg.append("; breaks")
                .append(kind.isEmpty() ? "" : " " + kind)
                .append(": ")
                .append(String.join(", ", labels)));
        if (out.size() > shown) {
            msg.append(", and ").append(out.size() - shown).append(" more");
        }
        return f.withDownstream(out, msg.toString());
    }

    /**
     * How the columns of a direct consumer that read {@code column} (all, when null) were made, as
     * noun phrases ("an aggregation"); empty when they are copies or the kind is not known.
     */
    private static java.util.Set<String> madeBy(LineageGraph graph, DatasetId id, String column, Downstream d) {
        java.util.Set<String> kinds = new java.util.LinkedHashSet<>();
        for (LineageEdge e : graph.downstreamEdges(id)) {
            if (!e.downstream().equals(d.dataset())) {
                continue;
            }
            for (ColumnMapping m : e.columns()) {
                if (!d.columns().contains(m.downstreamColumn())) {
                    continue;
                }
                boolean reads = column == null
                        || m.upstreamColumns().stream()
                                .anyMatch(u ->
                                        u.equals(column) || u.startsWith(column + ".") || column.startsWith(u + "."));
                String noun = reads ? ColumnTransformations.noun(m) : null;
                if (noun != null) {
                    kinds.add(noun);
                }
            }
        }
        return kinds;
    }
}
