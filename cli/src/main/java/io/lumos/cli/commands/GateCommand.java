package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.domain.diff.GateReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "gate",
        description = {
            "The CI gate: diff the current state against a baseline snapshot, walk lineage from every",
            "breaking change, write reports. Exit 0 ok, 1 blocking findings, 2 usage, 3 a source failed."
        })
public final class GateCommand extends BaseCommand {
    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "Snapshot of the main branch")
    String baseline;

    @Option(
            names = "--current",
            paramLabel = "FILE",
            description = "Snapshot (or scan target) of this change; without it, the sources of -c CONFIG are scanned")
    String current;

    @Option(
            names = "--mode",
            defaultValue = "BACKWARD",
            paramLabel = "MODE",
            description = "BACKWARD (default), FORWARD, FULL, *_TRANSITIVE or NONE")
    String mode;

    @Option(names = "--mode-for", paramLabel = "DATASET=MODE", description = "A mode for one dataset (repeatable)")
    List<String> modeFor;

    @Option(
            names = "--fail-on",
            defaultValue = "breaking",
            paramLabel = "LEVEL",
            description = "breaking (default), non_breaking, info or none")
    String failOn;

    @Option(
            names = "--ignore",
            paramLabel = "FILE",
            description = "Ignore file (YAML/JSON): dataset, path, rule, reason, expires")
    Path ignore;

    @Option(names = "--depth", paramLabel = "N", description = "How far to walk lineage for impact (default: all)")
    Integer depth;

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "Reports (each -f with an optional -o)%n")
    List<DiffSupport.ReportSpec> reports;

    @Override
    public Integer call() {
        var options = DiffSupport.options(session(), mode, modeFor, failOn, ignore, depth);
        if (current == null && session().options().config() == null) {
            throw new LumosException(ErrorCode.USAGE, "give --current FILE or -c CONFIG (whose sources are scanned)");
        }
        DiffSupport.Side base = DiffSupport.load(session(), baseline);
        DiffSupport.Side now =
                current != null ? DiffSupport.load(session(), current) : DiffSupport.fromConfig(session());
        GateReport report = DiffSupport.run(base, now, options);
        DiffSupport.write(session(), out(), report, now, reports);
        report.warnings().forEach(w -> note("warning: " + w));
        note("gate: "
                + report.counts().values().stream().mapToLong(Long::longValue).sum() + " finding(s), "
                + report.blockingCount() + " blocking; exit " + report.exitCode());
        return report.exitCode();
    }
}
