package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as users run it, with what goes wrong in a process: a heap too small, a library
 * that logs, a pipe from the shell. Each run is bounded: a hang fails the test instead of CI.
 */
class SafetyIT {
    private static final Path LAUNCHER = Path.of("..", "lumos").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        List<String> errLines() {
            return Arrays.stream(err.split("\n")).filter(l -> !l.isBlank()).toList();
        }
    }

    /** The launcher script, as a shell runs it (so `<(...)` works), with LUMOS_* set as given. */
    private Run shell(String commandLine, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", commandLine)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().remove("LUMOS_PLUGIN_PATH");
        pb.environment().put("LUMOS", LAUNCHER.toString());
        pb.environment().put("LUMOS_NO_BUILD", "1");
        pb.environment().put("LUMOS_NO_CDS", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean ended = p.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertThat(ended).as("`%s` ended (it hung)", commandLine).isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean bashAvailable() {
        try {
            return new ProcessBuilder("bash", "-c", "true").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void runningOutOfMemoryEndsPromptlyWithOneLine() throws Exception {
        assumeTrue(bashAvailable() && Files.isRegularFile(LAUNCHER), "bash or the launcher is missing");
        // rows of 64 KiB: the CSV reader grows each file's sample towards 16 MiB to see its rows,
        // and four workers doing that at once do not fit in 40 MB
        Files.createDirectories(dir.resolve("big"));
        byte[] row = ("1," + "x".repeat(64 * 1024) + "\n").getBytes(StandardCharsets.US_ASCII);
        for (int f = 0; f < 6; f++) {
            try (OutputStream out = Files.newOutputStream(dir.resolve("big/part-" + f + ".csv"))) {
                out.write("id,payload\n".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 300; i++) {
                    out.write(row);
                }
            }
        }
        Run r = shell("\"$LUMOS\" scan big", Map.of("LUMOS_JAVA_OPTS", "-Xmx40m"));
        assertThat(r.code()).as(r.err()).isEqualTo(4);
        assertThat(r.errLines())
                .as(r.err())
                .containsExactly("error: Lumos ran out of memory (its Java heap is " + heapOf(r.err())
                        + " MB); give it more with LUMOS_JAVA_OPTS=-Xmx1g (or scan fewer files at once)");

        Run verbose = shell("\"$LUMOS\" -v scan big", Map.of("LUMOS_JAVA_OPTS", "-Xmx40m"));
        assertThat(verbose.code()).isEqualTo(4);
        assertThat(verbose.err()).contains("java.lang.OutOfMemoryError").contains("\tat ");
    }

    private static String heapOf(String err) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("heap is (\\d+) MB").matcher(err);
        return m.find() ? m.group(1) : "?";
    }

    @Test
    void theMongoDbDriverPrintsNothingOfItsOwn() throws Exception {
        assumeTrue(bashAvailable() && Files.isRegularFile(LAUNCHER), "bash or the launcher is missing");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "mongodb://127.0.0.1:" + closed + "/app?serverSelectionTimeoutMS=1500";
        Run r = shell("\"$LUMOS\" scan '" + url + "'", Map.of());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        // the one problem and the summary: no driver INFO line, no stack trace
        assertThat(r.errLines()).as(r.err()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("warning: ").contains("did not answer");
        assertThat(r.err()).doesNotContain("INFO").doesNotContain("\tat ").doesNotContain("org.mongodb");

        // -v shows what the driver said, as Lumos debug lines
        Run verbose = shell("\"$LUMOS\" -v scan '" + url + "'", Map.of());
        assertThat(verbose.errLines())
                .filteredOn(l -> l.contains("org.mongodb"))
                .isNotEmpty()
                .allMatch(l -> l.startsWith("debug: ")
                        || l.startsWith("\tat ")
                        || l.startsWith("Caused by")
                        || l.startsWith("\t..."));
    }

    @Test
    void aSnapshotFromProcessSubstitutionIsRead() throws Exception {
        assumeTrue(bashAvailable() && Files.isRegularFile(LAUNCHER), "bash or the launcher is missing");
        Files.writeString(dir.resolve("orders.csv"), "id,amount\n1,2.5\n");
        Files.writeString(
                dir.resolve("lumos.yaml"),
                "lumos_config:\n  sources:\n    - { name: shop, type: csv, path: orders.csv }\n");
        Run export = shell("\"$LUMOS\" ingest -c lumos.yaml + snapshot export -o a.json", Map.of());
        assertThat(export.code()).as(export.err()).isZero();
        Run diff = shell("\"$LUMOS\" diff a.json <(cat a.json) -f json", Map.of());
        assertThat(diff.code()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("\"current\"").contains("/dev/fd/");
        Run gate = shell("\"$LUMOS\" gate --baseline <(cat a.json) --current a.json", Map.of());
        assertThat(gate.code()).as(gate.err()).isZero();

        // a named FIFO with no writer is refused at once, not waited on
        Path fifo = dir.resolve("x.csv");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
        Run scan = shell("\"$LUMOS\" scan x.csv", Map.of());
        assertThat(scan.code()).isEqualTo(3);
        assertThat(scan.err()).contains("x.csv: is a named pipe (FIFO), not a file");
        List<String> args = new ArrayList<>(List.of("diff", "a.json", "x.csv"));
        Run diffFifo = shell("\"$LUMOS\" " + String.join(" ", args), Map.of());
        assertThat(diffFifo.code()).isNotZero();
        assertThat(diffFifo.err()).contains("is a named pipe (FIFO), not a file");
    }
}
