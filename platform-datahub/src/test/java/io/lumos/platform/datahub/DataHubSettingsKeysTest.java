package io.lumos.platform.datahub;

import static io.lumos.spi.testing.SettingsAssertions.assertDefaults;
import static io.lumos.spi.testing.SettingsAssertions.assertFullMapping;
import static io.lumos.spi.testing.SettingsAssertions.assertUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.platform.datahub.DataHubSettings.KafkaKeys;
import io.lumos.platform.datahub.DataHubSettings.Keys;
import io.lumos.spi.SettingsBinder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key of {@code platforms.datahub}, its default, and a typo refused (as Airlift's ConfigAssertions). */
class DataHubSettingsKeysTest {
    @Test
    void defaults() {
        assertDefaults(
                Keys.class,
                new Keys(
                        null,
                        null,
                        "rest",
                        null,
                        100,
                        DataHubSettings.GMS_LIMIT_BYTES,
                        8,
                        5,
                        Duration.ofSeconds(30),
                        Duration.ofMillis(250),
                        false,
                        new KafkaKeys(null, null, Map.of()),
                        null,
                        "patch"));
    }

    @Test
    void everyKeyMaps() {
        assertFullMapping(
                Keys.class,
                Map.ofEntries(
                        Map.entry("server", "https://gms:8080"),
                        Map.entry("token", "t0k"),
                        Map.entry("transport", "kafka"),
                        Map.entry("file", "out.json"),
                        Map.entry("batch_size", 50L),
                        Map.entry("max_batch_bytes", 4096L),
                        Map.entry("max_in_flight", "2"),
                        Map.entry("retries", 1L),
                        Map.entry("timeout", "5s"),
                        Map.entry("retry_backoff", "1s"),
                        Map.entry("disable_ssl_verification", true),
                        Map.entry(
                                "kafka",
                                Map.of(
                                        "bootstrap", "broker:9092",
                                        "schema_registry_url", "http://registry:8081",
                                        "producer_config", Map.of("acks", "all"))),
                        Map.entry("dead_letter", "dl.jsonl"),
                        Map.entry("semantics", "overwrite")),
                new Keys(
                        "https://gms:8080",
                        "t0k",
                        "kafka",
                        "out.json",
                        50,
                        4096,
                        2,
                        1,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(1),
                        true,
                        new KafkaKeys("broker:9092", "http://registry:8081", Map.of("acks", "all")),
                        "dl.jsonl",
                        "overwrite"));
    }

    @Test
    void aTypoIsRefusedWithWhereAndWhatWasMeant() {
        assertUnknownKey(Keys.class, Map.of(), "tranport", "transport");
    }

    @Test
    void theTokenIsNeverDescribed() {
        Keys k = SettingsBinder.bind(Keys.class, io.lumos.spi.Settings.of("p", Map.of("token", "hunter2")));
        assertThat(k.toString()).contains("token=****").doesNotContain("hunter2");
        assertThat(new DataHubAdapterFactory().settingNames()).isEqualTo(SettingsBinder.keys(Keys.class));
    }
}
