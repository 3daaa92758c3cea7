package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.config.LumosConfig.SourceConfig;
import io.lumos.cli.service.ScanResult;
import io.lumos.cli.service.ScanService;
import io.lumos.spi.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "scan",
        description = "Extract schemas without a catalog: files, globs, folders, s3://, postgresql://, mongodb://.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos scan data/orders.csv data/order_items.jsonl",
            "  lumos scan 'data/**/*.parquet' -f json",
            "  lumos scan postgresql://app:secret@localhost:5432/shop"
        })
public final class ScanCommand extends BaseCommand {
    @Parameters(paramLabel = "TARGET", arity = "1..*", description = "What to scan")
    List<String> targets;

    @Mixin
    ReadFormat format;

    @Option(names = "--full-scan", description = "Read every row: exact row counts and nullability")
    boolean fullScan;

    @Option(names = "--sample-rows", paramLabel = "N", description = "Rows to infer text formats from")
    Integer sampleRows;

    private final Provider<ScanService> scans;

    @Inject
    ScanCommand(Provider<ScanService> scans) {
        this.scans = scans;
    }

    @Override
    public Integer call() {
        var fmt = format.get();
        ScanService scans = this.scans.get();
        List<SourceConfig> sources = new ArrayList<>();
        for (String target : targets) {
            SourceConfig s = scans.sourceForTarget(target);
            Map<String, Object> values = new LinkedHashMap<>(s.settings().asMap());
            if (fullScan) {
                values.put("full_scan", true);
            }
            if (sampleRows != null) {
                values.put("sample_rows", sampleRows);
            }
            sources.add(new SourceConfig(
                    s.name(), s.type(), new io.lumos.spi.Settings(s.settings().scope(), values, Map.of())));
        }
        int warningsBefore = session().reporter().warnings();
        ScanResult result = scans.scan(sources);
        DatasetPrinter.datasets(out(), result.datasets(), fmt);
        // the summary counts what was printed above: problems, and the other warnings apart
        int problems = result.problems().size();
        int others = Math.max(0, session().reporter().warnings() - warningsBefore - problems);
        if (problems > 0 || others > 0) {
            note((problems > 0 ? problems + " problem(s)" : "")
                    + (problems > 0 && others > 0 ? " and " : "")
                    + (others > 0 ? others + " warning(s)" : "")
                    + " above; " + result.datasets().size() + " dataset(s) read");
        }
        if (problems > 0) {
            return ErrorCode.BAD_INPUT.exitCode();
        }
        return 0;
    }
}
