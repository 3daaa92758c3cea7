package io.lumos.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.cli.CliTestSupport;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.LineageEdge;
import io.lumos.platform.local.LocalCatalogFactory;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumos consume} against a real Kafka broker (a child JVM, started once for the class):
 * the same catalog as a file ingest, a kill -9 and a restart, poison events, SIGTERM, and two
 * consumers of one group.
 */
class ConsumeTest extends CliTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static KafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    // ---- events -------------------------------------------------------------------------------

    /**
     * {@code runs} runs of {@code jobs} jobs, START (names only, as Airflow sends it) then COMPLETE
     * (schemas, column lineage); job j reads {@code postgres://db:5432 shop.public.src_j} and
     * {@code src_(j+1)}, writes {@code s3a://lake out/j}; from the second half of the runs the
     * outputs gain a column, so versions change.
     */
    static List<String> events(int runs, int jobs) {
        List<String> out = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        for (int r = 0; r < runs; r++) {
            int j = r % jobs;
            boolean wide = r >= runs / 2;
            String runId = String.format("00000000-0000-4000-8000-%012d", r);
            for (String type : List.of("START", "COMPLETE")) {
                boolean complete = type.equals("COMPLETE");
                ObjectNode e = JSON.createObjectNode();
                e.put("eventType", type);
                e.put("eventTime", t0.plusSeconds(r * 60L + (complete ? 30 : 0)).toString());
                e.put("producer", "https://github.com/apache/airflow/tree/providers-openlineage/1.8.0");
                e.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
                e.putObject("run").put("runId", runId);
                ObjectNode job = e.putObject("job");
                job.put("namespace", "airflow");
                job.put("name", "etl.job_" + j);
                ArrayNode inputs = e.putArray("inputs");
                for (int k = 0; k < 2; k++) {
                    ObjectNode in = inputs.addObject();
                    in.put("namespace", "postgres://db:5432");
                    in.put("name", "shop.public.src_" + ((j + k) % (jobs + 1)));
                    if (complete) {
                        schema(in.putObject("facets"), false);
                    }
                }
                ObjectNode o = e.putArray("outputs").addObject();
                o.put("namespace", "s3a://lake");
                o.put("name", "out/" + j);
                if (complete) {
                    ObjectNode facets = o.putObject("facets");
                    schema(facets, wide);
                    ObjectNode fields = facets.putObject("columnLineage").putObject("fields");
                    ObjectNode id = fields.putObject("id");
                    ObjectNode f = id.putArray("inputFields").addObject();
                    f.put("namespace", "postgres://db:5432");
                    f.put("name", "shop.public.src_" + j);
                    f.put("field", "id");
                    ObjectNode tr = f.putArray("transformations").addObject();
                    tr.put("type", "DIRECT");
                    tr.put("subtype", "IDENTITY");
                }
                out.add(e.toString());
            }
        }
        return out;
    }

    private static void schema(ObjectNode facets, boolean wide) {
        ArrayNode fields = facets.putObject("schema").putArray("fields");
        fields.addObject().put("name", "id").put("type", "bigint");
        fields.addObject().put("name", "name").put("type", "character varying(255)");
        if (wide) {
            fields.addObject().put("name", "amount").put("type", "numeric(12,2)");
        }
    }

    static String topic(int partitions) {
        String t = "ol-" + TOPICS.incrementAndGet();
        kafka.createTopic(t, partitions);
        return t;
    }

    /** Sends each event with a key, so a run's events share a partition and keep their order. */
    static void produce(String topic, List<String> events) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("linger.ms", "5");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String e : events) {
                String key;
                try {
                    key = JSON.readTree(e).path("job").path("name").asText("none");
                } catch (IOException notJson) {
                    key = "poison";
                }
                producer.send(new ProducerRecord<>(
                        topic, key.getBytes(StandardCharsets.UTF_8), e.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private Path config(String name, String topic, String group, int maxPollRecords) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(
                file,
                """
                lumos_config:
                  platform: local
                  sources:
                    - name: lineage
                      type: openlineage
                      kafka:
                        bootstrap_servers: %s
                        topic: %s
                        group: %s
                        properties:
                          max.poll.records: %d
                """
                        .formatted(kafka.bootstrapServers(), topic, group, maxPollRecords));
        return file;
    }

    private Path fileConfig(List<String> events) throws IOException {
        Files.write(dir.resolve("events.jsonl"), events);
        Path file = dir.resolve("file.yaml");
        Files.writeString(
                file,
                """
                lumos_config:
                  platform: local
                  sources:
                    - name: lineage
                      type: openlineage
                      path: events.jsonl
                """);
        return file;
    }

    // ---- the catalog's state, without the times a write chose --------------------------------

    record State(Map<String, Dataset> datasets, Map<String, List<String>> versions, Set<String> lineage) {}

    State state(String catalog) {
        Settings s = Settings.of("local", Map.of("path", dir.resolve(catalog).toString()));
        try (CatalogAdapter c = new LocalCatalogFactory()
                .openExisting(s, PluginContext.basic(dir, List.of()))
                .orElseThrow()) {
            Map<String, Dataset> datasets = new TreeMap<>();
            Map<String, List<String>> versions = new TreeMap<>();
            for (Dataset d : c.datasets()) {
                datasets.put(d.id().toString(), d.withVersion(null));
                List<String> vs = new ArrayList<>();
                for (DatasetVersion v : c.versions(d.id())) {
                    vs.add(v.schemaVersion() + " " + v.changeType() + " " + v.schemaFingerprint());
                }
                versions.put(d.id().toString(), vs);
            }
            Set<String> lineage = new HashSet<>();
            for (LineageEdge e : c.lineage()) {
                lineage.add(e.upstream() + " -> " + e.downstream() + " " + e.type() + " " + e.createdBy() + " "
                        + e.columns());
            }
            return new State(datasets, versions, lineage);
        }
    }

    private static String last(List<String> list) {
        return list.get(list.size() - 1);
    }

    private static final Pattern CONSUMED = Pattern.compile("consumed (\\d+) event\\(s\\)");

    static long consumed(Result r) {
        Matcher m = CONSUMED.matcher(r.err());
        assertThat(m.find()).as(r.toString()).isTrue();
        return Long.parseLong(m.group(1));
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void aTopicLandsInTheCatalogAsTheSameEventsFromAFile() throws IOException {
        List<String> events = events(60, 12);
        String topic = topic(3);
        produce(topic, events);

        Result file = run(dir, "ingest", "-c", fileConfig(events).toString(), "--catalog-path", "file.db");
        assertThat(file.code()).as(file.toString()).isZero();
        Result kafkaRun = run(
                dir,
                "consume",
                "-c",
                config("kafka.yaml", topic, "g-equal", 25).toString(),
                "--catalog-path",
                "kafka.db",
                "--idle-timeout",
                "5s");
        assertThat(kafkaRun.code()).as(kafkaRun.toString()).isZero();
        assertThat(consumed(kafkaRun)).isEqualTo(events.size());

        State fromFile = state("file.db");
        State fromTopic = state("kafka.db");
        assertThat(fromFile.datasets()).hasSize(12 + 13);
        assertThat(fromTopic.datasets()).isEqualTo(fromFile.datasets());
        assertThat(fromTopic.lineage()).isEqualTo(fromFile.lineage());
        // the file folds all events at once (one version, the wide schema); batches of 25 see the
        // narrow schema first: the history has one more step, and ends where the file's does
        String out0 = fromFile.datasets().keySet().stream()
                .filter(k -> k.contains("lake/out/0"))
                .findFirst()
                .orElseThrow();
        assertThat(fromFile.versions().get(out0)).hasSize(1);
        assertThat(fromTopic.versions().get(out0)).hasSize(2);
        assertThat(last(fromTopic.versions().get(out0)).split(" ")[2])
                .isEqualTo(fromFile.versions().get(out0).get(0).split(" ")[2]);

        // the same events again, in a new group: nothing new
        Result again = run(
                dir,
                "consume",
                "-c",
                config("kafka.yaml", topic, "g-equal-2", 500).toString(),
                "--catalog-path",
                "kafka.db",
                "--idle-timeout",
                "5s");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.err()).contains(" 0 new version(s)");
        assertThat(state("kafka.db")).isEqualTo(fromTopic);
    }
}
