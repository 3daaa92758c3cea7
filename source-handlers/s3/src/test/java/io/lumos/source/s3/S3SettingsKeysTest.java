package io.lumos.source.s3;

import static io.lumos.spi.testing.SettingsAssertions.assertDefaults;
import static io.lumos.spi.testing.SettingsAssertions.assertFullMapping;
import static io.lumos.spi.testing.SettingsAssertions.assertUnknownKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.source.s3.S3Settings.Keys;
import io.lumos.spi.SettingsBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every key of an s3 source, its default, and a typo refused (as Airlift's ConfigAssertions). */
class S3SettingsKeysTest {
    @Test
    void defaults() {
        assertDefaults(
                Keys.class,
                new Keys(
                        "s3",
                        null,
                        null,
                        null,
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        1,
                        16,
                        3,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(60),
                        "s3",
                        false,
                        1000,
                        1L << 20,
                        Map.of(),
                        null));
    }

    @Test
    void everyKeyMaps() {
        List<Object> specs =
                List.of("s3://b/{table}/*.parquet", Map.of("include", "s3://b/x/*", "exclude", "s3://b/x/_tmp"));
        assertFullMapping(
                Keys.class,
                Map.ofEntries(
                        Map.entry("name", "lake"),
                        Map.entry("type", "s3"),
                        Map.entry("path_specs", specs),
                        Map.entry("path", "s3://b/p"),
                        Map.entry("exclude", List.of("s3://b/**/_tmp/**")),
                        Map.entry("endpoint", "http://minio:9000"),
                        Map.entry("path_style", false),
                        Map.entry("region", "eu-west-1"),
                        Map.entry("access_key_id", "AKIA1"),
                        Map.entry("secret_access_key", "s3cr3t"),
                        Map.entry("session_token", "tok"),
                        Map.entry("anonymous", true),
                        Map.entry("sample_files", 3L),
                        Map.entry("max_concurrency", "8"),
                        Map.entry("max_attempts", 5L),
                        Map.entry("connect_timeout", "2s"),
                        Map.entry("request_timeout", "5m"),
                        Map.entry("platform", "minio"),
                        Map.entry("include_hidden", "yes"),
                        Map.entry("sample_rows", 10L),
                        Map.entry("max_sample_bytes", 4096L),
                        Map.entry("options", Map.of("delimiter", ";")),
                        Map.entry("default_extension", "csv")),
                new Keys(
                        "lake",
                        "s3",
                        specs,
                        "s3://b/p",
                        List.of("s3://b/**/_tmp/**"),
                        "http://minio:9000",
                        false,
                        "eu-west-1",
                        "AKIA1",
                        "s3cr3t",
                        "tok",
                        true,
                        3,
                        8,
                        5,
                        Duration.ofSeconds(2),
                        Duration.ofMinutes(5),
                        "minio",
                        true,
                        10,
                        4096,
                        Map.of("delimiter", ";"),
                        "csv"));
    }

    @Test
    void aTypoIsRefusedWithWhereAndWhatWasMeant() {
        assertUnknownKey(Keys.class, Map.of("path", "s3://b/p"), "max_concurency", "max_concurrency");
    }

    @Test
    void secretsAreNeverDescribed() {
        Keys k = SettingsBinder.bind(
                Keys.class,
                io.lumos.spi.Settings.of("s", Map.of("secret_access_key", "s3cr3t", "session_token", "t0k3n")));
        assertThat(k.toString()).doesNotContain("s3cr3t").doesNotContain("t0k3n");
        assertThat(new S3SourceFactory().settingNames()).isEqualTo(SettingsBinder.keys(Keys.class));
    }
}
