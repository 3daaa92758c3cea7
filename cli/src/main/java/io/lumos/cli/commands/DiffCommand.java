package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.domain.diff.GateReport;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "diff",
        description = {
            "Classify the changes between two versions: snapshot files or anything `scan` takes.",
            "Exit 0, or 1 when --fail-on is given and a finding reaches it."
        })
public final class DiffCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "OLD", description = "Snapshot file or scan target")
    String old;

    @Parameters(index = "1", paramLabel = "NEW", description = "Snapshot file or scan target")
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
            defaultValue = "none",
            paramLabel = "LEVEL",
            description = "breaking, non_breaking, info or none (default: none, always exit 0)")
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
        DiffSupport.Side a = DiffSupport.load(session(), old);
        DiffSupport.Side b = DiffSupport.load(session(), current);
        GateReport report = DiffSupport.run(a, b, options);
        DiffSupport.write(session(), out(), report, b, reports);
        report.warnings().forEach(w -> note("warning: " + w));
        return report.exitCode();
    }
}
