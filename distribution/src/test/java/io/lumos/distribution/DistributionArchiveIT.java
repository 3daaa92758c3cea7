package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lumos-VERSION.tar.gz as a user gets it: unpacked into an empty folder far from the source tree,
 * run through bin/lumos (directly and through a symlink on the PATH) with only a JDK around.
 */
class DistributionArchiveIT {
    @TempDir
    static Path install;

    static Path home;

    @TempDir
    Path project;

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    @BeforeAll
    static void unpack() throws Exception {
        Path archive;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            archive = files.filter(f -> f.getFileName().toString().matches("lumos-.+\\.tar\\.gz"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no target/lumos-VERSION.tar.gz: run ./mvnw package"));
        }
        Process tar = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString())
                .directory(install.toFile())
                .inheritIO()
                .start();
        assertThat(tar.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        try (Stream<Path> top = Files.list(install)) {
            List<Path> entries = top.toList();
            assertThat(entries).as("one top folder, lumos-VERSION").hasSize(1);
            home = entries.get(0);
        }
        assertThat(home.getFileName().toString())
                .isEqualTo(archive.getFileName().toString().replace(".tar.gz", ""));
        assertThat(home.resolve("bin/lumos")).isExecutable();
        assertThat(home.resolve("lib")).isDirectory();
        assertThat(home.resolve("plugins")).isDirectory();
    }

    private Run run(Path workingDirectory, Map<String, String> extraEnv, String... command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(install, "out", ".txt");
        Path err = Files.createTempFile(install, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // Only a JDK: no Maven, no source tree, no plugin path from the developer's shell.
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", workingDirectory.toString());
        env.putAll(extraEnv);
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("lumos finished").isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void copySample(Path to) throws IOException {
        Path samples = Path.of("..", "config-samples").toAbsolutePath().normalize();
        Files.copy(samples.resolve("quickstart.yaml"), to.resolve("quickstart.yaml"));
        try (Stream<Path> files = Files.walk(samples.resolve("data"))) {
            for (Path f : files.toList()) {
                Path target = to.resolve("data")
                        .resolve(samples.resolve("data").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void quickstartRunsFromAnUnpackedArchive() throws Exception {
        copySample(project);
        Run r = run(
                project,
                Map.of(),
                home.resolve("bin/lumos").toString(),
                "ingest",
                "-c",
                "quickstart.yaml",
                "+",
                "lineage",
                "impact",
                "csv:orders",
                "+",
                "datasets",
                "list");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).contains("ingested 8 dataset(s) from 4 source(s) into local");
        assertThat(r.out()).as(r.toString()).contains("2 direct, 1 indirect").contains("json:revenue_report");
        assertThat(project.resolve(".lumos/catalog.db"))
                .as("the catalog is made where lumos runs")
                .exists();
    }

    @Test
    void bothLumosOnThePathAndItsPluginsComeFromTheArchive() throws Exception {
        Path bin = Files.createDirectories(project.resolve("my-bin"));
        Files.createSymbolicLink(bin.resolve("lumos"), home.resolve("bin/lumos"));
        Map<String, String> path = Map.of("PATH", bin + ":/usr/bin:/bin");

        Run version = run(project, path, "/bin/bash", "-c", "lumos --version");
        assertThat(version.code()).as(version.toString()).isZero();
        String expected = home.getFileName().toString().substring("lumos-".length());
        assertThat(version.out()).as(version.toString()).startsWith("lumos " + expected + " (Java ");

        Run plugins = run(project, path, "/bin/bash", "-c", "lumos plugins");
        assertThat(plugins.code()).as(plugins.toString()).isZero();
        assertThat(plugins.err()).as(plugins.toString()).doesNotContain("broken");
        for (String plugin : List.of("local", "files", "parquet", "avro", "postgres", "datahub", "marquez", "export")) {
            assertThat(plugins.out()).as(plugin).contains("plugins/" + plugin);
        }
    }

    @Test
    void withoutJavaItSaysWhatIsMissing() throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/lumos").toString(), "--version"));
        Run r = run(project, Map.of("JAVA_HOME", project.resolve("no-jdk").toString()), command.toArray(new String[0]));
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("no Java found").contains("JAVA_HOME");
    }

    /**
     * The shell steps of the root action.yml, run as a runner would (the setup-java and cache steps
     * are GitHub's own): from an archive URL to `lumos` on the PATH.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theGithubActionInstallsFromAnArchiveUrl() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Map<String, Object> action;
        try (var in = Files.newInputStream(root.resolve("action.yml"))) {
            action = new org.yaml.snakeyaml.Yaml().load(in);
        }
        Path archive;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            archive = files.filter(f -> f.getFileName().toString().matches("lumos-.+\\.tar\\.gz"))
                    .findFirst()
                    .orElseThrow()
                    .toAbsolutePath();
        }
        Path output = project.resolve("github_output");
        Path path = project.resolve("github_path");
        Files.createDirectories(project.resolve("runner_temp"));
        Map<String, String> runner = Map.of(
                "GITHUB_ACTION_PATH", root.toString(),
                "GITHUB_OUTPUT", output.toString(),
                "GITHUB_PATH", path.toString(),
                "RUNNER_OS", "Linux",
                "RUNNER_TEMP", project.resolve("runner_temp").toString());
        Map<String, String> inputs = Map.of("archive-url", archive.toUri().toString(), "java-version", "17");
        Map<String, String> outputs = new java.util.HashMap<>();
        List<Map<String, Object>> steps =
                (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
        int ran = 0;
        for (Map<String, Object> step : steps) {
            if (!step.containsKey("run")) {
                continue; // actions/setup-java and actions/cache: here the JDK of this test, and a cache miss
            }
            Map<String, String> env = new java.util.HashMap<>(runner);
            Map<String, Object> stepEnv = (Map<String, Object>) step.getOrDefault("env", Map.of());
            stepEnv.forEach((k, v) -> env.put(k, expand(String.valueOf(v), inputs, outputs)));
            Files.deleteIfExists(output);
            Files.createFile(output);
            Run r = run(project, env, "/bin/bash", "-e", "-c", expand((String) step.get("run"), inputs, outputs));
            assertThat(r.code()).as(step.get("name") + "\n" + r).isZero();
            if ("key".equals(step.get("id"))) {
                for (String line : Files.readAllLines(output)) {
                    outputs.put(
                            "steps.key.outputs." + line.substring(0, line.indexOf('=')),
                            line.substring(line.indexOf('=') + 1));
                }
            }
            ran++;
            if (step.get("name").toString().startsWith("Put lumos")) {
                assertThat(r.out()).as(r.toString()).startsWith("lumos ");
            }
        }
        assertThat(ran).isEqualTo(3);
        assertThat(outputs.get("steps.key.outputs.key")).startsWith("lumos-Linux-java17-url-");
        String bin = Files.readString(path).strip();
        assertThat(Path.of(bin))
                .isEqualTo(Path.of(outputs.get("steps.key.outputs.home")).resolve("bin"));
        Run version = run(project, Map.of("PATH", bin + ":/usr/bin:/bin"), "/bin/bash", "-c", "lumos --version");
        assertThat(version.code()).as(version.toString()).isZero();
    }

    /** GitHub's ${{ inputs.x }} and ${{ steps.id.outputs.y }}, for the expressions action.yml uses. */
    private static String expand(String text, Map<String, String> inputs, Map<String, String> outputs) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\$\\{\\{\\s*([\\w.-]+)\\s*}}").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.startsWith("inputs.") ? inputs.get(name.substring(7)) : outputs.get(name);
            assertThat(value).as("a value for ${{ %s }}", name).isNotNull();
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
