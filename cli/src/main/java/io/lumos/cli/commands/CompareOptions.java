package io.lumos.cli.commands;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options `diff` and `gate` share: compatibility modes, the ignore file, the lineage depth, reports. */
public final class CompareOptions {
    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description = "BACKWARD, FORWARD, FULL, *_TRANSITIVE or NONE (default: the config's"
                    + " compatibility.default, else BACKWARD)")
    String mode;

    @Option(
            names = "--mode-for",
            paramLabel = "DATASET=MODE",
            description = "A mode for one dataset (repeatable; beats the config's compatibility.datasets)")
    List<String> modeFor;

    @Option(
            names = "--ignore",
            paramLabel = "FILE",
            description = "Ignore file (YAML/JSON): dataset, path, rule, reason, expires")
    Path ignore;

    @Option(names = "--depth", paramLabel = "N", description = "How far to walk lineage for impact (default: all)")
    Integer depth;

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "Reports (each -f with an optional -o)%n")
    List<DiffSupport.ReportSpec> reports;
}
