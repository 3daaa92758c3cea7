package io.lumos.source.openlineage;

import static io.lumos.spi.testing.SettingsAssertions.assertDefaults;
import static io.lumos.spi.testing.SettingsAssertions.assertFullMapping;
import static io.lumos.spi.testing.SettingsAssertions.assertUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key of an openlineage source and its kafka block, the defaults, and typos refused. */
class OpenLineageSettingsTest {
    private static final KafkaSettings.Keys KAFKA_DEFAULTS =
            new KafkaSettings.Keys(null, null, null, null, null, 20_000, Duration.ofSeconds(2));

    @Test
    void defaults() {
        assertDefaults(
                OpenLineageSettings.class,
                new OpenLineageSettings(
                        null, null, List.of(), List.of(), List.of(), null, true, false, true, KAFKA_DEFAULTS));
    }

    @Test
    void everyKeyMaps() {
        Map<String, Object> namespaces = Map.of("s3://b", Map.of("platform", "s3"));
        Map<String, Object> properties = Map.of("security.protocol", "SASL_SSL");
        assertFullMapping(
                OpenLineageSettings.class,
                Map.of(
                        "name",
                        "ol",
                        "type",
                        "openlineage",
                        "path",
                        "events",
                        "paths",
                        List.of("a.jsonl", "b.jsonl"),
                        "exclude",
                        "*.tmp",
                        "namespaces",
                        namespaces,
                        "prefer_symlinks",
                        false,
                        "datasets_without_schema",
                        true,
                        "runs",
                        false,
                        "kafka",
                        Map.of(
                                "bootstrap_servers", "b:9092",
                                "bootstrap", "c:9092",
                                "topic", "events",
                                "group", "g",
                                "properties", properties,
                                "batch_events", 10L,
                                "batch_wait", "500ms")),
                new OpenLineageSettings(
                        "ol",
                        "openlineage",
                        List.of("events"),
                        List.of("a.jsonl", "b.jsonl"),
                        List.of("*.tmp"),
                        namespaces,
                        false,
                        true,
                        false,
                        new KafkaSettings.Keys(
                                "b:9092", "c:9092", "events", "g", properties, 10, Duration.ofMillis(500))));
    }

    @Test
    void typosAreRefusedWithWhereAndWhatWasMeant() {
        assertUnknownKey(OpenLineageSettings.class, Map.of(), "pth", "path");
        assertUnknownKey(KafkaSettings.Keys.class, Map.of(), "topik", "topic");
        assertThat(new OpenLineageSourceFactory().settingNames()).contains("path", "kafka", "namespaces");
    }
}
