package io.lumos.platform.marquez;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.Capability;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings, and the file, console and Kafka transports (Kafka without a broker). */
class TransportsTest {
    @TempDir
    Path dir;

    final Adapters adapters = new Adapters();

    static Dataset one() {
        return Dataset.builder(DatasetId.of("csv", "orders"))
                .description("Orders")
                .fields(List.of(Field.of("id", DataType.Primitive.INT64, false)))
                .build();
    }

    @Test
    void settingsHaveDefaultsMaskTheKeyAndRejectTypos() {
        MarquezSettings s = MarquezSettings.from(
                Settings.of("platforms.marquez", Map.of("url", "http://m:5000/api/v1", "api_key", "sekret")),
                adapters.context(dir));
        assertThat(s.url().toString()).isEqualTo("http://m:5000");
        assertThat(s.transport()).isEqualTo(MarquezSettings.Transport.HTTP);
        assertThat(s.deadLetter()).isEqualTo(dir.resolve(".lumos/dead-letters/marquez.jsonl"));
        assertThat(s.namespace()).isNull();
        assertThat(s.jobNamespace()).isEqualTo("lumos");
        assertThat(s.retries()).isEqualTo(4);
        assertThat(s.maxInFlight()).isEqualTo(64);
        assertThat(s.adaptiveInFlight()).isTrue();
        assertThat(s.toString()).doesNotContain("sekret").contains("****");
        assertThatThrownBy(() -> MarquezSettings.from(
                        Settings.of("platforms.marquez", Map.of("nmespace", "x")), adapters.context(dir)))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("did you mean 'namespace'");
        assertThatThrownBy(() -> MarquezSettings.from(
                        Settings.of("platforms.marquez", Map.of("transport", "carrier-pigeon")), adapters.context(dir)))
                .hasMessageContaining("http, file, console or kafka");
        assertThatThrownBy(() -> MarquezSettings.from(
                        Settings.of("platforms.marquez", Map.of("transport", "kafka")), adapters.context(dir)))
                .hasMessageContaining("'topic' is required");
    }

    @Test
    void fileTransportWritesOneEventPerLineAndReadsNeedAUrl() throws Exception {
        Path out = dir.resolve("out/events.jsonl");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("transport", "file");
        s.put("file", out.toString());
        try (MarquezAdapter a = adapters.open(s, dir)) {
            assertThat(a.capabilities()).doesNotContain(Capability.READ).contains(Capability.WRITE, Capability.RUNS);
            a.writeDatasets(List.of(one(), one()));
            a.flush();
            assertThat(a.report().sent()).isEqualTo(2);
            assertThatThrownBy(() -> a.dataset(one().id())).isInstanceOf(LumosException.class);
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .isEqualTo(lines.get(1))
                .contains("$defs/DatasetEvent")
                .doesNotContain("\n");
    }

    @Test
    void consoleTransportPrintsEvents() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, Object> s = Map.of("transport", "console");
        MarquezSettings settings = MarquezSettings.from(Settings.of("platforms.marquez", s), adapters.context(dir));
        try (MarquezAdapter a = new MarquezAdapter(
                settings, adapters.context(dir), new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            a.writeDatasets(List.of(one()));
            a.flush();
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("\"name\":\"orders\"")
                .contains("DatasetEvent");
    }

    /**
     * No broker here: the producer is built and the event serialised; sending times out, and the
     * event must land in the dead-letter file rather than vanish.
     */
    @Test
    void kafkaTransportDeadLettersWhatTheBrokerDidNotTake() throws Exception {
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("topic", "openlineage");
        kafka.put("bootstrap_servers", "127.0.0.1:9");
        kafka.put(
                "properties",
                Map.of(
                        "max.block.ms",
                        "300",
                        "delivery.timeout.ms",
                        "600",
                        "request.timeout.ms",
                        "300",
                        "linger.ms",
                        "0"));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("transport", "kafka");
        s.put("kafka", kafka);
        s.put("retries", 0);
        s.put("timeout", "1s");
        s.put("dead_letter", dir.resolve("dead.jsonl").toString());
        try (MarquezAdapter a = adapters.open(s, dir)) {
            a.writeDatasets(List.of(one()));
            a.flush();
            assertThat(a.report().sent()).isZero();
            assertThat(a.report().failed()).isEqualTo(1);
            List<DeadLetter> dead = DeadLetterFile.read(dir.resolve("dead.jsonl"));
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).payload()).contains("$defs/DatasetEvent");
            assertThat(dead.get(0).error()).startsWith("Kafka");
        }
    }
}
