package io.lumos.platform.marquez;

import static io.lumos.spi.testing.SettingsAssertions.assertDefaults;
import static io.lumos.spi.testing.SettingsAssertions.assertFullMapping;
import static io.lumos.spi.testing.SettingsAssertions.assertUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.platform.marquez.MarquezSettings.KafkaKeys;
import io.lumos.platform.marquez.MarquezSettings.Keys;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key of {@code platforms.marquez}, its default, and a typo refused (as Airlift's ConfigAssertions). */
class MarquezSettingsKeysTest {
    @Test
    void defaults() {
        assertDefaults(
                Keys.class,
                new Keys(
                        null,
                        null,
                        "lumos",
                        "http",
                        null,
                        null,
                        Duration.ofSeconds(10),
                        4,
                        64,
                        true,
                        Duration.ofMillis(200),
                        new KafkaKeys(null, null, Map.of(), null),
                        null,
                        10_000,
                        10_000,
                        "https://github.com/lumos-metadata/lumos/platform-marquez"));
    }

    @Test
    void everyKeyMaps() {
        assertFullMapping(
                Keys.class,
                Map.ofEntries(
                        Map.entry("url", "http://marquez:5000"),
                        Map.entry("namespace", "shop"),
                        Map.entry("job_namespace", "jobs"),
                        Map.entry("transport", "kafka"),
                        Map.entry("file", "events.jsonl"),
                        Map.entry("api_key", "k3y"),
                        Map.entry("timeout", "3s"),
                        Map.entry("retries", 1L),
                        Map.entry("max_in_flight", "8"),
                        Map.entry("adaptive_in_flight", false),
                        Map.entry("retry_backoff", "1s"),
                        Map.entry(
                                "kafka",
                                Map.of(
                                        "topic", "ol",
                                        "message_key", "k",
                                        "properties", Map.of("acks", "all"),
                                        "bootstrap_servers", "broker:9092")),
                        Map.entry("dead_letter", "dl.jsonl"),
                        Map.entry("cache_size", 5L),
                        Map.entry("lineage_buffer", 7L),
                        Map.entry("producer", "https://example.com/p")),
                new Keys(
                        "http://marquez:5000",
                        "shop",
                        "jobs",
                        "kafka",
                        "events.jsonl",
                        "k3y",
                        Duration.ofSeconds(3),
                        1,
                        8,
                        false,
                        Duration.ofSeconds(1),
                        new KafkaKeys("ol", "k", Map.of("acks", "all"), "broker:9092"),
                        "dl.jsonl",
                        5,
                        7,
                        "https://example.com/p"));
    }

    @Test
    void aTypoIsRefusedWithWhereAndWhatWasMeant() {
        assertUnknownKey(Keys.class, Map.of(), "namspace", "namespace");
    }

    @Test
    void aTypoInsideKafkaToo() {
        Settings s = new Settings(
                "platforms.marquez",
                Map.of("kafka", Map.of("topik", "ol")),
                Map.of("kafka", "lumos.yaml:3:3", "kafka.topik", "lumos.yaml:4:5"));
        assertThatThrownBy(() -> SettingsBinder.bind(Keys.class, s))
                .hasMessageContaining(
                        "lumos.yaml:4:5 (platforms.marquez.kafka.topik): unknown key 'topik'; did you mean 'topic'?");
    }

    @Test
    void theApiKeyIsNeverDescribed() {
        Keys k = SettingsBinder.bind(Keys.class, Settings.of("p", Map.of("api_key", "hunter2")));
        assertThat(k.toString()).contains("api_key=****").doesNotContain("hunter2");
        assertThat(new MarquezAdapterFactory().settingNames()).isEqualTo(SettingsBinder.keys(Keys.class));
    }
}
