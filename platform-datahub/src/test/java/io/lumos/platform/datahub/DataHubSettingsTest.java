package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataHubSettingsTest {
    @TempDir
    Path dir;

    private DataHubSettings parse(Map<String, Object> values) {
        return DataHubSettings.from(Settings.of("platforms.datahub", values), Adapters.context(dir));
    }

    @Test
    void defaults() {
        DataHubSettings s = parse(Map.of());
        assertThat(s.server()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(s.token()).isNull();
        assertThat(s.transport()).isEqualTo(DataHubSettings.Transport.REST);
        assertThat(s.batchSize()).isEqualTo(100);
        assertThat(s.maxBatchBytes()).isEqualTo(15L * 1024 * 1024);
        assertThat(s.maxInFlight()).isEqualTo(8);
        assertThat(s.retries()).isEqualTo(5);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.disableSslVerification()).isFalse();
        assertThat(s.deadLetter()).isEqualTo(dir.resolve(".lumos/dead-letters/datahub-20260102T030405Z.jsonl"));
        assertThat(s.semantics()).isEqualTo(DataHubSettings.Semantics.PATCH);
    }

    @Test
    void semanticsIsPatchOrOverwrite() {
        assertThat(parse(Map.of("semantics", "OverWrite")).semantics()).isEqualTo(DataHubSettings.Semantics.OVERWRITE);
        assertThatThrownBy(() -> parse(Map.of("semantics", "merge")))
                .hasMessageContaining("semantics")
                .hasMessageContaining("patch")
                .hasMessageContaining("overwrite")
                .hasMessageContaining("'merge'");
    }

    @Test
    void everyKey() {
        DataHubSettings s = parse(Map.ofEntries(
                Map.entry("server", "https://gms.example.com/"),
                Map.entry("token", "abc"),
                Map.entry("transport", "file"),
                Map.entry("file", "out/mcps.json"),
                Map.entry("batch_size", 250),
                Map.entry("max_batch_bytes", 1_000_000),
                Map.entry("max_in_flight", 3),
                Map.entry("retries", 2),
                Map.entry("timeout", "2s"),
                Map.entry("retry_backoff", "100ms"),
                Map.entry("disable_ssl_verification", true),
                Map.entry("kafka", Map.of("bootstrap", "k:9092", "schema_registry_url", "http://r:8081")),
                Map.entry("dead_letter", "dl.jsonl")));
        assertThat(s.server()).isEqualTo(URI.create("https://gms.example.com"));
        assertThat(s.file()).isEqualTo(dir.resolve("out/mcps.json"));
        assertThat(s.batchSize()).isEqualTo(250);
        assertThat(s.maxBatchBytes()).isEqualTo(1_000_000);
        assertThat(s.maxInFlight()).isEqualTo(3);
        assertThat(s.retries()).isEqualTo(2);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.retryBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.disableSslVerification()).isTrue();
        assertThat(s.kafkaBootstrap()).isEqualTo("k:9092");
        assertThat(s.schemaRegistryUrl()).isEqualTo("http://r:8081");
        assertThat(s.deadLetter()).isEqualTo(dir.resolve("dl.jsonl"));
    }

    @Test
    void theTokenIsNeverPrinted() {
        DataHubSettings s = parse(Map.of("token", "very-secret"));
        assertThat(s.toString()).doesNotContain("very-secret").contains("token=****");
        assertThat(Settings.of("platforms.datahub", Map.of("token", "very-secret"))
                        .toString())
                .doesNotContain("very-secret");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> parse(Map.of("transprt", "rest")))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("did you mean 'transport'");
        assertThatThrownBy(() -> parse(Map.of("transport", "ftp"))).hasMessageContaining("rest, file or kafka");
        assertThatThrownBy(() -> parse(Map.of("transport", "file"))).hasMessageContaining("'file' is required");
        assertThatThrownBy(() -> parse(Map.of("max_batch_bytes", 20_000_000))).hasMessageContaining("16 MB");
        assertThatThrownBy(() -> parse(Map.of("server", "localhost:8080"))).hasMessageContaining("http://");
    }
}
