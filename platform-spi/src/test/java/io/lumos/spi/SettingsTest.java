package io.lumos.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private final Settings s = new Settings(
            "platforms.datahub",
            Map.of(
                    "server",
                    "http://gms:8080",
                    "timeout",
                    "1500ms",
                    "retries",
                    3,
                    "token",
                    "secret",
                    "tls",
                    "no",
                    "nested",
                    Map.of("a", 1)),
            Map.of("retries", "lumos.yaml:4:7"));

    @Test
    void typedGettersWithDefaults() {
        assertThat(s.string("server", null)).isEqualTo("http://gms:8080");
        assertThat(s.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.integer("retries", 0)).isEqualTo(3);
        assertThat(s.bool("tls", true)).isFalse();
        assertThat(s.integer("missing", 7)).isEqualTo(7);
        assertThat(s.child("nested").integer("a", 0)).isEqualTo(1);
        assertThat(s.strings("server")).isEqualTo(List.of("http://gms:8080"));
    }

    @Test
    void errorsNameWhereTheKeyWasWritten() {
        assertThatThrownBy(() -> s.bool("server", false))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("platforms.datahub.server")
                .hasMessageContaining("true or false");
        assertThat(s.duration("retries", Duration.ZERO)).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.where("retries")).startsWith("lumos.yaml:4:7");
    }

    @Test
    void unknownKeysGetADidYouMean() {
        assertThat(s.unknownKeys(Set.of("server", "timeout", "retries", "token", "tls", "nestd")))
                .singleElement()
                .asString()
                .contains("unknown key 'nested'; did you mean 'nestd'?");
        assertThat(Settings.didYouMean("platfrom", Set.of("platform", "sources")))
                .isEqualTo("platform");
        assertThat(Settings.didYouMean("zzz", Set.of("platform"))).isNull();
    }

    @Test
    void secretsAreMasked() {
        assertThat(s.toString()).contains("token=****").doesNotContain("secret");
    }
}
