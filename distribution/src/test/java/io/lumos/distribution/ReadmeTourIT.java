package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour, run as printed: every fenced block with a {@code $ ./lumos} line is replayed
 * in order, in a fresh copy of config-samples, with {@code ./lumos} the packaged distribution, and
 * each command's output (stdout and stderr together) must be the lines under it. Times, run ids and
 * this machine's paths are normalised. A {@code $ cat FILE} of a file that the copy lacks writes
 * the file from the lines shown. On a difference the failure prints every command's real output,
 * ready to paste back into the README.
 */
class ReadmeTourIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path HOME = Path.of("target", "lumos").toAbsolutePath();

    @TempDir
    Path dir;

    /** One {@code $} line (with its continuation lines) and the output the README shows for it. */
    record Step(int line, String command, List<String> expected) {}

    static List<Step> tour(List<String> readme) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < readme.size()) {
            if (!readme.get(i).startsWith("```")) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < readme.size() && !readme.get(end).startsWith("```")) {
                end++;
            }
            List<String> block = readme.subList(i + 1, Math.min(end, readme.size()));
            if (block.stream().anyMatch(l -> l.startsWith("$ ./lumos "))) {
                Step current = null;
                for (int j = 0; j < block.size(); j++) {
                    String l = block.get(j);
                    if (l.startsWith("$ ")) {
                        StringBuilder command = new StringBuilder(l.substring(2));
                        int at = i + 2 + j;
                        while (command.toString().endsWith("\\") && j + 1 < block.size()) {
                            command.setLength(command.length() - 1);
                            command.append(' ').append(block.get(++j).strip());
                        }
                        current = new Step(at, command.toString(), new ArrayList<>());
                        steps.add(current);
                    } else if (current != null) {
                        current.expected().add(l);
                    }
                }
            }
            i = end + 1;
        }
        return steps;
    }

    @Test
    void theToursOutputIsWhatTheCommandsPrint() throws Exception {
        List<Step> steps = tour(Files.readAllLines(ROOT.resolve("README.md")));
        assertThat(steps).as("the README's $ ./lumos blocks").hasSizeGreaterThan(10);
        copy(ROOT.resolve("config-samples"), dir.resolve("config-samples"));
        Files.createSymbolicLink(dir.resolve("lumos"), HOME.resolve("bin/lumos"));

        StringBuilder report = new StringBuilder();
        int differences = 0;
        int exit = 0;
        for (Step step : steps) {
            Matcher cat = Pattern.compile("cat (\\S+)").matcher(step.command());
            if (cat.matches() && !Files.exists(dir.resolve(cat.group(1)))) {
                Files.writeString(dir.resolve(cat.group(1)), String.join("\n", step.expected()) + "\n");
            }
            // `$?` of the step before, as in the one shell the README's reader types into.
            ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", "(exit " + exit + "); " + step.command())
                    .directory(dir.toFile())
                    .redirectErrorStream(true);
            pb.environment().remove("LUMOS_PLUGIN_PATH");
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put("COLUMNS", "100");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(step.command()).isTrue();
            exit = p.exitValue();
            List<String> actual = normalise(out.lines().toList());
            List<String> expected = normalise(step.expected());
            boolean same = actual.equals(expected);
            if (!same) {
                differences++;
            }
            report.append(same ? "  same " : "DIFFERS ")
                    .append("README.md:")
                    .append(step.line())
                    .append(": $ ")
                    .append(step.command())
                    .append('\n');
            if (!same) {
                report.append("--- README shows\n");
                step.expected().forEach(l -> report.append(l).append('\n'));
                report.append("--- the command printed (exit ").append(exit).append(")\n");
                out.lines().forEach(l -> report.append(l).append('\n'));
                report.append("---\n");
            }
        }
        assertThat(differences)
                .as("README blocks that differ from real runs (paste the printed output back):\n%s", report)
                .isZero();
    }

    /** Times, durations, run ids and this machine's absolute paths vary from run to run. */
    private List<String> normalise(List<String> lines) {
        List<String> result = new ArrayList<>();
        for (String l : lines) {
            String n = l.replace(dir.toString() + "/", "")
                    .replace(dir.toString(), ".")
                    .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z?", "<TIME>")
                    .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<ID>")
                    .replaceAll("\\b\\d+(\\.\\d+)?\\s?(ms|s)\\b", "<DURATION>")
                    .stripTrailing();
            result.add(n);
        }
        while (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
            result.remove(result.size() - 1);
        }
        return result;
    }

    private static void copy(Path from, Path to) throws IOException {
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
    }
}
