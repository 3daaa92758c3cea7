package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.service.ScanService;
import io.lumos.domain.diff.GateReport;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "diff",
        description = {
            "Classify the changes between two versions: snapshot files or anything `scan` takes.",
            "Exit 0, or 1 when --fail-on is given and a finding reaches it."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos diff baseline.json current.json",
            "  lumos diff old.avsc new.avsc --mode FULL --fail-on breaking",
            "  lumos diff main.json pr.json -f markdown -o diff.md -f text"
        })
public final class DiffCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "OLD", description = "Snapshot file or scan target")
    String old;

    @Parameters(index = "1", paramLabel = "NEW", description = "Snapshot file or scan target")
    String current;

    @Mixin
    CompareOptions compare;

    @Option(
            names = "--fail-on",
            defaultValue = "none",
            paramLabel = "LEVEL",
            description = "breaking, non_breaking, info or none (default: none, always exit 0)")
    String failOn;

    private final Provider<ScanService> scans;

    @Inject
    DiffCommand(Provider<ScanService> scans) {
        this.scans = scans;
    }

    @Override
    public Integer call() {
        var options =
                DiffSupport.options(session(), compare.mode, compare.modeFor, failOn, compare.ignore, compare.depth);
        DiffSupport.Side[] sides = DiffSupport.loadPair(session(), scans.get(), old, current);
        DiffSupport.Side a = sides[0];
        DiffSupport.Side b = sides[1];
        GateReport report = DiffSupport.run(a, b, options);
        DiffSupport.write(session(), out(), report, b, compare.reports);
        report.warnings().forEach(w -> note("warning: " + w));
        return report.exitCode();
    }
}
