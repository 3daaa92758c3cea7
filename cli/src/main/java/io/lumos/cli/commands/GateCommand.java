package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.service.AssertionRules;
import io.lumos.cli.service.IngestService;
import io.lumos.cli.service.ScanService;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.diff.GateReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "gate",
        description = {
            "The CI gate: diff the current state against a baseline snapshot, walk lineage from every breaking change, write reports.",
            "Exit 0 ok, 1 blocking findings, 2 usage, 3 a source failed."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos gate --baseline main.json --current pr.json --fail-on breaking",
            "  lumos gate --baseline main.json -c lumos.yaml -f github -f sarif -o gate.sarif"
        })
public final class GateCommand extends BaseCommand {
    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "Snapshot of the main branch")
    String baseline;

    @Option(
            names = "--current",
            paramLabel = "FILE",
            description = "Snapshot (or scan target) of this change; without it, the sources of -c CONFIG are scanned")
    String current;

    @Mixin
    CompareOptions compare;

    @Option(
            names = "--fail-on",
            defaultValue = "breaking",
            paramLabel = "LEVEL",
            description = "breaking (default), non_breaking, info or none")
    String failOn;

    private final Provider<ScanService> scans;
    private final Provider<IngestService> ingests;

    @Inject
    GateCommand(Provider<ScanService> scans, Provider<IngestService> ingests) {
        this.scans = scans;
        this.ingests = ingests;
    }

    @Override
    public Integer call() {
        var options =
                DiffSupport.options(session(), compare.mode, compare.modeFor, failOn, compare.ignore, compare.depth);
        if (current == null && session().options().config() == null) {
            throw new LumosException(ErrorCode.USAGE, "give --current FILE or -c CONFIG (whose sources are scanned)");
        }
        DiffSupport.Side base;
        DiffSupport.Side now;
        if (current != null) {
            DiffSupport.Side[] sides = DiffSupport.loadPair(session(), scans.get(), baseline, current);
            base = sides[0];
            now = sides[1];
        } else {
            base = DiffSupport.load(session(), scans.get(), baseline);
            now = DiffSupport.fromConfig(session(), ingests.get(), base.snapshot());
        }
        // The config's assertions, checked against the change's metadata (each dataset against its
        // baseline for schema assertions); a failing one is a finding of the severity it declares.
        // A change under review is not the catalog's state, so its results go to the reports only.
        AssertionRules assertions = new AssertionRules(session().config());
        List<AssertionResult> results = assertions.isEmpty()
                ? List.of()
                : assertions.evaluate(
                        DiffSupport.pairSingles(base.snapshot(), now.snapshot()),
                        now.snapshot(),
                        session().clock().instant());
        GateReport report = DiffSupport.run(base, now, options, AssertionRules.findings(results));
        DiffSupport.write(session(), out(), report, now, compare.reports);
        report.warnings().forEach(w -> note("warning: " + w));
        note("gate: "
                + report.counts().values().stream().mapToLong(Long::longValue).sum() + " finding(s), "
                + report.blockingCount() + " blocking; exit " + report.exitCode());
        return report.exitCode();
    }
}
