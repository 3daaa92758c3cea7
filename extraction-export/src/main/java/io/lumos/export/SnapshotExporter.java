package io.lumos.export;

import io.lumos.export.graph.GraphModel;
import io.lumos.export.graph.HtmlGraphWriter;
import io.lumos.export.graph.MermaidWriter;
import io.lumos.export.parts.ExtractionContext;
import io.lumos.export.table.Table;
import io.lumos.export.write.CsvFolderWriter;
import io.lumos.export.write.JsonTablesWriter;
import io.lumos.export.write.XlsxWriter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.ExportRequest;
import io.lumos.spi.Exporter;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes one extraction: picks the tables for the type, then the writer for the format. */
public final class SnapshotExporter implements Exporter {
    private final Map<String, Object> defaults;
    private final PluginContext context;

    /** {@code defaults} come from the plugin's config; options of a request win over them. */
    public SnapshotExporter(Map<String, Object> defaults, PluginContext context) {
        this.defaults = defaults == null ? Map.of() : new HashMap<>(defaults);
        this.context = context;
    }

    @Override
    public String export(ExportRequest request) {
        if (request.snapshot() == null) {
            throw new LumosException(ErrorCode.INTERNAL, "extract was called without a snapshot");
        }
        if (request.output() == null) {
            throw new LumosException(ErrorCode.USAGE, "extract needs an output: pass -o PATH");
        }
        ExtractionType type = ExtractionType.parse(request.type());
        String format = request.format() == null
                ? guessFormat(request.output())
                : request.format().strip().toLowerCase(Locale.ROOT);
        if (format.equals("md") || format.equals("mmd")) {
            format = "mermaid";
        }
        boolean picture = ExtractionType.PICTURE_FORMATS.contains(format);
        if (!ExtractionType.TABLE_FORMATS.contains(format) && !picture) {
            throw new LumosException(
                    ErrorCode.USAGE, "extract: unknown format '" + format + "'; use xlsx, csv, json, html or mermaid");
        }
        if (picture && !type.drawsPictures()) {
            throw new LumosException(
                    ErrorCode.USAGE,
                    "extract -t " + type.label() + " -f " + format
                            + ": pictures are drawn for lineage and impact only; use -f xlsx, csv or json");
        }
        ExtractionContext ctx = new ExtractionContext(
                        request.snapshot(),
                        request.baseline(),
                        options(request),
                        context == null ? "PROD" : context.environment(),
                        context == null ? null : context.reporter(),
                        request.usage(),
                        request.assertions())
                .withRuns(request.runs());
        Path out = output(request.output(), type, format);
        try {
            if (picture) {
                boolean impact = type == ExtractionType.IMPACT;
                GraphModel model = GraphModel.of(ctx, impact);
                String title = ctx.string(
                        "title",
                        (impact ? "Impact" : "Lineage")
                                + (model.root() == null
                                        ? ""
                                        : " of " + model.root().shortName()));
                long n = format.equals("html")
                        ? new HtmlGraphWriter().write(model, impact, title, out)
                        : new MermaidWriter()
                                .write(
                                        model,
                                        impact,
                                        ctx.integer("max_edges", MermaidWriter.DEFAULT_MAX_EDGES),
                                        out,
                                        ctx.reporter());
                return "wrote %s %s of %d datasets and %d edges to %s"
                        .formatted(type.label(), format, n, model.edges().size(), out);
            }
            List<Table> tables = type.tables(ctx);
            long rows =
                    switch (format) {
                        case "xlsx" -> new XlsxWriter().write(tables, out);
                        case "csv" -> new CsvFolderWriter().write(tables, out);
                        default ->
                            new JsonTablesWriter()
                                    .write(type.label(), request.snapshot().createdAt(), tables, out);
                    };
            return "wrote %s as %s to %s: %d %s, %,d rows"
                    .formatted(
                            type.label(),
                            format,
                            out,
                            tables.size(),
                            format.equals("xlsx") ? "sheets" : format.equals("csv") ? "files" : "parts",
                            rows);
        } catch (IOException e) {
            throw LumosException.cannotWrite("the " + type.label() + " extract", out, e);
        } catch (java.io.UncheckedIOException e) {
            throw LumosException.cannotWrite("the " + type.label() + " extract", out, e.getCause());
        }
    }

    /** Every option this exporter reads; any other is a mistake to report, not to ignore. */
    static final java.util.Set<String> OPTIONS = java.util.Set.of(
            "root",
            "depth",
            "paths",
            "fresh_days",
            "max_edges",
            "title",
            "costs",
            "cost_splits",
            ExtractionContext.PRODUCTS);

    private Map<String, Object> options(ExportRequest request) {
        Map<String, Object> merged = new HashMap<>(defaults);
        merged.putAll(request.options());
        for (String key : new java.util.TreeSet<>(merged.keySet())) {
            if (!OPTIONS.contains(key)) {
                String hint = io.lumos.spi.Settings.didYouMean(key, OPTIONS);
                throw new LumosException(
                        ErrorCode.USAGE,
                        "extract: unknown option '" + key + "'"
                                + (hint != null ? "; did you mean '" + hint + "'?" : "")
                                + " (options: " + String.join(", ", new java.util.TreeSet<>(OPTIONS)) + ")");
            }
        }
        return merged;
    }

    static String guessFormat(Path output) {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : List.of("xlsx", "csv", "json", "html", "md", "mmd")) {
            if (name.endsWith("." + ext)) {
                return ext;
            }
        }
        return "xlsx";
    }

    /** An existing folder gets a file named after the type; CSV always writes into a folder. */
    static Path output(Path requested, ExtractionType type, String format) {
        if (format.equals("csv")) {
            String name = requested.getFileName().toString();
            if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                return requested.resolveSibling(name.substring(0, name.length() - 4));
            }
            return requested;
        }
        if (Files.isDirectory(requested)) {
            String ext =
                    switch (format) {
                        case "mermaid" -> "md";
                        default -> format;
                    };
            return requested.resolve("lumos-" + type.label() + "." + ext);
        }
        return requested;
    }
}
