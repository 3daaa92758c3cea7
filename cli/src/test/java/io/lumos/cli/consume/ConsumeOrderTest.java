package io.lumos.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.platform.local.LocalCatalogFactory;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Event-time order across batches and runs, and the idle timeout of a consumer that is still
 * joining its group, against a real Kafka broker (a child JVM, one for the class) and the local
 * catalog: an event older than what the catalog holds, read in a later batch, by a restarted
 * consumer or by a later ingest, does not replace the newer facts or move a finished run back.
 */
class ConsumeOrderTest extends BrokerTestSupport {
    private static final DatasetId OUT = DatasetId.of("s3", "lake/out");
    private static final DatasetId SRC = DatasetId.of("postgres", "shop.public.src");
    private static final String RUN = "00000000-0000-4000-8000-000000000001";

    // ---- events -------------------------------------------------------------------------------

    /** A RunEvent of job {@code daily}, src -> out, the output with the given facets (JSON members). */
    private static String event(String type, String time, String runId, String... outFacets) {
        return """
                {"eventType":"%s","eventTime":"%s","producer":"https://example.com/%s",
                 "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run":{"runId":"%s"},"job":{"namespace":"airflow","name":"daily"},
                 "inputs":[{"namespace":"postgres://db:5432","name":"shop.public.src","facets":{"schema":
                   {"fields":[{"name":"id","type":"bigint"},{"name":"price","type":"bigint"}]}}}],
                 "outputs":[{"namespace":"s3a://lake","name":"out","facets":{%s}}]}
                """
                .formatted(type, time, type.toLowerCase(java.util.Locale.ROOT), runId, String.join(",", outFacets))
                .replace("\n", "");
    }

