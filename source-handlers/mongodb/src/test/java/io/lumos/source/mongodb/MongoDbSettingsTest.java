package io.lumos.source.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MongoDbSettingsTest {
    private final MongoDbSourceFactory factory = new MongoDbSourceFactory();

    @Test
    void everyKeyAndDefault() {
        MongoDbSettings d = MongoDbSettings.from(Settings.of("sources[0]", Map.of("uri", "mongodb://h:1")));
        assertThat(d.database()).isNull();
        assertThat(d.sampleSize()).isEqualTo(1000);
        assertThat(d.maxFields()).isEqualTo(300);
        assertThat(d.randomSampling()).isTrue();
        assertThat(d.serverSelectionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.socketTimeout()).isEqualTo(Duration.ofSeconds(60));

        MongoDbSettings s = MongoDbSettings.from(Settings.of(
                "sources[0]",
                Map.ofEntries(
                        Map.entry("name", "app"),
                        Map.entry("type", "mongodb"),
                        Map.entry("uri", "mongodb://u:pw@h:1/fromuri"),
                        Map.entry("database", "app"),
                        Map.entry("collections", List.of("users", "app.orders*")),
                        Map.entry("exclude", List.of("*_tmp")),
                        Map.entry("sample_size", 50),
                        Map.entry("max_fields", 20),
                        Map.entry("random_sampling", false),
                        Map.entry("server_selection_timeout", "2s"),
                        Map.entry("connect_timeout", "500ms"),
                        Map.entry("socket_timeout", "1m"))));
        assertThat(s.name()).isEqualTo("app");
        assertThat(s.database()).isEqualTo("app");
        assertThat(s.sampleSize()).isEqualTo(50);
        assertThat(s.maxFields()).isEqualTo(20);
        assertThat(s.randomSampling()).isFalse();
        assertThat(s.serverSelectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.socketTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.selects("app", "users")).isTrue();
        assertThat(s.selects("app", "orders_2024")).isTrue();
        assertThat(s.selects("other", "orders_2024")).isFalse();
        assertThat(s.selects("app", "orders_tmp")).isFalse();
        assertThat(s.selects("app", "events")).isFalse();
        assertThat(s.toString()).contains("u:****@h:1").doesNotContain("pw");
        assertThat(s.hosts()).isEqualTo("mongodb://h:1");
    }

    @Test
    void theDatabaseInTheUriIsUsedWhenNotSet() {
        assertThat(MongoDbSettings.from(Settings.of("s", Map.of("uri", "mongodb://h/shop")))
                        .database())
                .isEqualTo("shop");
    }

    @Test
    void badValuesAreOneClearLine() {
        assertThatThrownBy(() -> MongoDbSettings.from(Settings.of("s", Map.of("uri", "mongodb://h", "sampel_size", 3))))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("did you mean 'sample_size'");
        assertThatThrownBy(() -> MongoDbSettings.from(Settings.of("s", Map.of("uri", "http://u:secret@h"))))
                .isInstanceOf(LumosException.class)
                .matches(e -> ((LumosException) e).code() == ErrorCode.CONFIG_INVALID)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() ->
                        MongoDbSettings.from(Settings.of("s", Map.of("uri", "mongodb://h", "socket_timeout", "0s"))))
                .hasMessageContaining("between 1ms and 1h");
    }

    @Test
    void targetsAndNames() {
        assertThat(factory.name()).isEqualTo("mongodb");
        assertThat(factory.aliases()).containsExactly("mongo");
        assertThat(factory.settingsForTarget("mongodb://h:27017/app")).contains(Map.of("uri", "mongodb://h:27017/app"));
        assertThat(factory.settingsForTarget("mongodb+srv://c.example.net/app")).isPresent();
        assertThat(factory.settingsForTarget("s3://b/p")).isEmpty();
        assertThat(MongoDbSettings.mask("mongodb+srv://user:p%40ss@c.net/db"))
                .isEqualTo("mongodb+srv://user:****@c.net/db");
    }
}
