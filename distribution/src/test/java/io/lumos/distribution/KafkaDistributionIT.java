package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.distribution.DistributionHarness.Run;
import io.lumos.testing.kafka.FakeSchemaRegistry;
import io.lumos.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both Kafka transports from the built distribution (each plugin behind its own class loader, which
 * is where Kafka's class-name lookups through the context class loader failed) against a real
 * broker: delivery, a quiet console, and a broker that is down.
 */
class KafkaDistributionIT {
    private static final String MCP_TOPIC = "MetadataChangeProposal_v1";
    private static final String OL_TOPIC = "openlineage";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaBroker kafka;
    private static FakeSchemaRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start();
        kafka.createTopic(MCP_TOPIC, 3);
        kafka.createTopic(OL_TOPIC, 3);
        registry = new FakeSchemaRegistry();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private Run lumos(String... args) throws IOException, InterruptedException {
        return DistributionHarness.run(dir, Duration.ofSeconds(180), args);
    }

    /** The quickstart's data and config with {@code platform: [datahub, marquez]} and these settings. */
    private void config(String datahub, String marquez) throws IOException {
        DistributionHarness.writeQuickstart(
                dir,
                "  platform: [datahub, marquez]",
                "  platforms:",
                "    datahub: " + datahub,
                "    marquez: " + marquez);
    }

    private static String datahubKafka(String bootstrap, String timeout) {
        return "{ transport: kafka, timeout: %s, dead_letter: dead/datahub.jsonl, kafka: { bootstrap: \"%s\", schema_registry_url: \"%s\" } }"
                .formatted(timeout, bootstrap, registry.url());
    }

    private static String marquezKafka(String bootstrap, String timeout) {
        return "{ transport: kafka, timeout: %s, dead_letter: dead/marquez.jsonl, kafka: { topic: %s, bootstrap_servers: \"%s\" } }"
                .formatted(timeout, OL_TOPIC, bootstrap);
    }

    /** What the file transports write for the same config: the MCPs and the OpenLineage events. */
    private void fileRun(List<JsonNode> mcps, List<JsonNode> events) throws Exception {
        config("{ transport: file, file: out/mcps.json }", "{ transport: file, file: out/openlineage.jsonl }");
        Run r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.err()).isZero();
        JSON.readTree(dir.resolve("out/mcps.json").toFile()).forEach(mcps::add);
        for (String line : Files.readAllLines(dir.resolve("out/openlineage.jsonl"))) {
            events.add(JSON.readTree(line));
        }
    }

    private static String mcpKey(String urn, String aspect, String change) {
        return urn + " " + aspect + " " + change;
    }

    private static String eventKey(JsonNode e) {
        String url = e.path("schemaURL").asText();
        String type = url.substring(url.lastIndexOf('/') + 1);
        JsonNode subject = e.has("dataset") ? e.path("dataset") : e.path("job");
        return type + " " + subject.path("namespace").asText() + "/"
                + subject.path("name").asText();
    }

    @Test
    void bothKafkaTransportsDeliverFromTheDistributionAndPrintNoKafkaLogs() throws Exception {
        List<JsonNode> mcps = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        fileRun(mcps, events);
        config(datahubKafka(kafka.bootstrapServers(), "10s"), marquezKafka(kafka.bootstrapServers(), "10s"));
        Map<Integer, Long> mcpsBefore = kafka.endOffsets(MCP_TOPIC);
        Map<Integer, Long> eventsBefore = kafka.endOffsets(OL_TOPIC);
        Run r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("into datahub, marquez");
        // nothing of kafka-clients' (or the shaded one's) 80 to 200 INFO/WARN lines
        assertThat(r.err())
                .doesNotContain("] INFO ")
                .doesNotContain("] WARN ")
                .doesNotContain("org.apache.kafka")
                .doesNotContain("datahub.shaded");
        assertThat(r.err().lines().count()).isLessThan(20);

        Map<String, Integer> expectedMcps = new TreeMap<>();
        for (JsonNode n : mcps) {
            expectedMcps.merge(
                    mcpKey(
                            n.path("entityUrn").asText(),
                            n.path("aspectName").asText(),
                            n.path("changeType").asText()),
                    1,
                    Integer::sum);
        }
        Map<String, Integer> gotMcps = new TreeMap<>();
        for (KafkaBroker.Message m : kafka.readFrom(MCP_TOPIC, mcpsBefore)) {
            ByteBuffer b = ByteBuffer.wrap(m.value());
            assertThat(b.get()).as("Confluent's magic byte").isZero();
            Schema schema = new Schema.Parser().parse(registry.schema(b.getInt()));
            assertThat(schema.getFullName()).isEqualTo("com.linkedin.pegasus2avro.mxe.MetadataChangeProposal");
            GenericRecord mcp = new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(m.value(), b.position(), b.remaining(), null));
            assertThat(mcp.get("entityUrn").toString()).isEqualTo(m.key());
            gotMcps.merge(
                    mcpKey(
                            m.key(),
                            mcp.get("aspectName").toString(),
                            mcp.get("changeType").toString()),
                    1,
                    Integer::sum);
        }
        assertThat(gotMcps).isEqualTo(expectedMcps);

        Map<String, Integer> expectedEvents = new TreeMap<>();
        events.forEach(e -> expectedEvents.merge(eventKey(e), 1, Integer::sum));
        Map<String, Integer> gotEvents = new TreeMap<>();
        for (KafkaBroker.Message m : kafka.readFrom(OL_TOPIC, eventsBefore)) {
            gotEvents.merge(eventKey(JSON.readTree(m.value())), 1, Integer::sum);
        }
        assertThat(gotEvents).isEqualTo(expectedEvents);
    }

    @Test
    void aBrokerThatIsDownEndsInDeadLettersAndExit3WithinTheTimeoutThenReplays() throws Exception {
        List<JsonNode> mcps = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        fileRun(mcps, events);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        config(datahubKafka("127.0.0.1:" + port, "2s"), marquezKafka("127.0.0.1:" + port, "2s"));
        Run r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err())
                .contains("dead" + java.io.File.separator + "datahub.jsonl")
                .contains("dead" + java.io.File.separator + "marquez.jsonl")
                .doesNotContain("] WARN ");
        // JVM start and scan included; one proposal or event at a time this took minutes
        assertThat(r.took()).as(r.err()).isLessThan(Duration.ofSeconds(60));
        List<String> datahubLetters = Files.readAllLines(dir.resolve("dead/datahub.jsonl"));
        List<String> marquezLetters = Files.readAllLines(dir.resolve("dead/marquez.jsonl"));
        assertThat(datahubLetters).hasSize(mcps.size());
        assertThat(marquezLetters).hasSize(events.size());

        // the broker is back: the letters go out from the distribution too
        config(datahubKafka(kafka.bootstrapServers(), "10s"), marquezKafka(kafka.bootstrapServers(), "10s"));
        Map<Integer, Long> mcpsBefore = kafka.endOffsets(MCP_TOPIC);
        Map<Integer, Long> eventsBefore = kafka.endOffsets(OL_TOPIC);
        Run replay = lumos("ingest", "-c", "lumos.yaml", "--replay", "dead/marquez.jsonl");
        assertThat(replay.code()).as(replay.err()).isZero();
        List<String> payloads = new ArrayList<>();
        for (String line : marquezLetters) {
            payloads.add(JSON.readTree(line).path("payload").asText());
        }
        assertThat(kafka.readFrom(OL_TOPIC, eventsBefore).stream().map(KafkaBroker.Message::valueAsString))
                .containsExactlyInAnyOrderElementsOf(payloads);
        Run replayDataHub = lumos("ingest", "-c", "lumos.yaml", "--replay", "dead/datahub.jsonl");
        assertThat(replayDataHub.code()).as(replayDataHub.err()).isZero();
        assertThat(kafka.readFrom(MCP_TOPIC, mcpsBefore)).hasSize(mcps.size());
    }

    /**
     * The broker is killed at the moment the run has started sending: DataHub's serializer asks the
     * schema registry for an id inside the producer's first send (after it has the broker's
     * metadata), and the fake registry kills the broker before it answers.
     */
    @Test
    void aBrokerKilledMidRunEndsInDeadLettersAndExit3WithNothingLost() throws Exception {
        List<JsonNode> mcps = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        fileRun(mcps, events);
        try (KafkaBroker doomed = KafkaBroker.start()) {
            doomed.createTopic(MCP_TOPIC, 2);
            doomed.createTopic(OL_TOPIC, 2);
            config(datahubKafka(doomed.bootstrapServers(), "3s"), marquezKafka(doomed.bootstrapServers(), "3s"));
            registry.beforeNextRegistration(doomed::kill);
            Run r = lumos("ingest", "-c", "lumos.yaml");
            assertThat(doomed.isRunning()).as("killed mid-run").isFalse();
            assertThat(r.code()).as(r.err()).isEqualTo(3);
            assertThat(r.took()).as(r.err()).isLessThan(Duration.ofSeconds(60));
            assertThat(r.err()).doesNotContain("] WARN ").doesNotContain("] INFO ");

            // what the broker acknowledged survives the kill: with the dead letters, that is everything
            doomed.restart();
            List<String> datahubLetters = Files.readAllLines(dir.resolve("dead/datahub.jsonl"));
            assertThat(datahubLetters.size() + doomed.read(MCP_TOPIC).size()).isGreaterThanOrEqualTo(mcps.size());
            assertThat(datahubLetters).isNotEmpty();
            Map<String, Integer> expected = new TreeMap<>();
            events.forEach(e -> expected.merge(eventKey(e), 1, Integer::sum));
            Map<String, Integer> got = new TreeMap<>();
            for (KafkaBroker.Message m : doomed.read(OL_TOPIC)) {
                got.merge(eventKey(JSON.readTree(m.value())), 1, Integer::sum);
            }
            java.nio.file.Path marquezDead = dir.resolve("dead/marquez.jsonl");
            if (Files.exists(marquezDead)) {
                for (String line : Files.readAllLines(marquezDead)) {
                    got.merge(
                            eventKey(JSON.readTree(
                                    JSON.readTree(line).path("payload").asText())),
                            1,
                            Integer::sum);
                }
            }
            // an event may be both on the topic and a dead letter (acknowledged, then the answer was lost)
            expected.forEach((k, n) -> assertThat(got.getOrDefault(k, 0)).as(k).isGreaterThanOrEqualTo(n));
        }
    }
}
