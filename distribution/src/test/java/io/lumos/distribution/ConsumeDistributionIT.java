package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lumos consume} from the built distribution: the OpenLineage plugin's kafka-clients sits
 * behind the plugin's class loader (the core has none), which is where class names resolved
 * through the context class loader would fail; a real broker, a quiet console, SIGTERM exits 0.
 */
class ConsumeDistributionIT {
    private static final String TOPIC = "openlineage-events";
    private static KafkaBroker kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start();
        kafka.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static String event(int run, String type, boolean schema) {
        String facets = schema
                ? ", \"facets\": {\"schema\": {\"fields\": [{\"name\": \"id\", \"type\": \"bigint\"},"
                        + " {\"name\": \"city\", \"type\": \"varchar\"}]}}"
                : "";
        return ("{\"eventType\": \"%s\", \"eventTime\": \"2026-11-01T00:%02d:%02dZ\","
                        + " \"producer\": \"https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark\","
                        + " \"run\": {\"runId\": \"00000000-0000-4000-8000-%012d\"},"
                        + " \"job\": {\"namespace\": \"spark\", \"name\": \"etl.job_%d\"},"
                        + " \"inputs\": [{\"namespace\": \"hdfs://nn:8020\", \"name\": \"/raw/in_%d\"%s}],"
                        + " \"outputs\": [{\"namespace\": \"s3a://lake\", \"name\": \"clean/out_%d\"%s}]}")
                .formatted(type, run, schema ? 30 : 0, run, run, run, facets, run, facets);
    }

    private Process lumos(String... args) throws IOException {
        return DistributionHarness.start(dir, dir.resolve("out.txt"), dir.resolve("err.txt"), args);
    }

    /** The group's committed offsets, summed over the topic's partitions. */
    private static long committed(String group) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            return admin
                    .listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .entrySet()
                    .stream()
                    .filter(e -> e.getKey().topic().equals(TOPIC) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        }
    }

    @Test
    void consumesFromTheDistributionThenDrainsOnSigterm() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int run = 0; run < 20; run++) {
                for (String e : List.of(event(run, "START", false), event(run, "COMPLETE", true))) {
                    producer.send(new ProducerRecord<>(
                            TOPIC,
                            ("job_" + run).getBytes(StandardCharsets.UTF_8),
                            e.getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.send(new ProducerRecord<>(
                    TOPIC, "x".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8)));
        }
        Files.writeString(
                dir.resolve("lumos.yaml"),
                """
                lumos_config:
                  platform: local
                  sources:
                    - name: lineage
                      type: openlineage
                      kafka:
                        bootstrap_servers: "%s"
                        topic: %s
                        group: lumos-it
                """
                        .formatted(kafka.bootstrapServers(), TOPIC));
        Process consumer = lumos("consume", "-c", "lumos.yaml");
        Path err = dir.resolve("err.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && committed("lumos-it") < 41) {
            assertThat(consumer.isAlive())
                    .as(Files.exists(err) ? Files.readString(err) : "")
                    .isTrue();
            Thread.sleep(100);
        }
        consumer.destroy(); // SIGTERM
        assertThat(consumer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(err);
        assertThat(consumer.exitValue()).as(log).isZero();
        assertThat(log).contains("consumed 41 event(s)").contains("offsets committed");
        assertThat(log)
                .doesNotContain("] INFO ")
                .doesNotContain("] WARN ")
                .doesNotContain("org.apache.kafka")
                .doesNotContain("ClassNotFound")
                .doesNotContain("Exception");

        Process list = lumos("datasets", "list", "-c", "lumos.yaml", "-f", "json");
        assertThat(list.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("out.txt"));
        assertThat(list.exitValue()).as(Files.readString(err)).isZero();
        assertThat(out).contains("clean/out_0").contains("clean/out_19").contains("/raw/in_7");
        assertThat(Files.readString(dir.resolve(".lumos/dead-letters/consume-lineage.jsonl")))
                .contains("\"topic\":\"" + TOPIC + "\"")
                .contains("not json");
    }
}
