package io.lumos.cli.commands;

import io.lumos.cli.output.Format;
import picocli.CommandLine.Option;

/** The {@code -f table|json} of every read command, as a picocli mixin: one option, one parse. */
public final class ReadFormat {
    @Option(
            names = {"-f", "--format"},
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table (default) or json")
    String value;

    Format get() {
        return Format.parse(value);
    }
}
