package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.ExportRequest;
import io.lumos.spi.ExporterFactory;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "extract",
        description = {
            "Write the catalog for people: Excel, CSV, JSON; lineage and impact also as an HTML page or Mermaid.",
            "Types: comprehensive, schema, lineage, governance, properties, usage, quality, assertions, health, profiling, impact, metadata_diff (with --baseline), cost."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos extract -t comprehensive -o out/catalog.xlsx",
            "  lumos extract -t lineage -f html -o out/lineage.html",
            "  lumos extract -t health -f csv -o out/health",
            "  lumos extract -t assertions -f json -o out/assertions.json"
        })
public final class ExtractCommand extends BaseCommand {
    @Option(
            names = {"-t", "--type"},
            required = true,
            paramLabel = "TYPE",
            description = "What to extract")
    String type;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            description =
                    "xlsx, csv (a folder of files), json, html or mermaid; default from the -o extension, else xlsx")
    String format;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "PATH",
            description = "Output file (a folder for csv)")
    Path output;

    @Option(names = "--baseline", paramLabel = "SNAPSHOT", description = "Older snapshot file, for metadata_diff")
    Path baseline;

    @Option(names = "--root", paramLabel = "DATASET", description = "Focus a lineage or impact picture on one dataset")
    String root;

    @Option(names = "--depth", paramLabel = "N", description = "Follow lineage at most N hops (impact, pictures)")
    Integer depth;

    @Option(
            names = "--cost",
            paramLabel = "DATASET=AMOUNT",
            description = "The cost of a dataset (repeatable); wins over its cost / cost.monthly property")
    Map<String, String> costs;

    @Option(
            names = "--option",
            paramLabel = "KEY=VALUE",
            description = "Other exporter options: paths (critical paths per dataset), fresh_days, max_edges, title, "
                    + "cost_splits=UP>DOWN=SHARE,... (a share is 0.25 or 25%%); an unknown option is an error")
    Map<String, String> options;

    @Override
    public Integer call() {
        String fmt = format == null ? null : format.strip().toLowerCase(Locale.ROOT);
        ExporterFactory factory = exporter(type, fmt == null ? formatOf(output) : fmt);
        CatalogAdapter catalog = session().catalog();
        if (!catalog.can(Capability.EXPORT) && !catalog.can(Capability.READ)) {
            throw LumosException.unsupported(catalog.name(), Capability.EXPORT);
        }
        CatalogSnapshot snapshot = catalog.export();
        CatalogSnapshot old = baseline == null ? null : SnapshotCommand.read(runtime.resolve(baseline));
        Map<String, Object> opts = new LinkedHashMap<>();
        if (options != null) {
            opts.putAll(options);
        }
        if (root != null) {
            opts.put("root", root);
        }
        if (depth != null) {
            opts.put("depth", depth);
        }
        if (costs != null && !costs.isEmpty()) {
            opts.put("costs", new LinkedHashMap<>(costs));
        }
        if (catalog.can(Capability.PRODUCTS) && catalog.can(Capability.READ)) {
            try {
                java.util.List<io.lumos.domain.DataProduct> products = catalog.products();
                if (!products.isEmpty()) {
                    opts.put("products", products);
                }
            } catch (LumosException e) {
                if (e.code() != ErrorCode.UNSUPPORTED_OPERATION) {
                    throw e;
                }
                // a catalog that stores products but does not read them back: the sheet stays empty
            }
        }
        Path target = runtime.resolve(output);
        // Usage and assertion results live beside the snapshot; read them only for the extracts
        // that show them (DataHub answers usage with one request per dataset).
        String t = type.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        boolean observes = t.equals("comprehensive") || t.equals("usage") || t.equals("assertions");
        String summary = factory.create(Settings.empty("extract"), session().pluginContext())
                .export(new ExportRequest(
                        type,
                        fmt,
                        target,
                        snapshot,
                        old,
                        opts,
                        observes && (catalog.can(Capability.USAGE) || catalog.can(Capability.USAGE_READ))
                                ? catalog.usage()
                                : List.of(),
                        observes && catalog.can(Capability.ASSERTIONS) ? catalog.assertionResults() : List.of(),
                        catalog.can(Capability.RUNS_READ) ? catalog.runs(io.lumos.spi.run.RunQuery.ALL) : null));
        // The path as the user gave it, not this machine's absolute one.
        note(summary.replace(target.toString(), output.toString()));
        return 0;
    }

    private ExporterFactory exporter(String type, String fmt) {
        List<ExporterFactory> all = session().plugins().all(ExporterFactory.class);
        String t = type.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ExporterFactory f : all) {
            if (f.types().contains(t) && f.formats().contains(fmt)) {
                return f;
            }
        }
        // Let the standard exporter explain a bad type or format in its own words.
        return session()
                .plugins()
                .find(ExporterFactory.class, "export")
                .orElseThrow(() -> new LumosException(
                        ErrorCode.USAGE,
                        "extract: no exporter writes -t " + type + " -f " + fmt + " (installed: "
                                + String.join(
                                        ", ",
                                        all.stream().map(ExporterFactory::name).toList())
                                + "); see `lumos plugins`"));
    }

    private static String formatOf(Path output) {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".mmd")) {
            return "mermaid";
        }
        for (String ext : List.of("xlsx", "csv", "json", "html")) {
            if (name.endsWith("." + ext)) {
                return ext;
            }
        }
        return "xlsx";
    }
}
