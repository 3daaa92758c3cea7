package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.DeadLetter;
import io.lumos.testing.kafka.FakeSchemaRegistry;
import io.lumos.testing.kafka.KafkaBroker;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kafka transport against a real broker (the schema registry is an in-process fake of the two
 * calls the serializer makes): proposals land on MetadataChangeProposal_v1 in Confluent's wire
 * format, decode with DataHub's Avro schema, and equal the file transport's MCPs; a broker that
 * goes away ends in dead letters within the timeout for the whole batch.
 */
class DataHubKafkaIT {
    private static final String TOPIC = "MetadataChangeProposal_v1";
    private static KafkaBroker kafka;
    private static FakeSchemaRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start();
        kafka.createTopic(TOPIC, 3);
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

    static Map<String, Object> kafkaSettings(Path dir, String bootstrap, String timeout) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("transport", "kafka");
        s.put("timeout", timeout);
        s.put("dead_letter", dir.resolve("dead.jsonl").toString());
        s.put("kafka", Map.of("bootstrap", bootstrap, "schema_registry_url", registry.url()));
        return s;
    }

    static List<Dataset> datasets(String prefix, int n) {
        List<Dataset> out = new ArrayList<>();
        out.add(DataHubWriteTest.orders());
        for (int i = 0; i < n; i++) {
            out.add(DataHubWriteTest.flat(DatasetId.of("csv", prefix + i), 2));
        }
        return out;
    }

    static void writeAll(CatalogAdapter a, List<Dataset> datasets) {
        a.writeDatasets(datasets);
        List<LineageEdge> edges = new ArrayList<>();
        for (int i = 1; i < datasets.size(); i++) {
            edges.add(LineageEdge.of(datasets.get(0).id(), datasets.get(i).id()));
        }
        a.writeLineage(edges);
        a.flush();
    }

    /** entityUrn, aspectName, changeType, contentType and the aspect's JSON, one line per proposal. */
    private static String line(String urn, String aspect, String change, String contentType, String value) {
        return String.join(" | ", urn, aspect, change, contentType, value);
    }

    @Test
    void proposalsLandOnTheTopicAsDataHubsAvroAndEqualTheFileTransport() throws Exception {
        List<Dataset> datasets = datasets("t", 12);
        try (CatalogAdapter a = Adapters.open(dir, Map.of("transport", "file", "file", "mcps.json"))) {
            writeAll(a, datasets);
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(dir.resolve("mcps.json").toFile())) {
            expected.add(line(
                    n.path("entityUrn").asText(),
                    n.path("aspectName").asText(),
                    n.path("changeType").asText(),
                    n.at("/aspect/contentType").asText(),
                    n.at("/aspect/value").asText()));
        }
        assertThat(expected).hasSizeGreaterThan(40);

        try (CatalogAdapter a = Adapters.open(dir, kafkaSettings(dir, kafka.bootstrapServers(), "10s"))) {
            writeAll(a, datasets);
            assertThat(a.report().failed()).isZero();
            assertThat(a.report().sent()).isEqualTo(expected.size());
        }

        Schema datahub;
        try (InputStream in = KafkaEmitterSchema.open()) {
            datahub = new Schema.Parser().parse(in);
        }
        assertThat(registry.subjects()).containsOnlyKeys(TOPIC + "-value");
        List<String> got = new ArrayList<>();
        for (KafkaBroker.Message m : kafka.read(TOPIC)) {
            ByteBuffer b = ByteBuffer.wrap(m.value());
            assertThat(b.get()).as("Confluent's magic byte").isZero();
            int id = b.getInt();
            Schema written = new Schema.Parser().parse(registry.schema(id));
            assertThat(written).isEqualTo(datahub);
            GenericRecord r = new GenericDatumReader<GenericRecord>(written, datahub)
                    .read(null, DecoderFactory.get().binaryDecoder(m.value(), b.position(), b.remaining(), null));
            GenericRecord aspect = (GenericRecord) r.get("aspect");
            String urn = r.get("entityUrn").toString();
            assertThat(m.key()).isEqualTo(urn);
            assertThat(r.get("entityType").toString()).isEqualTo("dataset");
            got.add(line(
                    urn,
                    r.get("aspectName").toString(),
                    r.get("changeType").toString(),
                    aspect.get("contentType").toString(),
                    StandardCharsets.UTF_8
                            .decode((ByteBuffer) aspect.get("value"))
                            .toString()));
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Where the jar keeps the Avro schema its serializer registers. */
    static final class KafkaEmitterSchema {
        static InputStream open() {
            return datahub.client.kafka.AvroSerializer.class
                    .getClassLoader()
                    .getResourceAsStream("MetadataChangeProposal.avsc");
        }
    }

    @Test
    void aBrokerKilledMidRunEndsInDeadLettersWithinTheTimeoutForTheWholeBatch() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        try (KafkaBroker doomed = KafkaBroker.start()) {
            doomed.createTopic(TOPIC, 2);
            List<Dataset> second = datasets("after", 20);
            long millis;
            try (CatalogAdapter a =
                    Adapters.open(dir, kafkaSettings(dir, doomed.bootstrapServers(), timeout.toSeconds() + "s"))) {
                a.writeDatasets(List.of(DataHubWriteTest.flat(DatasetId.of("csv", "before"), 2)));
                a.flush();
                long before = a.report().sent();
                assertThat(before).isPositive();
                assertThat(a.report().failed()).isZero();

                doomed.kill();
                long start = System.nanoTime();
                writeAll(a, second);
                millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertThat(a.report().sent()).isEqualTo(before);
                assertThat(a.report().failed()).isGreaterThan(60);
            }
            // one proposal after another (the old way) this was 60+ proposals x the timeout
            assertThat(millis).isLessThan(4 * timeout.toMillis());
            List<DeadLetter> dead = DeadLetterFile.read(dir.resolve("dead.jsonl"));
            Set<String> urns = dead.stream()
                    .map(d -> d.target().substring(0, d.target().indexOf('#')))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(urns)
                    .isEqualTo(second.stream().map(d -> d.id().urn()).collect(Collectors.toCollection(TreeSet::new)));
            assertThat(dead).allSatisfy(d -> assertThat(d.error()).startsWith("Kafka at " + doomed.bootstrapServers()));
        }
    }

    @Test
    void aBrokerThatIsNotThereCostsTheTimeoutOnceNotPerProposal() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        try (CatalogAdapter a = Adapters.open(dir, kafkaSettings(dir, "127.0.0.1:" + port, "1s"))) {
            writeAll(a, datasets("x", 20));
            assertThat(a.report().sent()).isZero();
            assertThat(a.report().failed()).isGreaterThan(60);
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        // the old transport waited the timeout for each proposal in turn
        assertThat(millis).isLessThan(10_000);
        List<DeadLetter> dead = DeadLetterFile.read(dir.resolve("dead.jsonl"));
        assertThat(dead).hasSizeGreaterThan(60);
        assertThat(dead.get(0).error()).contains("127.0.0.1:" + port).contains("TimeoutException");
        assertThat(dead.get(dead.size() - 1).error()).contains("not reached earlier in this run");
    }
}
