package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad things on the command line: a named pipe or a device instead of a file, terminal escapes in
 * names, links that loop. Each is one line that says what and what to do, and an exit code.
 */
class SafetyTest extends CliTestSupport {
    // A hang is the failure here: the guard ends the test, it does not time anything.
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private static List<String> warnings(Result r) {
        return Arrays.stream(r.err().split("\n"))
                .filter(l -> l.startsWith("warning: "))
                .toList();
    }

    private static boolean mkfifo(Path path) throws Exception {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).start();
            return p.waitFor() == 0 && Files.exists(path);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aFifoNamedOnTheCommandLineIsOneProblemNotAHang() throws Exception {
        Path fifo = dir.resolve("x.csv");
        assumeTrue(mkfifo(fifo), "mkfifo is not available here");
        Result r = assertTimeoutPreemptively(HANG_GUARD, () -> run(dir, "scan", fifo.toString()));
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(warnings(r))
                .containsExactly("warning: " + fifo + ": is a named pipe (FIFO), not a file; Lumos reads regular files:"
                        + " save the data to a file and give that");
        assertThat(r.err()).contains("1 problem(s) above; 0 dataset(s) read");

        // the same in a config's source path
        Files.writeString(
                dir.resolve("lumos.yaml"), "lumos_config:\n  sources:\n    - { name: pipe, type: csv, path: x.csv }\n");
        Result ingest = assertTimeoutPreemptively(HANG_GUARD, () -> run(dir, "ingest", "-c", "lumos.yaml"));
        assertThat(ingest.code()).as(ingest.toString()).isEqualTo(3);
        assertThat(warnings(ingest))
                .containsExactly("warning: pipe: x.csv: is a named pipe (FIFO), not a file;"
                        + " Lumos reads regular files: save the data to a file and give that");
    }

    @Test
    void aDeviceIsNotAnEmptyFile() {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        Result r = assertTimeoutPreemptively(HANG_GUARD, () -> run(dir, "scan", "/dev/zero"));
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(warnings(r))
                .containsExactly("warning: /dev/zero: is a character device, not a file;"
                        + " Lumos reads regular files: save the data to a file and give that");
    }

    @Test
    void aSymbolicLinkLoopSaysSoOnce() throws Exception {
        Files.createSymbolicLink(dir.resolve("loop.csv"), Path.of("loop.csv"));
        Result r = run(dir, "scan", dir.resolve("loop.csv").toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("error: " + dir.resolve("loop.csv")
                        + ": is a symbolic link to nothing (or to itself); fix or remove the link,"
                        + " or give a file, a folder, a glob or a URI (postgresql://, s3://, mongodb://)\n");

        Files.createSymbolicLink(dir.resolve("loop.yaml"), Path.of("loop.yaml"));
        Result config = run(dir, "ingest", "-c", "loop.yaml");
        assertThat(config.code()).isEqualTo(2);
        String err = config.err().strip();
        assertThat(err).endsWith("loop.yaml: symbolic links that loop back on themselves; fix or remove the link");
        assertThat(err.split("loop\\.yaml", -1))
                .as("the path is named once: %s", err)
                .hasSize(2);
    }

    @Test
    void aConfigThatCannotBeReadSaysWhyOnce() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("conf.yaml"));
        Result r = run(dir, "ingest", "-c", folder.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: config file " + folder + ": is a folder, not a file; give a file\n");
    }

    @Test
    void terminalEscapesInNamesAreShownEscaped() throws Exception {
        String title = "\u001b]0;pwned\u0007";
        // enough rows that two control bytes do not make the file look binary
        String rows = "1,x,y\n".repeat(2000);
        Files.writeString(dir.resolve("t" + title + ".csv"), "id,na" + title + "me,na" + title + "me\n" + rows);
        Files.writeString(dir.resolve("h.csv"), "id,na" + title + "me,other\n" + rows);
        Files.writeString(dir.resolve("u" + title + ".csv"), "id\n1\n");
        Result scan = run(
                dir,
                "scan",
                dir.resolve("t" + title + ".csv").toString(),
                dir.resolve("h.csv").toString(),
                dir.resolve("u" + title + ".csv").toString());
        assertThat(scan.out() + scan.err()).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(scan.out()).contains("u\\x1B]0;pwned\\x07");
        // the duplicate header names are a problem that quotes them, and the file's name
        assertThat(scan.err()).contains("t\\x1B]0;pwned\\x07.csv").contains("na\\x1B]0;pwned\\x07me");

        Files.writeString(
                dir.resolve("lumos.yaml"), "lumos_config:\n  sources:\n    - { name: h, type: csv, path: h.csv }\n");
        Result get = run(dir, "ingest", "-c", "lumos.yaml", "+", "datasets", "get", "csv:h");
        assertThat(get.out() + get.err()).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(get.out()).contains("na\\x1B]0;pwned\\x07me");
        // a diff's text report quotes the new column
        Files.createDirectories(dir.resolve("old"));
        Files.writeString(dir.resolve("old/h.csv"), "id,other\n" + "1,y\n".repeat(2000));
        Result diff = run(
                dir,
                "diff",
                dir.resolve("old/h.csv").toString(),
                dir.resolve("h.csv").toString());
        assertThat(diff.out() + diff.err()).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(diff.out()).contains("na\\x1B]0;pwned\\x07me");
        // JSON is left to its writer, which escapes control characters its own way
        Result json = run(dir, "datasets", "get", "csv:h", "-f", "json");
        assertThat(json.out()).contains("na\\u001B]0;pwned\\u0007me").doesNotContain("\u001b");
    }

    @Test
    void theSummaryCountsTheWarningsPrinted() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/good.csv"), "id,name\n1,ann\n");
        Files.write(dir.resolve("in/empty.csv"), new byte[0]);
        // read as windows-1252 with a warning: not a problem, but printed, so counted
        Files.write(dir.resolve("in/latin.csv"), "name,n\nJos\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));
        Result r = run(dir, "scan", dir.resolve("in").toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(warnings(r)).hasSize(2);
        assertThat(r.err()).contains("1 problem(s) and 1 warning(s) above; 2 dataset(s) read");

        // diff names the problem once, as the warning, and fails
        Result diff = run(
                dir,
                "diff",
                dir.resolve("in/good.csv").toString(),
                dir.resolve("in/empty.csv").toString());
        assertThat(diff.code()).as(diff.toString()).isEqualTo(3);
        assertThat(diff.err().split("the file is empty", -1)).as(diff.err()).hasSize(2);
        assertThat(diff.err()).contains("1 problem(s) reading the source (the warning(s) above)");
    }
}
