package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.distribution.DistributionHarness.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final Path HOME = DistributionHarness.HOME;

    @TempDir
    Path dir;

    private Run lumos(String... args) throws IOException, InterruptedException {
        return DistributionHarness.run(dir, Duration.ofSeconds(120), args);
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
                "plugins/openlineage",
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
        DistributionHarness.writeQuickstart(
                dir,
                "  platform: [datahub, marquez]",
                "  platforms:",
                "    datahub: { transport: file, file: out/mcps.json }",
                "    marquez: { transport: file, file: out/openlineage.jsonl }");
        Files.writeString(
                dir.resolve("lumos.yaml"),
                "  assertions:\n    - { dataset: csv:orders, row_count: { min: 1 }, fields: { amount: { nullable: false } } }\n",
                java.nio.file.StandardOpenOption.APPEND);
        Run r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("ingested 8 dataset(s)").contains("into datahub, marquez");
        // the migration's fidelity report: what Marquez has no place for
        assertThat(r.err())
                .contains("marquez cannot hold: data products (its datasets carry product:NAME tags instead)")
                .doesNotContain("datahub cannot hold");

        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> aspects = new java.util.TreeMap<>();
        java.util.Set<String> datahubDatasets = new java.util.TreeSet<>();
        Map<String, Integer> productAspects = new java.util.TreeMap<>();
        int dailyLineage = 0;
        for (JsonNode mcp : json.readTree(dir.resolve("out/mcps.json").toFile())) {
            if (mcp.path("entityType").asText().equals("dataProduct")) {
                // the quickstart's data product: an entity of its own in DataHub
                assertThat(mcp.path("entityUrn").asText()).isEqualTo("urn:li:dataProduct:revenue");
                productAspects.merge(mcp.path("aspectName").asText(), 1, Integer::sum);
                continue;
            }
            aspects.merge(mcp.path("aspectName").asText(), 1, Integer::sum);
            datahubDatasets.add(mcp.path("entityUrn").asText());
            if (mcp.path("aspectName").asText().equals("upstreamLineage")
                    && mcp.path("entityUrn").asText().contains("orders_daily")) {
                // the quickstart's "amount=revenue:AGGREGATION": the fine-grained lineage's operation
                assertThat(mcp.path("aspect").toString()).contains("AGGREGATION");
                dailyLineage++;
            }
        }
        datahubDatasets.removeIf(u -> u.startsWith("urn:li:assertion:"));
        assertThat(datahubDatasets).hasSize(8);
        assertThat(productAspects).containsOnlyKeys("dataProductProperties", "domains", "ownership");
        assertThat(aspects).containsEntry("schemaMetadata", 8).containsEntry("ownership", 8);
        assertThat(aspects.get("upstreamLineage")).isPositive();

        Map<String, Integer> events = new java.util.TreeMap<>();
        java.util.Set<String> marquezDatasets = new java.util.TreeSet<>();
        int aggregations = 0;
        int assertionRuns = 0;
        for (String line : Files.readAllLines(dir.resolve("out/openlineage.jsonl"))) {
            JsonNode e = json.readTree(line);
            String url = e.path("schemaURL").asText();
            events.merge(url.substring(url.lastIndexOf('/') + 1), 1, Integer::sum);
            for (JsonNode out : e.path("outputs")) {
                JsonNode revenue =
                        out.path("facets").path("columnLineage").path("fields").path("revenue");
                if (out.path("name").asText().equals("orders_daily") && !revenue.isMissingNode()) {
                    assertThat(revenue.path("inputFields")
                                    .get(0)
                                    .path("transformations")
                                    .get(0)
                                    .path("subtype")
                                    .asText())
                            .isEqualTo("AGGREGATION");
                    aggregations++;
                }
            }
            for (JsonNode in : e.path("inputs")) {
                if (in.path("inputFacets").has("dataQualityAssertions")) {
                    assertThat(in.path("name").asText()).isEqualTo("orders");
                    assertThat(in.path("inputFacets")
                                    .path("dataQualityAssertions")
                                    .path("assertions")
                                    .toString())
                            .contains("\"assertion\":\"row_count\"")
                            .contains("\"assertion\":\"not_null\"");
                    assertionRuns++;
                }
            }
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
        assertThat(dailyLineage).isPositive();
        assertThat(marquezDatasets).isEqualTo(datahubDatasets);
        assertThat(aggregations).as("column lineage runs of orders_daily").isPositive();
        assertThat(assertionRuns).isEqualTo(1);
        assertThat(events).containsEntry("DatasetEvent", 8);
        assertThat(events.get("JobEvent")).isPositive();
    }

    /** The quickstart into {@code platform: [local, ...]}, in the test's folder. */
    private void quickstartInto(String... platformLines) throws IOException {
        DistributionHarness.writeQuickstart(dir, platformLines);
    }

    /**
     * Issue 13's multi-catalog edit: marquez over {@code file} cannot store owners, so {@code owner
     * add} with {@code [local, datahub, marquez]} writes to no catalog (it wrote to local, then
     * exited 2); with DataHub down, the owner lands in local, exit 3 names DataHub's dead letters.
     */
    @Test
    void multiCatalogEditsAreAllOrNothingOnUsageErrorsAndKeepWhatLandedOnOutages() throws Exception {
        quickstartInto(
                "  platform: [local, datahub, marquez]",
                "  platforms:",
                "    datahub: { transport: file, file: out/mcps.json }",
                "    marquez: { transport: file, file: out/openlineage.jsonl }");
        Run ingest = lumos("ingest", "-c", "lumos.yaml");
        assertThat(ingest.code()).as(ingest.err()).isZero();
        byte[] mcps = Files.readAllBytes(dir.resolve("out/mcps.json"));

        Run refused = lumos("owner", "add", "csv:orders", "zed", "--type", "DATA_STEWARD", "-c", "lumos.yaml");
        assertThat(refused.code()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err())
                .contains("the marquez catalog cannot store owners")
                .contains("nothing written");
        assertThat(lumos("owner", "list", "csv:orders", "-c", "lumos.yaml").out())
                .doesNotContain("zed");
        assertThat(Files.readAllBytes(dir.resolve("out/mcps.json"))).isEqualTo(mcps);

        // DataHub over rest on a port where nothing listens: an outage
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        quickstartInto(
                "  platform: [local, datahub]",
                "  platforms:",
                "    datahub: { server: \"http://127.0.0.1:" + port + "\", retries: 0, timeout: 2s,"
                        + " dead_letter: out/datahub-dead.jsonl }");
        Run outage = lumos("owner", "add", "csv:orders", "zed", "--type", "DATA_STEWARD", "-c", "lumos.yaml");
        assertThat(outage.code()).as(outage.err()).isEqualTo(3);
        assertThat(outage.err())
                .contains("written to local")
                .contains("not to datahub")
                .contains(dir.resolve("out/datahub-dead.jsonl").toString());
        assertThat(lumos("owner", "list", "csv:orders", "-c", "lumos.yaml").out())
                .contains("urn:li:corpuser:zed");
        assertThat(Files.readString(dir.resolve("out/datahub-dead.jsonl")))
                .contains("PATCH")
                .contains("/owners/urn:li:corpuser:zed/DATA_STEWARD");
    }

    /** Issue 13: after an ingest, {@code lineage add} into DataHub is a patch that adds one upstream. */
    @Test
    void lineageAddIntoDataHubIsAPatchOfOneUpstream() throws Exception {
        quickstartInto(
                "  platform: [local, datahub]",
                "  platforms:",
                "    datahub: { transport: file, file: out/mcps.json }");
        assertThat(lumos("ingest", "-c", "lumos.yaml").code()).isZero();
        Run add = lumos("lineage", "add", "csv:customers", "csv:orders_daily", "-c", "lumos.yaml");
        assertThat(add.code()).as(add.err()).isZero();
        JsonNode mcps = new ObjectMapper().readTree(dir.resolve("out/mcps.json").toFile());
        assertThat(mcps).hasSize(1);
        assertThat(mcps.get(0).path("changeType").asText()).isEqualTo("PATCH");
        assertThat(mcps.get(0).path("aspectName").asText()).isEqualTo("upstreamLineage");
        JsonNode ops = new ObjectMapper()
                .readTree(mcps.get(0).path("aspect").path("value").asText());
        assertThat(ops).hasSize(1);
        assertThat(ops.get(0).path("op").asText()).isEqualTo("add");
        assertThat(ops.get(0).path("path").asText())
                .isEqualTo("/upstreams/urn:li:dataset:(urn:li:dataPlatform:csv,customers,PROD)");
    }

    /**
     * Issue 13: with Marquez down every event (datasets, lineage jobs, column-lineage runs) goes to
     * the dead-letter file, whose name the error gives; a failed replay leaves exactly the
     * undelivered letters in it (not twice), a successful one empties it, and a second replay has
     * nothing to send. The "Marquez" here answers only what a replay of these letters needs:
     * GET /api/v1/namespaces, 404 "... not found." for reads, 201 for POST /api/v1/lineage.
     */
    @Test
    void marquezDeadLettersAreCompleteAndAReplaySendsThemOnce() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        quickstartInto(
                "  platform: marquez",
                "  platforms:",
                "    marquez: { url: \"http://127.0.0.1:" + port + "\", retries: 0, timeout: 2s }");
        Path config = dir.resolve("lumos.yaml");
        Files.writeString(config, Files.readString(config).replace("schema_tracking: true", "schema_tracking: false"));
        Path dead = dir.resolve(".lumos/dead-letters/marquez.jsonl");
        Run r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains(dead.getFileName().toString());
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        List<String> letters = Files.readAllLines(dead);
        for (String line : letters) {
            kinds.merge(json.readTree(line).path("kind").asText(), 1, Integer::sum);
        }
        assertThat(kinds).containsEntry("DatasetEvent", 8);
        assertThat(kinds.get("JobEvent")).isPositive();
        assertThat(kinds.get("RunEvent")).isPositive();

        // still down: the file keeps the same letters, once each, and the message names it
        r = lumos("ingest", "-c", "lumos.yaml", "--replay", dead.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains(dead.toString());
        assertThat(Files.readAllLines(dead)).hasSameSizeAs(letters);

        List<String> posted = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", ex -> {
            byte[] body;
            int status;
            String path = ex.getRequestURI().getPath();
            if (ex.getRequestMethod().equals("POST") && path.equals("/api/v1/lineage")) {
                posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                status = 201;
                body = new byte[0];
            } else if (path.equals("/api/v1/namespaces")) {
                status = 200;
                body = "{\"namespaces\":[{\"name\":\"default\"}]}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                body = "{\"code\":404,\"message\":\"Job 'x' not found.\"}".getBytes(StandardCharsets.UTF_8);
            }
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        try {
            r = lumos("ingest", "-c", "lumos.yaml", "--replay", dead.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(posted).hasSameSizeAs(letters);
            assertThat(dead).doesNotExist();
            r = lumos("ingest", "-c", "lumos.yaml", "--replay", dead.toString());
            assertThat(r.code()).isEqualTo(2); // no such dead-letter file: nothing is sent twice
            assertThat(posted).hasSameSizeAs(letters);
        } finally {
            server.stop(0);
        }
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
