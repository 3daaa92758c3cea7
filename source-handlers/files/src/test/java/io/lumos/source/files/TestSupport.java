package io.lumos.source.files;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lumos.domain.Dataset;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Reporter;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import io.lumos.spi.Settings;
import io.lumos.spi.file.FileFormatReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Shared helpers: the readers, a collecting sink, and where the shared corpora are. */
final class TestSupport {
    static final List<FileFormatReader> READERS =
            List.of(new CsvFormatReader(), new TsvFormatReader(), new JsonFormatReader(), new JsonlFormatReader());

    private TestSupport() {}

    /** {@code lumos.shared}, else {@code LUMOS_SHARED}, else {@code ../shared} next to the repo; skips when absent. */
    static Path shared() {
        String prop = System.getProperty("lumos.shared");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        String env = System.getenv("LUMOS_SHARED");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path guess = dir == null ? null : dir.resolve("../shared").normalize();
        assumeTrue(
                guess != null && Files.isDirectory(guess),
                "shared corpora not found: set -Dlumos.shared or LUMOS_SHARED to the shared folder");
        return guess;
    }

    /** Collects what a scan reports; thread-safe as the ScanSink contract asks. */
    static final class Sink implements ScanSink {
        final List<Dataset> datasets = Collections.synchronizedList(new ArrayList<>());
        final List<ScanProblem> problems = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void dataset(Dataset dataset) {
            datasets.add(dataset);
        }

        @Override
        public void problem(ScanProblem problem) {
            problems.add(problem);
        }

        Dataset byName(String name) {
            synchronized (datasets) {
                return datasets.stream()
                        .filter(d -> d.name().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no dataset " + name + " in " + names()));
            }
        }

        List<String> names() {
            synchronized (datasets) {
                return datasets.stream().map(Dataset::name).sorted().toList();
            }
        }
    }

    /** Warnings collected from the reporter. */
    static final class Warnings implements Reporter {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void warn(String message) {
            lines.add(message);
        }

        @Override
        public Progress progress(String task, long total) {
            return Progress.NONE;
        }
    }

    static PluginContext context(Path dir, Reporter reporter) {
        return new PluginContext(dir, dir.resolve(".lumos"), "PROD", Clock.systemUTC(), Map.of(), READERS, reporter);
    }

    static Sink scan(Path dir, Map<String, Object> settings) {
        return scan(context(dir, Reporter.SILENT), settings);
    }

    static Sink scan(PluginContext context, Map<String, Object> settings) {
        Sink sink = new Sink();
        try (var handler = new FileSourceFactory().create(Settings.of("sources[0]", settings), context)) {
            handler.scan(sink);
        }
        return sink;
    }
}
