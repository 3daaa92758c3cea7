package io.lumos.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {
    private static Map<String, Object> minimal() {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "shop");
        m.put("type", "postgres");
        m.put("url", "jdbc:postgresql://localhost:5432/shop");
        return m;
    }

    @Test
    void everyKeyAndItsDefault() {
        PostgresSettings s = PostgresSettings.from(Settings.of("sources[0]", minimal()));
        assertThat(s.name()).isEqualTo("shop");
        assertThat(s.database()).isEqualTo("shop");
        assertThat(s.user()).isNull();
        assertThat(s.include()).isEmpty();
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.queryTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.platform()).isEqualTo("postgres");
        assertThat(s.includeViews()).isTrue();
        assertThat(s.includeLineage()).isTrue();
        assertThat(s.foreignKeyLineage()).isTrue();
        assertThat(s.viewQueryCheck()).isTrue();
        assertThat(s.exactSizes()).isFalse();

        Map<String, Object> m = minimal();
        m.put("user", "app");
        m.put("password", "hunter22");
        m.put("database", "other");
        m.put("include", List.of("public.*"));
        m.put("exclude", "public.tmp_*");
        m.put("connect_timeout", "2s");
        m.put("query_timeout", "500ms");
        m.put("platform", "postgresql");
        m.put("include_views", "false");
        m.put("include_lineage", false);
        m.put("foreign_key_lineage", "no");
        m.put("view_query_check", "off");
        m.put("exact_sizes", true);
        s = PostgresSettings.from(Settings.of("sources[0]", m));
        assertThat(s.database()).isEqualTo("other");
        assertThat(s.user()).isEqualTo("app");
        assertThat(s.include()).containsExactly("public.*");
        assertThat(s.exclude()).containsExactly("public.tmp_*");
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.queryTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.platform()).isEqualTo("postgresql");
        assertThat(s.includeViews()).isFalse();
        assertThat(s.includeLineage()).isFalse();
        assertThat(s.foreignKeyLineage()).isFalse();
        assertThat(s.viewQueryCheck()).isFalse();
        assertThat(s.exactSizes()).isTrue();
        assertThat(s.toString()).doesNotContain("hunter22").contains("password=****");
    }

    @Test
    void credentialsInTheUrlAreUsedButNeverPrinted() {
        Map<String, Object> m = minimal();
        m.put("url", "postgresql://app:hunter22@db:5433/sales");
        PostgresSettings s = PostgresSettings.from(Settings.of("sources[0]", m));
        assertThat(s.user()).isEqualTo("app");
        assertThat(s.password()).isEqualTo("hunter22");
        assertThat(s.database()).isEqualTo("sales");
        assertThat(s.toString()).doesNotContain("hunter22");
    }

    @Test
    void theDatabaseDefaultsToTheUserLikeLibpq() {
        Map<String, Object> m = minimal();
        m.put("url", "postgresql://db:5432");
        m.put("user", "analyst");
        assertThat(PostgresSettings.from(Settings.of("s", m)).database()).isEqualTo("analyst");
        m.remove("user");
        assertThatThrownBy(() -> PostgresSettings.from(Settings.of("s", m))).hasMessageContaining("name the database");
    }

    @Test
    void unknownKeysAndBadValuesAreConfigErrors() {
        Map<String, Object> m = minimal();
        m.put("incldue", List.of("x"));
        assertThatThrownBy(() -> PostgresSettings.from(Settings.of("sources[0]", m)))
                .isInstanceOfSatisfying(
                        LumosException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessageContaining("did you mean 'include'");
        Map<String, Object> t = minimal();
        t.put("connect_timeout", "90m");
        assertThatThrownBy(() -> PostgresSettings.from(Settings.of("sources[0]", t)))
                .hasMessageContaining("connect_timeout")
                .hasMessageContaining("between 1ms and 1h");
        Map<String, Object> u = minimal();
        u.put("url", "mysql://u:hunter22@x/db");
        assertThatThrownBy(() -> PostgresSettings.from(Settings.of("sources[0]", u)))
                .hasMessageContaining("'url'")
                .hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> PostgresSettings.from(Settings.of("sources[0]", Map.of("name", "x"))))
                .hasMessageContaining("'url' is required");
    }

    @Test
    void scanTargetsBecomeSettingsWithTheSecretsSplitOff() {
        PostgresSourceFactory f = new PostgresSourceFactory();
        assertThat(f.settingsForTarget("s3://bucket/x")).isEmpty();
        Map<String, Object> s = f.settingsForTarget("postgresql://app:hunter22@db:5433/shop?sslmode=require")
                .orElseThrow();
        assertThat(s)
                .containsEntry("name", "shop")
                .containsEntry("url", "jdbc:postgresql://db:5433/shop?sslmode=require")
                .containsEntry("user", "app")
                .containsEntry("password", "hunter22");
        assertThat(Settings.of("scan", s).toString()).doesNotContain("hunter22");
        assertThat(f.settingsForTarget("jdbc:postgresql://db/shop?user=app").orElseThrow())
                .containsEntry("url", "jdbc:postgresql://db:5432/shop")
                .containsEntry("user", "app")
                .doesNotContainKey("password");
        assertThat(f.name()).isEqualTo("postgres");
        assertThat(f.aliases()).containsExactly("postgresql");
        assertThat(f.settingNames()).contains("url", "password", "include", "query_timeout");
    }
}