    private static String schema(String... columns) {
        List<String> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add("{\"name\":\"" + c + "\",\"type\":\"bigint\"}");
        }
        return "\"schema\":{\"fields\":[" + String.join(",", fields) + "]}";
    }

    private static String owner(String name) {
        return "\"ownership\":{\"owners\":[{\"name\":\"" + name + "\",\"type\":\"MAINTAINER\"}]}";
    }

    private static String doc(String text) {
        return "\"documentation\":{\"description\":\"" + text + "\"}";
    }

    private static String columns(String subtype, String... outColumns) {
        List<String> fields = new ArrayList<>();
        for (String c : outColumns) {
            fields.add("\"" + c + "\":{\"inputFields\":[{\"namespace\":\"postgres://db:5432\","
                    + "\"name\":\"shop.public.src\",\"field\":\"" + (c.equals("id") ? "id" : "price")
                    + "\",\"transformations\":[{\"type\":\"DIRECT\",\"subtype\":\"" + subtype + "\"}]}]}");
        }
        return "\"columnLineage\":{\"fields\":{" + String.join(",", fields) + "}}";
    }

    /** The run's COMPLETE (10:00) with the newer facts. */
    private static final String COMPLETE = event(
            "COMPLETE",
            "2026-11-01T10:00:00Z",
            RUN,
            schema("id", "amount"),
            owner("team:new"),
            doc("newer"),
            columns("IDENTITY", "id", "amount"));

    /** Its START (09:00), with the facts of then. */
    private static final String START = event(
            "START",
            "2026-11-01T09:00:00Z",
            RUN,
            schema("id"),
            owner("team:old"),
            doc("older"),
            columns("TRANSFORMATION", "id"));

    // ---- Kafka and the catalog ----------------------------------------------------------------

    static String topic(int partitions) {
        String t = "order-" + TOPICS.incrementAndGet();
        kafka.createTopic(t, partitions);
        return t;
    }

    static void produce(String topic, List<String> events) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String e : events) {
                producer.send(new ProducerRecord<>(
                                topic, "daily".getBytes(StandardCharsets.UTF_8), e.getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS); // in order, and each one surely sent
            }
        }
    }

    private Path config(String topic, String group, int batchEvents, String more) throws IOException {
        return kafkaConfig("kafka-" + group + ".yaml", topic, group, batchEvents, more);
    }

    private Path fileConfig(String name, List<String> events) throws IOException {
        Files.write(dir.resolve(name + ".jsonl"), events);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(
                file,
                """
                lumos_config:
                  platform: local
                  sources:
                    - name: lineage
                      type: openlineage
                      path: %s.jsonl
                """
                        .formatted(name));
        return file;
    }

    private Result consume(Path config, String catalog, String idle) {
        return run(dir, "consume", "-c", config.toString(), "--catalog-path", catalog, "--idle-timeout", idle);
    }

    private Map<String, Dataset> datasets(String catalog) {
        try (CatalogAdapter c = open(catalog)) {
            Map<String, Dataset> out = new TreeMap<>();
            for (Dataset d : c.datasets()) {
                out.put(d.id().shortName(), d.withVersion(null));
            }
            return out;
        }
    }

    private List<ColumnMapping> columnsIntoOut(String catalog) {
        try (CatalogAdapter c = open(catalog)) {
            return c.upstreamEdges(OUT).stream()
                    .filter(e -> e.upstream().equals(SRC))
                    .map(LineageEdge::columns)
                    .findFirst()
                    .orElseThrow();
        }
    }

    private CatalogAdapter open(String catalog) {
        Settings s = Settings.of("local", Map.of("path", dir.resolve(catalog).toString()));
        return new LocalCatalogFactory()
                .openExisting(s, PluginContext.basic(dir, List.of()))
                .orElseThrow();
    }

    private static void assertNewer(Dataset out) {
        assertThat(out.fields()).extracting(Field::name).containsExactly("id", "amount");
        assertThat(out.owners()).containsExactly(new Owner("group:new", "MAINTAINER"));
        assertThat(out.description()).isEqualTo("newer");
        assertThat(out.properties()).containsEntry("openlineage.producer", "https://example.com/complete");
    }

    // ---- event-time order ---------------------------------------------------------------------

    @Test
    void anOlderEventInALaterBatchAndInARestartedConsumerKeepsTheNewerFactsAndTheFinishedRun() throws Exception {
        String topic = topic(1);
        produce(topic, List.of(COMPLETE, START));
        // one event a batch: the START comes in the batch after its COMPLETE
        Path config = config(topic, "g-order", 1, "");
        Result first = consume(config, "kafka.db", "3s");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.err()).contains("consumed 2 event(s) in 2 batch(es)");

        assertNewer(datasets("kafka.db").get(OUT.shortName()));
        assertThat(columnsIntoOut("kafka.db")).hasSize(2).allSatisfy(m -> assertThat(m.transformationSubtype())
                .isEqualTo("IDENTITY"));
        // the run: COMPLETE, its states in event-time order
        Result runs = run(dir, "runs", "list", "-f", "json", "--catalog-path", "kafka.db");
        JsonNode run = JSON.readTree(runs.out()).get(0);
        assertThat(run.path("state").asText()).as(runs.out()).isEqualTo("COMPLETE");
        assertThat(run.path("states").findValuesAsText("state")).containsExactly("START", "COMPLETE");

        // a restarted consumer of the group: an even older event of another run, and a newer
        // one that states only the description; it remembers nothing but what the catalog holds
        String older = event(
                "COMPLETE",
                "2026-10-31T09:00:00Z",
                "00000000-0000-4000-8000-000000000000",
                schema("legacy"),
                owner("team:ancient"),
                doc("ancient"),
                columns("AGGREGATION", "id"));
        // (OTHER: metadata after the run, which changes no state, as the spec has it)
        String newest = event("OTHER", "2026-11-01T11:00:00Z", RUN, doc("newest"));
        produce(topic, List.of(older, newest));
        Result restarted = consume(config, "kafka.db", "3s");
        assertThat(restarted.code()).as(restarted.toString()).isZero();
        assertThat(restarted.err()).contains("consumed 2 event(s)");
        Dataset out = datasets("kafka.db").get(OUT.shortName());
        assertThat(out.description()).isEqualTo("newest");
        assertThat(out.fields()).extracting(Field::name).containsExactly("id", "amount");
        assertThat(out.owners()).containsExactly(new Owner("group:new", "MAINTAINER"));
        assertThat(out.statistics().lastModified()).hasToString("2026-11-01T10:00:00Z");
        assertThat(columnsIntoOut("kafka.db")).hasSize(2).allSatisfy(m -> assertThat(m.transformationSubtype())
                .isEqualTo("IDENTITY"));
        run = JSON.readTree(run(dir, "runs", "list", "-f", "json", "--catalog-path", "kafka.db")
                        .out())
                .get(0);
        assertThat(run.path("runId").asText()).isEqualTo(RUN);
        assertThat(run.path("state").asText()).isEqualTo("COMPLETE");

        // all four events in one file, folded at once, give the same datasets
        Result file = run(
                dir,
                "ingest",
                "-c",
                fileConfig("all", List.of(COMPLETE, START, older, newest)).toString(),
                "--catalog-path",
                "file.db");
        assertThat(file.code()).as(file.toString()).isZero();
        assertThat(datasets("kafka.db")).isEqualTo(datasets("file.db"));
        assertThat(columnsIntoOut("kafka.db")).isEqualTo(columnsIntoOut("file.db"));
    }

    /**
     * Two writers of one catalog: a consumer (a child JVM, as a second {@code lumos consume} of the
     * group is) reads the dataset and folds the run's START, and is stopped by the local catalog's
     * test hook just before its write transaction; meanwhile an ingest writes the run's COMPLETE.
     * The consumer's write then merges with what the ingest committed, inside its transaction,
     * instead of writing back what it read before.
     */
    @Test
    void aConsumerWhoseReadIsStaleByItsWriteKeepsTheNewerFactsAnotherWriterCommitted() throws Exception {
        String topic = topic(1);
        produce(topic, List.of(START));
        Path config = config(topic, "g-stale", 10, "");
        Path barrier = Files.createDirectories(dir.resolve("barrier"));
        Path err = dir.resolve("consumer-err.txt");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Dlumos.local.test.barrier=" + barrier,
                "-cp",
                System.getProperty("java.class.path"),
                io.lumos.cli.Main.class.getName(),
                "consume",
                "-c",
                config.toString(),
                "--catalog-path",
                "stale.db",
                "--max-events",
                "1");
        Process consumer = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        try {
            // the consumer has read the catalog (nothing of out yet) and folded the START
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!ready(barrier) && consumer.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ready(barrier))
                    .as("the consumer reached its first write")
                    .isTrue();
            Result newer = run(
                    dir,
                    "ingest",
                    "-c",
                    fileConfig("newer", List.of(COMPLETE)).toString(),
                    "--catalog-path",
                    "stale.db");
            assertThat(newer.code()).as(newer.toString()).isZero();
            Files.writeString(barrier.resolve("go"), "");
            assertThat(consumer.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(consumer.exitValue()).as(Files.readString(err)).isZero();
        } finally {
            consumer.destroyForcibly();
        }
        assertThat(Files.readString(err)).contains("consumed 1 event(s)");
        Dataset out = datasets("stale.db").get(OUT.shortName());
        assertNewer(out);
        assertThat(out.statistics().lastModified()).hasToString("2026-11-01T10:00:00Z");
        assertThat(out.properties().get("lumos.state.openlineage.event_times"))
                .contains("schema=2026-11-01T10:00:00Z", "seen=2026-11-01T10:00:00Z");
    }

    private static boolean ready(Path barrier) throws IOException {
        try (var files = Files.list(barrier)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("ready-"));
        }
    }

    @Test
    void aLaterIngestOfOlderEventsKeepsTheNewerFactsTheCatalogHolds() throws IOException {
        Result newer =
                run(dir, "ingest", "-c", fileConfig("newer", List.of(COMPLETE)).toString(), "--catalog-path", "c.db");
        assertThat(newer.code()).as(newer.toString()).isZero();
        Result older =
                run(dir, "ingest", "-c", fileConfig("older", List.of(START)).toString(), "--catalog-path", "c.db");
        assertThat(older.code()).as(older.toString()).isZero();
        assertNewer(datasets("c.db").get(OUT.shortName()));
        assertThat(columnsIntoOut("c.db")).hasSize(2);
        JsonNode run = JSON.readTree(run(dir, "runs", "list", "-f", "json", "--catalog-path", "c.db")
                        .out())
                .get(0);
        assertThat(run.path("state").asText()).isEqualTo("COMPLETE");
        assertThat(run.path("states").findValuesAsText("state")).containsExactly("START", "COMPLETE");
    }

    // ---- the idle timeout of a consumer that joins a busy group -------------------------------

    /** A member of the group that took every partition and then, busy, does not poll. */
    private static KafkaConsumer<byte[], byte[]> busyMember(String topic, String group) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("group.id", group);
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", "1");
        KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topic));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (c.assignment().size() < 2 && System.nanoTime() < deadline) {
            c.poll(Duration.ofMillis(200));
        }
        assertThat(c.assignment()).hasSize(2);
        return c;
    }

    @Test
    void aShortIdleTimeoutCountsOnlyOnceTheConsumerIsInItsGroup() throws Exception {
        String topic = topic(2);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = String.format("00000000-0000-4000-8000-%012d", 100 + i);
            events.add(event("COMPLETE", "2026-11-02T00:00:" + (10 + i) + "Z", id, schema("id")));
        }
        produce(topic, events);
        Path config = config(topic, "g-idle", 100, "");
        try (KafkaConsumer<byte[], byte[]> busy = busyMember(topic, "g-idle")) {
            // the second member joins; the group waits for the busy one to poll again, longer than
            // the idle timeout: that wait is not idleness
            CompletableFuture<Result> second = CompletableFuture.supplyAsync(() -> consume(config, "idle.db", "2s"));
            Thread.sleep(6000);
            assertThat(second).as("still joining, so not idle").isNotDone();
            busy.poll(Duration.ofMillis(500)); // rejoins: the rebalance completes
            busy.close(Duration.ofSeconds(10)); // and leaves, uncommitted: the second takes all
            Result r = second.get(2, TimeUnit.MINUTES);
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.err()).as(r.toString()).contains("consumed " + events.size() + " event(s)");
            assertThat(r.err()).contains("no event for 2 s; stopping");
        }
    }

    @Test
    void aConsumerThatNeverGetsIntoItsGroupStillStopsAfterTheRebalanceTimeout() throws Exception {
        String topic = topic(2);
        Path config = config(topic, "g-never", 100, "          max.poll.interval.ms: 5000\n");
        try (KafkaConsumer<byte[], byte[]> busy = busyMember(topic, "g-never")) {
            Result r = consume(config, "never.db", "1s");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.err()).contains("not in the consumer group after 5 s (no partitions given); stopping");
            assertThat(r.err()).contains("consumed 0 event(s)");
            assertThat(busy.assignment()).hasSize(2);
        }
    }
}
