package io.lumos.platform.marquez;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.LineageEdge;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Reporter;
import io.lumos.spi.Settings;
import io.lumos.testing.kafka.KafkaBroker;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka transport against a real broker: what lands on the topic, and a broker that goes away. */
class MarquezKafkaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "openlineage";
    private static KafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaBroker.start();
        kafka.createTopic(TOPIC, 3);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The same clock for every adapter of a test, so that two transports write the same bytes. */
    static PluginContext context(Path dir) {
        return new PluginContext(
                dir,
                dir.resolve(".lumos"),
                "PROD",
                Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC),
                Map.of(),
                List.of(),
                Reporter.SILENT);
    }

    static MarquezAdapter open(Path dir, Map<String, Object> settings) {
        return (MarquezAdapter)
                new MarquezAdapterFactory().create(Settings.of("platforms.marquez", settings), context(dir));
    }

    static Map<String, Object> kafkaSettings(Path dir, String bootstrap, String topic, String timeout) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("topic", topic);
        k.put("bootstrap_servers", bootstrap);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("transport", "kafka");
        s.put("kafka", k);
        s.put("timeout", timeout);
        s.put("dead_letter", dir.resolve("dead.jsonl").toString());
        return s;
    }

    static List<Dataset> tables(String prefix, int n) {
        List<Dataset> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(MarquezAdapterTest.table("csv", prefix + i, "table " + i, "id", "amount"));
        }
        return out;
    }

    /** Datasets, then lineage with column mappings: DatasetEvents, JobEvents and RunEvents. */
    static void writeAll(MarquezAdapter a, List<Dataset> tables) {
        a.writeDatasets(tables);
        List<LineageEdge> edges = new ArrayList<>();
        for (int i = 1; i < tables.size(); i++) {
            edges.add(LineageEdge.of(tables.get(i - 1).id(), tables.get(i).id())
                    .withColumns(List.of(new ColumnMapping(List.of("amount"), "amount", "SUM(amount)"))));
        }
        a.writeLineage(edges);
        a.flush();
    }

    @Test
    void whatLandsOnTheTopicIsWhatTheFileTransportWrites() throws Exception {
        List<Dataset> tables = tables("t", 12);
        Path file = dir.resolve("events.jsonl");
        try (MarquezAdapter a = open(dir, Map.of("transport", "file", "file", file.toString()))) {
            writeAll(a, tables);
        }
        List<String> expected = Files.readAllLines(file);
        assertThat(expected).hasSizeGreaterThan(tables.size());

        try (MarquezAdapter a = open(dir, kafkaSettings(dir, kafka.bootstrapServers(), TOPIC, "10s"))) {
            writeAll(a, tables);
            assertThat(a.report().failed()).isZero();
            assertThat(a.report().sent()).isEqualTo(expected.size());
        }
        List<KafkaBroker.Message> got = kafka.read(TOPIC);
        assertThat(got.stream().map(KafkaBroker.Message::valueAsString)).containsExactlyInAnyOrderElementsOf(expected);
        Map<String, List<String>> byKeyOnTopic = new HashMap<>();
        Map<String, Integer> partitionOfKey = new HashMap<>();
        for (KafkaBroker.Message m : got) {
            assertThat(m.key()).isEqualTo(openLineageKey(JSON.readTree(m.value())));
            byKeyOnTopic.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.valueAsString());
            assertThat(partitionOfKey.computeIfAbsent(m.key(), k -> m.partition()))
                    .as("one partition per key")
                    .isEqualTo(m.partition());
        }
        // events about one subject keep the order they were written in
        Map<String, List<String>> byKeyInFile = new HashMap<>();
        for (String line : expected) {
            byKeyInFile
                    .computeIfAbsent(openLineageKey(JSON.readTree(line)), k -> new ArrayList<>())
                    .add(line);
        }
        assertThat(byKeyOnTopic).isEqualTo(byKeyInFile);
        assertThat(byKeyOnTopic.keySet().stream().map(k -> k.substring(0, k.indexOf(':'))))
                .contains("dataset", "job", "run");
    }

    /** OpenLineage KafkaTransport's message key, computed here from the event independently. */
    private static String openLineageKey(JsonNode e) {
        if (e.has("dataset")) {
            return "dataset:" + e.at("/dataset/namespace").asText() + "/"
                    + e.at("/dataset/name").asText();
        }
        if (e.has("run")) {
            return "run:" + e.at("/job/namespace").asText() + "/"
                    + e.at("/job/name").asText();
        }
        return "job:" + e.at("/job/namespace").asText() + "/"
                + e.at("/job/name").asText();
    }

    @Test
    void aBrokerKilledMidRunEndsInDeadLettersWithinTheTimeoutForTheWholeBatch() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        List<Dataset> first = tables("before", 3);
        List<Dataset> second = tables("after", 40);
        try (KafkaBroker doomed = KafkaBroker.start()) {
            doomed.createTopic("doomed", 2);
            long millis;
            try (MarquezAdapter a =
                    open(dir, kafkaSettings(dir, doomed.bootstrapServers(), "doomed", timeout.toSeconds() + "s"))) {
                a.writeDatasets(first);
                a.flush();
                assertThat(a.report().sent()).isEqualTo(3);

                doomed.kill();
                long start = System.nanoTime();
                writeAll(a, second);
                millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertThat(a.report().sent()).isEqualTo(3);
                assertThat(a.report().failed()).isGreaterThan(second.size());
            }
            // per event (the old way) this was 40+ events x 5 attempts x the timeout
            assertThat(millis).isLessThan(4 * timeout.toMillis());
            List<DeadLetter> dead = DeadLetterFile.read(dir.resolve("dead.jsonl"));
            Set<String> deadDatasets = dead.stream()
                    .filter(d -> d.kind().equals("DatasetEvent"))
                    .map(DeadLetter::target)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(deadDatasets)
                    .isEqualTo(second.stream().map(d -> d.id().urn()).collect(Collectors.toCollection(TreeSet::new)));
            assertThat(dead.stream().map(DeadLetter::kind)).contains("JobEvent", "RunEvent");
            assertThat(dead).allSatisfy(d -> assertThat(d.error()).startsWith("Kafka at " + doomed.bootstrapServers()));
        }
    }

    @Test
    void aBrokerThatIsNotThereCostsTheTimeoutOnceNotPerEvent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Dataset> tables = tables("x", 30);
        long start = System.nanoTime();
        try (MarquezAdapter a = open(dir, kafkaSettings(dir, "127.0.0.1:" + port, TOPIC, "1s"))) {
            writeAll(a, tables);
            assertThat(a.report().sent()).isZero();
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        // the old producer blocked max.block.ms (60 s) for each of them
        assertThat(millis).isLessThan(10_000);
        List<DeadLetter> dead = DeadLetterFile.read(dir.resolve("dead.jsonl"));
        assertThat(dead.stream().filter(d -> d.kind().equals("DatasetEvent"))).hasSize(30);
        assertThat(dead.get(0).error()).contains("127.0.0.1:" + port).contains("TimeoutException");
        assertThat(dead.get(dead.size() - 1).error()).contains("not reached earlier in this run");
    }
}
