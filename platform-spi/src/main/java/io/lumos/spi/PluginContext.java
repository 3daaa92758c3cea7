package io.lumos.spi;

import io.lumos.spi.file.FileFormatReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Lumos hands a plugin when it creates one.
 *
 * @param workingDirectory relative paths in config resolve against this (the config file's folder)
 * @param stateDirectory where Lumos keeps its files ({@code .lumos}): dead letters, caches
 * @param environment the ENV part of dataset ids (PROD by default)
 * @param fileFormats every file format reader found, for sources that read files (local, S3)
 * @param reporter where warnings and progress go
 */
public record PluginContext(
        Path workingDirectory,
        Path stateDirectory,
        String environment,
        Clock clock,
        Map<String, String> environmentVariables,
        List<FileFormatReader> fileFormats,
        Reporter reporter) {

    public PluginContext {
        environment = environment == null ? "PROD" : environment;
        clock = clock == null ? Clock.systemUTC() : clock;
        environmentVariables = environmentVariables == null ? Map.of() : Map.copyOf(environmentVariables);
        fileFormats = fileFormats == null ? List.of() : List.copyOf(fileFormats);
        reporter = reporter == null ? Reporter.SILENT : reporter;
    }

    /** A context for tests and library use. */
    public static PluginContext basic(Path workingDirectory, List<FileFormatReader> fileFormats) {
        return new PluginContext(
                workingDirectory,
                workingDirectory.resolve(".lumos"),
                "PROD",
                Clock.systemUTC(),
                System.getenv(),
                fileFormats,
                Reporter.SILENT);
    }

    /** The reader for a file name, by its extension (longest match first, so .tar.gz beats .gz). */
    public Optional<FileFormatReader> formatFor(String fileName) {
        return FileFormatReader.find(fileFormats, fileName);
    }

    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : workingDirectory.resolve(p).normalize();
    }
}
