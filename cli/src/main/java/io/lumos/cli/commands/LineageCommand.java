package io.lumos.cli.commands;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lumos.cli.BaseCommand;
import io.lumos.cli.Session;
import io.lumos.cli.output.ConsoleText;
import io.lumos.cli.output.Format;
import io.lumos.cli.output.Table;
import io.lumos.domain.ColumnTransformations;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.lineage.LineageGraph;
import io.lumos.domain.lineage.LineageGraph.Impact;
import io.lumos.domain.lineage.LineageGraph.ImpactedDataset;
import io.lumos.domain.lineage.LineageGraph.Reached;
import io.lumos.json.ModelJson;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "lineage",
        description = "Declare and walk lineage.",
        subcommands = {
            LineageCommand.Add.class,
            LineageCommand.Upstream.class,
            LineageCommand.Downstream.class,
            LineageCommand.ImpactCommand.class
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos lineage impact csv:orders",
            "  lumos lineage upstream json:revenue_report --columns",
            "  lumos lineage add csv:orders csv:orders_daily --column amount=revenue:AGGREGATION"
        })
public final class LineageCommand {

    /** Resolves {@code ID[.column]}: the longest prefix that names a dataset, the rest a column. */
    record Target(DatasetId id, String column) {}

    static Target target(Session session, String text) {
        CatalogAdapter catalog = session.catalog();
        DatasetId whole = DatasetArguments.parse(session, text);
        java.util.function.Predicate<DatasetId> known =
                id -> catalog.dataset(id).isPresent()
                        || !catalog.downstreamEdges(id).isEmpty()
                        || !catalog.upstreamEdges(id).isEmpty();
        // Lineage may name datasets the catalog does not hold (declared, not yet ingested).
        if (known.test(whole)) {
            return new Target(whole, null);
        }
        String name = whole.name();
        for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
            DatasetId prefix = new DatasetId(whole.platform(), name.substring(0, dot), whole.env());
            if (known.test(prefix)) {
                return new Target(prefix, name.substring(dot + 1));
            }
        }
        throw DatasetArguments.unknown(catalog, whole);
    }

    /** The part of the lineage graph reachable from a dataset, walked in the catalog where it can. */
    static LineageGraph graph(Session session, DatasetId from, boolean downstream, int depth) {
        return graph(session, from, downstream, depth, 0);
    }

    /**
     * The lineage reachable from a dataset through edges of at least {@code minConfidence}: a walk
     * does not cross an edge people are unsure of.
     */
    static LineageGraph graph(Session session, DatasetId from, boolean downstream, int depth, double minConfidence) {
        List<LineageEdge> edges = session.catalog().lineageClosure(from, downstream, depth);
        if (minConfidence > 0) {
            edges = edges.stream().filter(e -> e.confidence() >= minConfidence).toList();
        }
        return LineageGraph.of(edges);
    }

    /** {@code --min-confidence}, checked: a number from 0 to 1. */
    static double minConfidence(Double value) {
        if (value == null) {
            return 0;
        }
        if (value.isNaN() || value < 0 || value > 1) {
            throw new LumosException(
                    ErrorCode.USAGE, "--min-confidence " + value + " must be between 0 and 1 (e.g. 0.8)");
        }
        return value;
    }

    /** The confidence of a path: that of its weakest edge. */
    static double pathConfidence(List<DatasetId> path, EdgeFinder edges) {
        double c = 1;
        for (int i = 0; i + 1 < path.size(); i++) {
            LineageEdge e = edges.edge(path.get(i), path.get(i + 1));
            if (e != null) {
                c = Math.min(c, e.confidence());
            }
        }
        return c;
    }

    /**
     * The edges of the paths a command prints. A walk over the whole closure knows them all; the
     * integer walk knows none, so the edges into a dataset are read when a printed path first
     * crosses it: a table of 200 rows reads a few hundred edges, not the million the walk crossed.
     */
    static final class EdgeFinder {
        private final Session session;
        private final Map<String, LineageEdge> byEnds = new java.util.HashMap<>();
        private final java.util.Set<String> read = new java.util.HashSet<>();

        EdgeFinder(Session session) {
            this.session = session;
        }

        void know(List<LineageEdge> edges) {
            for (LineageEdge e : edges) {
                byEnds.put(e.upstream().urn() + "->" + e.downstream().urn(), e);
                read.add(e.downstream().urn());
            }
        }

        LineageEdge edge(DatasetId upstream, DatasetId downstream) {
            String key = upstream.urn() + "->" + downstream.urn();
            LineageEdge e = byEnds.get(key);
            if (e == null && read.add(downstream.urn())) {
                for (LineageEdge in : session.catalog().upstreamEdges(downstream)) {
                    byEnds.putIfAbsent(
                            in.upstream().urn() + "->" + in.downstream().urn(), in);
                }
                e = byEnds.get(key);
            }
            return e;
        }
    }

    static String confidence(double c) {
        return String.format(java.util.Locale.ROOT, "%.2f", c);
    }

    @Command(
            name = "add",
            description = "Declare that DOWN is made from UP.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  lumos lineage add csv:orders csv:orders_daily --type AGGREGATED",
                "  lumos lineage add csv:orders csv:orders_daily --column amount=revenue:AGGREGATION"
            })
    public static final class Add extends BaseCommand {
        @Parameters(
                index = "0",
                paramLabel = "UP",
                description = "The dataset DOWN is made from (platform:name or URN)")
        String up;

        @Parameters(index = "1", paramLabel = "DOWN", description = "The dataset made from UP")
        String down;

        @Option(
                names = "--type",
                defaultValue = "TRANSFORMED",
                paramLabel = "TYPE",
                description = "TRANSFORMED (default), COPIED, VIEW, DERIVED, AGGREGATED")
        String type;

        @Option(
                names = "--confidence",
                defaultValue = "1.0",
                paramLabel = "0..1",
                description = "How sure the lineage is (default 1.0)")
        double confidence;

        @Option(
                names = "--column",
                paramLabel = "UPCOL=DOWNCOL[:SUBTYPE]",
                description = "Column lineage (repeatable); SUBTYPE says how the column was made:"
                        + " IDENTITY, TRANSFORMATION, AGGREGATION, JOIN, FILTER, GROUP_BY, SORT, WINDOW, CONDITIONAL")
        List<String> columns = new ArrayList<>();

        @Override
        public Integer call() {
            LineageEdge edge;
            try {
                edge = new LineageEdge(
                        DatasetArguments.parse(session(), up),
                        DatasetArguments.parse(session(), down),
                        LineageType.parse(type),
                        confidence,
                        session().clock().instant(),
                        session().env().getOrDefault("USER", "lumos"),
                        columns.stream().map(ColumnTransformations::parse).toList());
            } catch (IllegalArgumentException e) {
                throw new LumosException(ErrorCode.USAGE, e.getMessage());
            }
            String what = "lineage " + edge.upstream().shortName() + " -> "
                    + edge.downstream().shortName();
            if (columns.isEmpty()) {
                Edits.requireAll(session(), what, Capability.LINEAGE);
            } else {
                Edits.requireAll(session(), what, Capability.LINEAGE, Capability.COLUMN_LINEAGE);
            }
            int code = Edits.apply(session(), err(), what, c -> c.writeLineage(List.of(edge)));
            if (code != 0) {
                return code;
            }
            note("lineage " + edge.upstream().shortName() + " -> "
                    + edge.downstream().shortName() + " (" + edge.type()
                    + (columns.isEmpty() ? "" : ", " + columns.size() + " column mapping(s)") + ")");
            return 0;
        }
    }

    abstract static class Walk extends BaseCommand {
        @Parameters(paramLabel = "ID", description = "The dataset: platform:name (csv:orders) or its URN")
        String id;

        @Option(
                names = "--depth",
                defaultValue = "2147483647",
                paramLabel = "N",
                description = "Hops to walk (default: all)")
        int depth;

        @Option(names = "--columns", description = "Show column mappings")
        boolean columns;

        @Option(
                names = "--min-confidence",
                paramLabel = "C",
                description = "Follow only edges of at least this confidence, 0 to 1 (e.g. 0.8)")
        Double minConfidence;

        @Mixin
        ReadFormat format;

        abstract boolean down();

        @Override
        public Integer call() throws IOException {
            DatasetId root = DatasetArguments.parse(session(), id);
            LineageGraph graph = graph(session(), root, down(), depth, minConfidence(minConfidence));
            if (!graph.contains(root)) {
                DatasetArguments.require(session(), root);
            }
            List<Reached> reached = down() ? graph.downstream(root, depth) : graph.upstream(root, depth);
            if (format.get() == Format.JSON) {
                try (JsonGenerator g = ModelJson.generator(out(), true)) {
                    g.writeStartObject();
                    g.writeStringField("dataset", root.urn());
                    g.writeStringField("direction", down() ? "downstream" : "upstream");
                    g.writeArrayFieldStart("datasets");
                    for (Reached r : reached) {
                        g.writeStartObject();
                        g.writeStringField("dataset", r.id().urn());
                        g.writeNumberField("depth", r.depth());
                        g.writeFieldName("edge");
                        ModelJson.writeEdge(g, r.via());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                out().println();
                return 0;
            }
            Table t = columns
                    ? new Table("DATASET", "DEPTH", "TYPE", "CONFIDENCE", "COLUMNS")
                    : new Table("DATASET", "DEPTH", "TYPE", "CONFIDENCE", "VIA");
            for (Reached r : reached) {
                String detail = columns
                        ? r.via().columns().stream()
                                .map(ColumnTransformations::format)
                                .collect(Collectors.joining(", "))
                        : (down() ? r.via().upstream() : r.via().downstream()).shortName();
                t.row(
                        r.id().shortName(),
                        r.depth(),
                        r.via().type(),
                        confidence(r.via().confidence()),
                        detail);
            }
            if (t.isEmpty()) {
                note("no " + (down() ? "downstream" : "upstream") + " datasets of " + root.shortName());
            } else {
                t.print(out());
            }
            return 0;
        }
    }

    @Command(
            name = "upstream",
            description = "What a dataset is made from.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  lumos lineage upstream json:revenue_report",
                "  lumos lineage upstream json:revenue_report --columns --depth 1"
            })
    public static final class Upstream extends Walk {
        @Override
        boolean down() {
            return false;
        }
    }

    @Command(
            name = "downstream",
            description = "What is made from a dataset.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos lineage downstream csv:orders", "  lumos lineage downstream csv:orders --columns -f json"
            })
    public static final class Downstream extends Walk {
        @Override
        boolean down() {
            return true;
        }
    }

    @Command(
            name = "impact",
            description = "Everything downstream of a change to a dataset or column, with paths.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  lumos lineage impact csv:orders",
                "  lumos lineage impact csv:orders.amount --depth 2",
                "  lumos lineage impact csv:orders --min-confidence 0.8"
            })
    public static final class ImpactCommand extends BaseCommand {
        @Parameters(
                paramLabel = "ID[.column]",
                description = "A dataset (csv:orders) or one of its columns (csv:orders.amount)")
        String id;

        @Option(
                names = "--depth",
                defaultValue = "2147483647",
                paramLabel = "N",
                description = "Hops to walk (default: all)")
        int depth;

        @Mixin
        ReadFormat format;

        @Option(
                names = "--limit",
                defaultValue = "200",
                paramLabel = "N",
                description = "Rows of the table to print (default 200; JSON has all)")
        int limit;

        @Option(
                names = "--min-confidence",
                paramLabel = "C",
                description = "Follow only edges of at least this confidence, 0 to 1 (e.g. 0.8)")
        Double minConfidence;

        @Override
        public Integer call() throws IOException {
            Target target = target(session(), id);
            if (target.column() != null) {
                checkColumn(target);
            }
            double min = minConfidence(minConfidence);
            EdgeFinder edges = new EdgeFinder(session());
            Impact impact = impact(target, min, edges);
            if (format.get() == Format.JSON) {
                try (JsonGenerator g = ModelJson.generator(out(), true)) {
                    g.writeStartObject();
                    g.writeStringField("dataset", target.id().urn());
                    if (target.column() != null) {
                        g.writeStringField("column", target.column());
                    }
                    g.writeNumberField("direct", impact.directCount());
                    g.writeNumberField("indirect", impact.indirectCount());
                    g.writeArrayFieldStart("affected");
                    for (ImpactedDataset a : impact.affected()) {
                        g.writeStartObject();
                        g.writeStringField("dataset", a.id().urn());
                        g.writeNumberField("depth", a.depth());
                        g.writeBooleanField("direct", a.direct());
                        g.writeBooleanField("possiblyAffected", a.possiblyAffected());
                        g.writeArrayFieldStart("columns");
                        for (String c : a.columns()) {
                            g.writeString(c);
                        }
                        g.writeEndArray();
                        g.writeArrayFieldStart("path");
                        for (DatasetId p : a.path()) {
                            g.writeString(p.urn());
                        }
                        g.writeEndArray();
                        g.writeNumberField("confidence", pathConfidence(a.path(), edges));
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                out().println();
                return 0;
            }
            String what = target.id().shortName() + (target.column() == null ? "" : " column " + target.column());
            out().println("Impact of a change to " + ConsoleText.escape(what) + ": " + impact.directCount()
                    + " direct, " + impact.indirectCount() + " indirect");
            if (!impact.affected().isEmpty()) {
                Table t = new Table("DATASET", "DEPTH", "IMPACT", "CONFIDENCE", "COLUMNS", "PATH");
                for (ImpactedDataset a : impact.affected()
                        .subList(0, Math.min(limit, impact.affected().size()))) {
                    t.row(
                            a.id().shortName(),
                            a.depth(),
                            (a.direct() ? "direct" : "indirect") + (a.possiblyAffected() ? " (possibly)" : ""),
                            confidence(pathConfidence(a.path(), edges)),
                            String.join(",", a.columns()),
                            a.path().stream().map(DatasetId::shortName).collect(Collectors.joining(" -> ")));
                }
                t.print(out());
                if (impact.affected().size() > limit) {
                    out().println("... and " + (impact.affected().size() - limit)
                            + " more (nearest first; --limit N for more, -f json for all)");
                }
            }
            return 0;
        }

        /**
         * A dataset's impact walks the catalog's integer lineage where it has one (no URN is read
         * until a row is printed); a column's needs the column mappings of every edge it crosses.
         */
        private Impact impact(Target target, double minConfidence, EdgeFinder edges) {
            if (target.column() == null && minConfidence == 0) {
                var index = session().catalog().lineageIndex(target.id());
                if (index.isPresent()) {
                    return index.get().impact(target.id(), depth);
                }
            }
            List<LineageEdge> closure = session().catalog().lineageClosure(target.id(), true, depth);
            edges.know(closure);
            List<LineageEdge> followed = minConfidence > 0
                    ? closure.stream()
                            .filter(e -> e.confidence() >= minConfidence)
                            .toList()
                    : closure;
            return LineageGraph.of(followed).impact(target.id(), target.column(), depth);
        }

        /**
         * A column the dataset's stored schema does not have is a usage error; without a stored
         * schema (a dataset only lineage names) the walk goes on, with a warning.
         */
        private void checkColumn(Target target) {
            var stored = session().catalog().dataset(target.id());
            List<String> paths = stored.map(d -> d.allFields().stream()
                            .map(io.lumos.domain.Field::path)
                            .toList())
                    .orElse(List.of());
            if (paths.isEmpty()) {
                err().println("warning: the schema of " + target.id().shortName()
                        + " is unknown (it is not ingested, or has no fields); walking the column lineage of "
                        + target.column() + " as declared");
                return;
            }
            if (paths.contains(target.column())) {
                return;
            }
            String hint = io.lumos.spi.Settings.didYouMean(target.column(), paths);
            throw new LumosException(
                    ErrorCode.USAGE,
                    target.id().shortName() + " has no column '" + target.column() + "'"
                            + (hint != null
                                    ? "; did you mean " + target.id().shortName() + "." + hint + "?"
                                    : "; `lumos datasets get " + target.id().shortName() + "` lists its columns"));
        }
    }
}
