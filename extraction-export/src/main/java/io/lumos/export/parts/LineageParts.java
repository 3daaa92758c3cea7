package io.lumos.export.parts;

import static io.lumos.export.table.Column.date;
import static io.lumos.export.table.Column.decimal;
import static io.lumos.export.table.Column.integer;
import static io.lumos.export.table.Column.text;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.export.table.Table;
import java.util.List;
import java.util.stream.Collectors;

/** The tables of the lineage and impact extracts: edges, column lineage, and what each dataset reaches. */
public final class LineageParts {
    private LineageParts() {}

    public static Table lineage(ExtractionContext ctx) {
        List<LineageEdge> edges = ctx.snapshot().lineage();
        return new Table(
                "Lineage",
                "lineage",
                List.of(
                        text("upstream", "Upstream"),
                        text("downstream", "Downstream"),
                        text("type", "Type"),
                        decimal("confidence", "Confidence"),
                        integer("columnMappings", "Column mappings"),
                        text("createdBy", "Created by"),
                        date("createdAt", "Created at (UTC)"),
                        text("upstreamUrn", "Upstream URN"),
                        text("downstreamUrn", "Downstream URN")),
                sink -> {
                    for (LineageEdge e : edges) {
                        sink.row(
                                e.upstream().shortName(),
                                e.downstream().shortName(),
                                e.type().name(),
                                e.confidence(),
                                (long) e.columns().size(),
                                e.createdBy(),
                                e.createdAt(),
                                e.upstream().urn(),
                                e.downstream().urn());
                    }
                });
    }

    public static Table columnLineage(ExtractionContext ctx) {
        List<LineageEdge> edges = ctx.snapshot().lineage();
        return new Table(
                "Column lineage",
                "column_lineage",
                List.of(
                        text("upstream", "Upstream"),
                        text("upstreamColumns", "Upstream columns"),
                        text("downstream", "Downstream"),
                        text("downstreamColumn", "Downstream column"),
                        text("transformation", "Transformation"),
                        text("type", "Edge type"),
                        decimal("confidence", "Confidence"),
                        text("createdBy", "Created by"),
                        date("createdAt", "Created at (UTC)")),
                sink -> {
                    for (LineageEdge e : edges) {
                        for (ColumnMapping m : e.columns()) {
                            sink.row(
                                    e.upstream().shortName(),
                                    String.join(", ", m.upstreamColumns()),
                                    e.downstream().shortName(),
                                    m.downstreamColumn(),
                                    m.transformation(),
                                    e.type().name(),
                                    e.confidence(),
                                    e.createdBy(),
                                    e.createdAt());
                        }
                    }
                });
    }

    public static Table impact(ExtractionContext ctx) {
        ImpactAnalysis a = ctx.impact();
        return new Table(
                "Impact",
                "impact",
                List.of(
                        text("dataset", "Dataset"),
                        integer("direct", "Direct downstream"),
                        integer("indirect", "Indirect downstream"),
                        integer("total", "Total downstream"),
                        integer("maxDepth", "Longest chain"),
                        text("criticalPath", "Most critical path")),
                sink -> {
                    for (ImpactAnalysis.Entry e : a.entries()) {
                        sink.row(
                                e.dataset().shortName(),
                                (long) e.direct(),
                                (long) e.indirect(),
                                (long) e.total(),
                                (long) e.maxDepth(),
                                e.paths().isEmpty() ? null : path(e.paths().get(0)));
                    }
                });
    }

    public static Table impactPaths(ExtractionContext ctx) {
        ImpactAnalysis a = ctx.impact();
        return new Table(
                "Impact paths",
                "impact_paths",
                List.of(
                        text("dataset", "Dataset"),
                        integer("rank", "Rank"),
                        text("reaches", "Reaches"),
                        integer("hops", "Hops"),
                        integer("reachesDownstream", "Reached dataset's own downstream"),
                        text("path", "Path")),
                sink -> {
                    for (ImpactAnalysis.Entry e : a.entries()) {
                        int rank = 1;
                        for (List<DatasetId> p : e.paths()) {
                            DatasetId end = p.get(p.size() - 1);
                            sink.row(
                                    e.dataset().shortName(),
                                    (long) rank++,
                                    end.shortName(),
                                    (long) (p.size() - 1),
                                    (long) a.total(end),
                                    path(p));
                        }
                    }
                });
    }

    static String path(List<DatasetId> p) {
        return p.stream().map(DatasetId::shortName).collect(Collectors.joining(" \u2192 "));
    }
}
