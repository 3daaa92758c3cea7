package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built distribution as users do: a separate JVM with lib/ on the class path and each
 * plugin in plugins/NAME/ behind its own class loader.
 */
class DistributionIT {
    private static final Path HOME = Path.of("target", "lumos").toAbsolutePath();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private Run lumos(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlumos.home=" + HOME,
                "-cp",
                HOME.resolve("lib") + "/*",
                "io.lumos.cli.Main"));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().remove("LUMOS_PLUGIN_PATH");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("lumos finished").isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path shared() {
        String prop = System.getProperty("lumos.shared");
        String env = System.getenv("LUMOS_SHARED");
        for (String candidate : new String[] {env, prop, "../../shared"}) {
            if (candidate != null && Files.isDirectory(Path.of(candidate, "corpora"))) {
                return Path.of(candidate).toAbsolutePath();
            }
        }
        return null;
    }

    @Test
    void everyPluginFolderLoadsInItsOwnClassLoader() throws Exception {
        Run r = lumos("plugins");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("broken").doesNotContain("two ");
        for (String plugin : List.of(
                "plugins/local",
                "plugins/files",
                "plugins/parquet",
                "plugins/avro",
                "plugins/postgres",
                "plugins/mongodb",
                "plugins/s3",
                "plugins/datahub",
                "plugins/marquez",
                "plugins/export")) {
            assertThat(r.out()).as(plugin).contains(plugin);
        }
    }

    @Test
    void quickstartRunsFromTheDistribution() throws Exception {
        Path samples = Path.of("..", "config-samples").toAbsolutePath().normalize();
        Run r = lumos(
                "ingest",
                "-c",
                samples.resolve("quickstart.yaml").toString(),
                "+",
                "lineage",
                "impact",
                "csv:orders",
                "+",
                "datasets",
                "list");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 direct, 1 indirect").contains("json:revenue_report");
    }

    /** DataHub's client bundles Avro 1.11.4; our Avro reader uses 1.12: one run uses both. */
    @Test
    void avroFilesGoToDataHubInOneRun() throws Exception {
        Path shared = shared();
        assumeTrue(shared != null, "shared corpora not found (set LUMOS_SHARED); skipping");
        Path avro = shared.resolve("corpora/avro/apache-avro/weather.avro");
        Path mcps = dir.resolve("mcps.json");
        Files.writeString(
                dir.resolve("lumos.yaml"),
                """
                lumos_config:
                  platform: datahub
                  platforms:
                    datahub: { transport: file, file: "%s" }
                  sources:
                    - { name: weather, type: avro, path: "%s" }
                """
                        .formatted(
                                mcps.toString().replace("\\", "/"),
                                avro.toString().replace("\\", "/")));
        Run r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.err()).isZero();
        String json = Files.readString(mcps);
        assertThat(json)
                .contains("urn:li:dataset:(urn:li:dataPlatform:avro,weather,PROD)")
                .contains("schemaMetadata")
                .contains("station");
    }

    /** PRODUCT's {@code platform: [datahub, marquez]}: one ingest writes the same model into both. */
    @Test
    void oneIngestWritesToDataHubAndMarquez() throws Exception {
        Path samples = Path.of("..", "config-samples").toAbsolutePath().normalize();
        try (var files = Files.walk(samples.resolve("data"))) {
            for (Path f : files.toList()) {
                Path to = dir.resolve("data")
                        .resolve(samples.resolve("data").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        String quickstart = Files.readString(samples.resolve("quickstart.yaml"));
        assertThat(quickstart).contains("  platform: local");
        Files.writeString(
                dir.resolve("lumos.yaml"),
                quickstart.replaceFirst(
                        "  platform: local[^\\n]*",
                        String.join(
                                "\n",
                                "  platform: [datahub, marquez]",
                                "  platforms:",
                                "    datahub: { transport: file, file: out/mcps.json }",
                                "    marquez: { transport: file, file: out/openlineage.jsonl }")));
        Run r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("ingested 8 dataset(s)").contains("into datahub, marquez");

        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> aspects = new java.util.TreeMap<>();
        java.util.Set<String> datahubDatasets = new java.util.TreeSet<>();
        for (JsonNode mcp : json.readTree(dir.resolve("out/mcps.json").toFile())) {
            aspects.merge(mcp.path("aspectName").asText(), 1, Integer::sum);
            datahubDatasets.add(mcp.path("entityUrn").asText());
        }
        assertThat(datahubDatasets).hasSize(8);
        assertThat(aspects).containsEntry("schemaMetadata", 8).containsEntry("ownership", 8);
        assertThat(aspects.get("upstreamLineage")).isPositive();

        Map<String, Integer> events = new java.util.TreeMap<>();
        java.util.Set<String> marquezDatasets = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(dir.resolve("out/openlineage.jsonl"))) {
            JsonNode e = json.readTree(line);
            String url = e.path("schemaURL").asText();
            events.merge(url.substring(url.lastIndexOf('/') + 1), 1, Integer::sum);
            if (e.has("dataset")) {
                marquezDatasets.add(e.path("dataset")
                        .path("facets")
                        .path("lumos")
                        .path("id")
                        .asText());
            }
        }
        assertThat(marquezDatasets).isEqualTo(datahubDatasets);
        assertThat(events).containsEntry("DatasetEvent", 8);
        assertThat(events.get("JobEvent")).isPositive();
    }

    /**
     * The packaged launcher runs a command as a tracked run: its exit code, its stderr, the run in
     * the local catalog, and no plugin but the local catalog's opened for it.
     */
    @Test
    void runWrapsACommandThroughThePackagedLauncher() throws Exception {
        Path classes = dir.resolve("classes.log");
        ProcessBuilder pb = new ProcessBuilder(
                        HOME.resolve("bin/lumos").toString(),
                        "run",
                        "--job",
                        "nightly",
                        "--output",
                        "s3:lake/daily",
                        "--",
                        "sh",
                        "-c",
                        "echo \"parent=$OPENLINEAGE_PARENT_ID\"; echo 'disk full' >&2; exit 5")
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("run.out").toFile())
                .redirectError(dir.resolve("run.err").toFile());
        pb.environment().remove("LUMOS_PLUGIN_PATH");
        pb.environment().remove("OPENLINEAGE_PARENT_ID");
        pb.environment().put("LUMOS_NO_CDS", "1");
        pb.environment().put("LUMOS_JAVA_OPTS", "-Xshare:off -Xlog:class+load=info:file=" + classes);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("run.err"));
        assertThat(p.exitValue()).as(err).isEqualTo(5);
        assertThat(err).contains("disk full");
        assertThat(Files.readString(dir.resolve("run.out"))).startsWith("parent=lumos/nightly/");
        String loaded = Files.readString(classes);
        assertThat(loaded).contains("io.lumos.platform.local.");
        assertThat(loaded)
                .doesNotContain("io.lumos.platform.datahub.")
                .doesNotContain("io.lumos.platform.marquez.")
                .doesNotContain("io.lumos.source.");

        Run list = lumos("runs", "list", "-f", "json");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode run = new ObjectMapper().readTree(list.out()).get(0);
        assertThat(run.path("state").asText()).isEqualTo("FAIL");
        assertThat(run.path("exitCode").asInt()).isEqualTo(5);
        assertThat(run.path("error").asText()).isEqualTo("exit code 5: disk full");
    }
}
