package io.lumos.source.postgres;

import static io.lumos.spi.testing.SettingsAssertions.assertDefaults;
import static io.lumos.spi.testing.SettingsAssertions.assertFullMapping;
import static io.lumos.spi.testing.SettingsAssertions.assertUnknownKey;

import io.lumos.source.postgres.PostgresSettings.Keys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key of a postgres source, its default, and a typo refused (as Airlift's ConfigAssertions). */
class PostgresSettingsKeysTest {
    @Test
    void defaults() {
        assertDefaults(
                Keys.class,
                new Keys(
                        "postgres",
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(60),
                        "postgres",
                        true,
                        true,
                        true,
                        true,
                        false));
    }

    @Test
    void everyKeyMaps() {
        assertFullMapping(
                Keys.class,
                Map.ofEntries(
                        Map.entry("name", "shop"),
                        Map.entry("type", "postgresql"),
                        Map.entry("url", "postgresql://db:5432/shop"),
                        Map.entry("user", "app"),
                        Map.entry("password", "pw"),
                        Map.entry("database", "sales"),
                        Map.entry("include", List.of("public.*")),
                        Map.entry("exclude", "tmp_*"),
                        Map.entry("connect_timeout", "3s"),
                        Map.entry("query_timeout", "2m"),
                        Map.entry("platform", "redshift"),
                        Map.entry("include_views", false),
                        Map.entry("include_lineage", "no"),
                        Map.entry("foreign_key_lineage", false),
                        Map.entry("view_query_check", false),
                        Map.entry("exact_sizes", true)),
                new Keys(
                        "shop",
                        "postgresql",
                        "postgresql://db:5432/shop",
                        "app",
                        "pw",
                        "sales",
                        List.of("public.*"),
                        List.of("tmp_*"),
                        Duration.ofSeconds(3),
                        Duration.ofMinutes(2),
                        "redshift",
                        false,
                        false,
                        false,
                        false,
                        true));
    }

    @Test
    void aTypoIsRefusedWithWhereAndWhatWasMeant() {
        assertUnknownKey(Keys.class, Map.of("url", "postgresql://db/shop"), "incude", "include");
    }

    @Test
    void theFactoryDeclaresTheRecordsKeys() {
        org.assertj.core.api.Assertions.assertThat(new PostgresSourceFactory().settingNames())
                .isEqualTo(io.lumos.spi.SettingsBinder.keys(Keys.class))
                .hasSize(Keys.class.getRecordComponents().length);
    }
}
