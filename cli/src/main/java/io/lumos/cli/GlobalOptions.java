package io.lumos.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes, before or after its name. */
public final class GlobalOptions {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "YAML config (see config-samples/)")
    Path config;

    @Option(names = "--platform", paramLabel = "NAME", description = "Catalog to use instead of the config's")
    String platform;

    @Option(
            names = "--catalog-path",
            paramLabel = "FILE",
            description = "The local catalog's file (default .lumos/catalog.db)")
    Path catalogPath;

    @Option(
            names = {"-v", "--verbose"},
            description = "Stack traces and debug output")
    boolean verbose;

    @Option(
            names = {"-q", "--quiet"},
            description = "Only errors")
    boolean quiet;

    /** The options of a chain step: what this step says, else what the step before said. */
    public Effective over(Effective previous) {
        return new Effective(
                config != null ? config : previous.config(),
                platform != null ? platform : previous.platform(),
                catalogPath != null ? catalogPath : previous.catalogPath(),
                verbose || previous.verbose(),
                quiet || previous.quiet());
    }

    public record Effective(Path config, String platform, Path catalogPath, boolean verbose, boolean quiet) {
        public static final Effective NONE = new Effective(null, null, null, false, false);

        /** True when a step needs a different catalog session than this one. */
        public boolean sameSession(Effective other) {
            return java.util.Objects.equals(config, other.config)
                    && java.util.Objects.equals(platform, other.platform)
                    && java.util.Objects.equals(catalogPath, other.catalogPath);
        }
    }
}
