package io.lumos.source.mongodb;

import static io.lumos.spi.testing.SettingsAssertions.assertDefaults;
import static io.lumos.spi.testing.SettingsAssertions.assertFullMapping;
import static io.lumos.spi.testing.SettingsAssertions.assertUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.source.mongodb.MongoDbSettings.Keys;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key of a mongodb source, its default, and a typo refused (as Airlift's ConfigAssertions). */
class MongoDbSettingsKeysTest {
    @Test
    void defaults() {
        assertDefaults(
                Keys.class,
                new Keys(
                        "mongodb",
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        1000,
                        300,
                        true,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(60)));
    }

    @Test
    void everyKeyMaps() {
        assertFullMapping(
                Keys.class,
                Map.ofEntries(
                        Map.entry("name", "app"),
                        Map.entry("type", "mongo"),
                        Map.entry("uri", "mongodb://u:pw@h:27017/app"),
                        Map.entry("database", "shop"),
                        Map.entry("collections", List.of("orders", "shop.users")),
                        Map.entry("exclude", "tmp_*"),
                        Map.entry("sample_size", 50L),
                        Map.entry("max_fields", "20"),
                        Map.entry("random_sampling", false),
                        Map.entry("server_selection_timeout", "2s"),
                        Map.entry("connect_timeout", "500ms"),
                        Map.entry("socket_timeout", "5m")),
                new Keys(
                        "app",
                        "mongo",
                        "mongodb://u:pw@h:27017/app",
                        "shop",
                        List.of("orders", "shop.users"),
                        List.of("tmp_*"),
                        50,
                        20,
                        false,
                        Duration.ofSeconds(2),
                        Duration.ofMillis(500),
                        Duration.ofMinutes(5)));
    }

    @Test
    void aTypoIsRefusedWithWhereAndWhatWasMeant() {
        assertUnknownKey(Keys.class, Map.of("uri", "mongodb://h"), "sample_sise", "sample_size");
    }

    @Test
    void theUriIsASecretInEveryDescription() {
        Keys k = SettingsBinder.bind(Keys.class, Settings.of("sources[0]", Map.of("uri", "mongodb://u:hunter2@h")));
        assertThat(k.toString()).contains("uri=****").doesNotContain("hunter2");
        assertThat(new MongoDbSourceFactory().settingNames()).isEqualTo(SettingsBinder.keys(Keys.class));
    }
}
