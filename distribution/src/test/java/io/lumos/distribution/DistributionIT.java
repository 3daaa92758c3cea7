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
        Map<String, Integer> productAspects = new java.util.TreeMap<>();
        for (JsonNode mcp : json.readTree(dir.resolve("out/mcps.json").toFile())) {
            if (mcp.path("entityType").asText().equals("dataProduct")) {
                // the quickstart's data product: an entity of its own in DataHub
                assertThat(mcp.path("entityUrn").asText()).isEqualTo("urn:li:dataProduct:revenue");
                productAspects.merge(mcp.path("aspectName").asText(), 1, Integer::sum);
                continue;
            }
            aspects.merge(mcp.path("aspectName").asText(), 1, Integer::sum);
            datahubDatasets.add(mcp.path("entityUrn").asText());
        }
        assertThat(datahubDatasets).hasSize(8);
        assertThat(productAspects).containsOnlyKeys("dataProductProperties", "domains", "ownership");
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
                // Marquez has no product entity: the product's datasets carry it as a tag
                String name = e.path("dataset").path("name").asText();
                String tags = e.path("dataset").path("facets").path("tags").toString();
                if (name.equals("orders_daily") || name.equals("revenue_report")) {
                    assertThat(tags).as(name).contains("{\"key\":\"product\",\"value\":\"revenue\"");
                } else {
                    assertThat(tags).as(name).doesNotContain("\"product\"");
                }
            }
        }
        assertThat(marquezDatasets).isEqualTo(datahubDatasets);
        assertThat(events).containsEntry("DatasetEvent", 8);
        assertThat(events.get("JobEvent")).isPositive();
    }
}
