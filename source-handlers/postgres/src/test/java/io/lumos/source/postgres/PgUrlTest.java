package io.lumos.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgUrlTest {
    @Test
    void libpqUriWithCredentials() {
        PgUrl u = PgUrl.parse("postgresql://app:p%40ss:w0rd@db.example.com:6543/shop?sslmode=require");
        assertThat(u.hosts()).containsExactly("db.example.com:6543");
        assertThat(u.database()).isEqualTo("shop");
        assertThat(u.user()).isEqualTo("app");
        assertThat(u.password()).isEqualTo("p@ss:w0rd");
        assertThat(u.parameters()).isEqualTo(Map.of("sslmode", "require"));
        assertThat(u.jdbcUrl("shop")).isEqualTo("jdbc:postgresql://db.example.com:6543/shop");
        assertThat(u.location("shop")).isEqualTo("postgresql://db.example.com:6543/shop");
        assertThat(u.toString()).doesNotContain("p@ss").contains("****");
    }

    @Test
    void jdbcUrlWithUserAndPasswordParameters() {
        PgUrl u = PgUrl.parse("jdbc:postgresql://localhost/shop?user=app&password=secret&ApplicationName=x");
        assertThat(u.hosts()).containsExactly("localhost:5432");
        assertThat(u.user()).isEqualTo("app");
        assertThat(u.password()).isEqualTo("secret");
        assertThat(u.parameters()).isEqualTo(Map.of("ApplicationName", "x"));
    }

    @Test
    void defaultsAndShortForms() {
        PgUrl bare = PgUrl.parse("postgres://");
        assertThat(bare.hosts()).containsExactly("localhost:5432");
        assertThat(bare.database()).isNull();
        assertThat(PgUrl.parse("jdbc:postgresql:shop").database()).isEqualTo("shop");
        assertThat(PgUrl.parse("jdbc:postgresql:shop").hosts()).containsExactly("localhost:5432");
    }

    @Test
    void severalHostsAndIpv6() {
        PgUrl u = PgUrl.parse("postgresql://[::1]:5433,replica:5434/db");
        assertThat(u.hosts()).isEqualTo(List.of("[::1]:5433", "replica:5434"));
        assertThat(u.jdbcUrl("db")).isEqualTo("jdbc:postgresql://[::1]:5433,replica:5434/db");
        // an empty host is named wherever it is in the list, at the end too (a trailing comma)
        assertThatThrownBy(() -> PgUrl.parse("postgresql://a,,b/db")).hasMessageContaining("empty host");
        assertThatThrownBy(() -> PgUrl.parse("postgresql://a,b,/db")).hasMessageContaining("empty host");
    }

    @Test
    void databaseNamesAreEncodedInTheJdbcUrl() {
        PgUrl u = PgUrl.parse("postgresql://h/my%20db");
        assertThat(u.database()).isEqualTo("my db");
        assertThat(u.jdbcUrl("my db")).isEqualTo("jdbc:postgresql://h:5432/my%20db");
        assertThat(u.jdbcUrl("a/b?c")).isEqualTo("jdbc:postgresql://h:5432/a%2Fb%3Fc");
    }

    @Test
    void badUrlsSayWhatIsWrongWithoutRepeatingThePassword() {
        assertThatThrownBy(() -> PgUrl.parse("mysql://x")).hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> PgUrl.parse("postgresql://u:hunter22@h:99999/db"))
                .hasMessageContaining("port out of range")
                .hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> PgUrl.parse("postgresql://u:hunter22@h:abc/db"))
                .hasMessageContaining("not a number")
                .hasMessageNotContaining("hunter22");
        assertThat(PgUrl.looksLikePostgres("JDBC:PostgreSQL://h/db")).isTrue();
        assertThat(PgUrl.looksLikePostgres("s3://bucket")).isFalse();
    }
}
