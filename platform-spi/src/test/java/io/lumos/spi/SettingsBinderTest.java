package io.lumos.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.spi.testing.SettingsAssertions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsBinderTest {
    enum Mode {
        FAST,
        SAFE_WRITE
    }

    record Kafka(@Setting(name = "topic") String topic, @Setting(name = "properties") Map<String, String> properties) {}

    record Keys(
            @Setting(name = "url", fallback = "http://localhost:5000") String url,
            @Setting(name = "token", secret = true) String token,
            @Setting(name = "retries", fallback = "4") int retries,
            @Setting(name = "max_bytes", fallback = "1024") long maxBytes,
            @Setting(name = "share", fallback = "0.2") double share,
            @Setting(name = "enabled", fallback = "true") boolean enabled,
            @Setting(name = "timeout", fallback = "10s") Duration timeout,
            @Setting(name = "mode", fallback = "fast") Mode mode,
            @Setting(name = "include") List<String> include,
            @Setting(name = "kafka") Kafka kafka) {}

    private static final Keys DEFAULTS = new Keys(
            "http://localhost:5000",
            null,
            4,
            1024,
            0.2,
            true,
            Duration.ofSeconds(10),
            Mode.FAST,
            List.of(),
            new Kafka(null, Map.of()));

    @Test
    void defaults() {
        SettingsAssertions.assertDefaults(Keys.class, DEFAULTS);
    }

    @Test
    void everyKeyMaps() {
        SettingsAssertions.assertFullMapping(
                Keys.class,
                Map.of(
                        "url", "http://m:5000",
                        "token", "t0k",
                        "retries", 2L,
                        "max_bytes", "2048",
                        "share", 0.5,
                        "enabled", "off",
                        "timeout", "5m",
                        "mode", "safe-write",
                        "include", "a*",
                        "kafka", Map.of("topic", "t", "properties", Map.of("acks", "all", "linger.ms", 5L))),
                new Keys(
                        "http://m:5000",
                        "t0k",
                        2,
                        2048,
                        0.5,
                        false,
                        Duration.ofMinutes(5),
                        Mode.SAFE_WRITE,
                        List.of("a*"),
                        new Kafka("t", Map.of("acks", "all", "linger.ms", "5"))));
    }

    @Test
    void anUnknownKeySaysWhereAndWhatWasMeant() {
        SettingsAssertions.assertUnknownKey(Keys.class, Map.of(), "retires", "retries");
        assertThatThrownBy(() -> SettingsBinder.bind(
                        Keys.class,
                        new Settings(
                                "platforms.m",
                                Map.of("kafka", Map.of("topc", "x")),
                                Map.of("kafka", "c.yaml:2:3", "kafka.topc", "c.yaml:3:5"))))
                .hasMessageContaining("c.yaml:3:5 (platforms.m.kafka.topc): unknown key 'topc'; did you mean 'topic'?");
    }

    @Test
    void everyProblemAtOnceAndNoSecretInThem() {
        Settings s = new Settings(
                "platforms.m",
                Map.of("retries", "many", "mode", "fsat", "token", Map.of("a", "hunter2"), "timeout", "soon"),
                Map.of("retries", "c.yaml:4:3", "mode", "c.yaml:5:3"));
        assertThatThrownBy(() -> SettingsBinder.bind(Keys.class, s))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("c.yaml:4:3 (platforms.m.retries): 'retries' must be a whole number, not 'many'")
                .hasMessageContaining("c.yaml:5:3 (platforms.m.mode): 'mode' must be one of fast, safe_write, not"
                        + " 'fsat'; did you mean 'fast'?")
                .hasMessageContaining("'timeout' must be a duration")
                .hasMessageContaining("'token' is not valid (a secret: the value is not shown)")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void keysAndDescribeWithoutSecrets() {
        assertThat(SettingsBinder.keys(Keys.class))
                .containsExactlyInAnyOrder(
                        "url",
                        "token",
                        "retries",
                        "max_bytes",
                        "share",
                        "enabled",
                        "timeout",
                        "mode",
                        "include",
                        "kafka");
        Keys k = SettingsBinder.bind(Keys.class, Settings.of("p", Map.of("token", "hunter2", "url", "http://u:pw@h")));
        assertThat(SettingsBinder.describe(k))
                .startsWith("Keys[url=http://u:****@h, token=****, retries=4")
                .contains("kafka=Kafka[topic=null")
                .doesNotContain("hunter2");
    }

    record Broken(@Setting(name = "n") int n) {}

    @Test
    void aPrimitiveWithoutFallbackIsAMistakeOfThePlugin() {
        assertThatThrownBy(() -> SettingsBinder.bind(Broken.class, Settings.empty("p")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a fallback");
    }
}
