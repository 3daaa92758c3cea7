package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the built distribution as users do: a separate JVM with {@code target/lumos/lib} on the
 * class path and each plugin in {@code plugins/NAME/} behind its own class loader, in a folder of
 * the test's, with no plugin path from the developer's shell.
 */
final class DistributionHarness {
    static final Path HOME = Path.of("target", "lumos").toAbsolutePath();

    private DistributionHarness() {}

    /** How a run of lumos ended: its exit code, what it printed, and how long it took. */
    record Run(int code, String out, String err, Duration took) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** The java command line of the distribution with these arguments. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlumos.home=" + HOME,
                "-cp",
                HOME.resolve("lib") + "/*",
                "io.lumos.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts lumos in {@code dir}, its stdout in {@code out} and its stderr in {@code err}. */
    static Process start(Path dir, Path out, Path err, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(args))
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().remove("LUMOS_PLUGIN_PATH");
        return pb.start();
    }

    /** Runs lumos in {@code dir} (output in dir/out.txt and dir/err.txt) and waits for it. */
    static Run run(Path dir, Duration timeout, String... args) throws IOException, InterruptedException {
        return run(dir, dir.resolve("out.txt"), dir.resolve("err.txt"), timeout, args);
    }

    /** Runs lumos in {@code dir}, its output in these files, and waits for it. */
    static Run run(Path dir, Path out, Path err, Duration timeout, String... args)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = start(dir, out, err, args);
        assertThat(p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("lumos finished")
                .isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The repository's config-samples folder. */
    static Path samples() {
        return Path.of("..", "config-samples").toAbsolutePath().normalize();
    }

    /**
     * The quickstart in {@code dir}: its data in data/, and its config as lumos.yaml with these
     * lines in place of its {@code platform: local}.
     */
    static void writeQuickstart(Path dir, String... platformLines) throws IOException {
        copyQuickstartData(dir);
        String quickstart = Files.readString(samples().resolve("quickstart.yaml"));
        assertThat(quickstart).contains("  platform: local");
        Files.writeString(
                dir.resolve("lumos.yaml"),
                quickstart.replaceFirst("  platform: local[^\\n]*", String.join("\n", platformLines)));
    }

    /** The quickstart's data in {@code dir}/data (files already there are kept). */
    static void copyQuickstartData(Path dir) throws IOException {
        Path data = samples().resolve("data");
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.toList()) {
                Path to = dir.resolve("data").resolve(data.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else if (!Files.exists(to)) {
                    Files.copy(f, to);
                }
            }
        }
    }
}
