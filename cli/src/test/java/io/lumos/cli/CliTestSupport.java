package io.lumos.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Runs command lines in-process in a working folder of their own, capturing stdout and stderr. */
public class CliTestSupport {
    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    protected final Map<String, String> env = new HashMap<>(Map.of("USER", "tester"));

    protected Result run(Path workingDirectory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliRuntime runtime = new CliRuntime(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                env,
                workingDirectory,
                Clock.systemUTC(),
                false);
        int code = Main.run(runtime, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The repository's root, found from the test's working folder (the cli module). */
    protected static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("config-samples"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "config-samples not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** A copy of config-samples in {@code dir}, so tests never write into the source tree. */
    protected static Path copySamples(Path dir) throws IOException {
        Path from = repoRoot().resolve("config-samples");
        Path to = dir.resolve("config-samples");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
