package io.lumos.source.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.spi.PluginContext;
import io.lumos.spi.Reporter;
import io.lumos.spi.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
    private static PluginContext context(Map<String, String> env) {
        return new PluginContext(
                Path.of("."), Path.of(".lumos"), "PROD", Clock.systemUTC(), env, List.of(), Reporter.SILENT);
    }

    @Test
    void defaults() {
        S3Settings s = S3Settings.from(Settings.of("sources[0]", Map.of("path", "s3://b/p")), context(Map.of()));
        assertThat(s.path()).isEqualTo(new S3Uri("b", "p"));
        assertThat(s.specs()).isEmpty();
        assertThat(s.endpoint()).isNull();
        assertThat(s.pathStyle()).isFalse();
        assertThat(s.region()).isEqualTo("us-east-1");
        assertThat(s.sampleFiles()).isEqualTo(1);
        assertThat(s.maxConcurrency()).isEqualTo(16);
        assertThat(s.maxAttempts()).isEqualTo(3);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.platform()).isEqualTo("s3");
        assertThat(s.maxSampleBytes()).isEqualTo(1L << 20);
    }

    @Test
    void everyKey() {
        S3Settings s = S3Settings.from(
                Settings.of(
                        "sources[1]",
                        Map.ofEntries(
                                Map.entry("name", "lake"),
                                Map.entry("type", "s3"),
                                Map.entry(
                                        "path_specs",
                                        List.of(
                                                "s3://b/w/{table}/*.parquet",
                                                Map.of(
                                                        "include",
                                                        "s3://c/{table}/*.csv",
                                                        "exclude",
                                                        List.of("s3://c/tmp/**")))),
                                Map.entry("exclude", List.of("s3://b/**/_x/**")),
                                Map.entry("endpoint", "http://127.0.0.1:9000"),
                                Map.entry("region", "eu-west-1"),
                                Map.entry("access_key_id", "AKIA"),
                                Map.entry("secret_access_key", "s3cr3t"),
                                Map.entry("sample_files", 3),
                                Map.entry("max_concurrency", 4),
                                Map.entry("max_attempts", 2),
                                Map.entry("connect_timeout", "2s"),
                                Map.entry("request_timeout", "5s"),
                                Map.entry("platform", "minio"),
                                Map.entry("include_hidden", true),
                                Map.entry("sample_rows", 100),
                                Map.entry("max_sample_bytes", 4096),
                                Map.entry("options", Map.of("delimiter", ";")))),
                context(Map.of()));
        assertThat(s.name()).isEqualTo("lake");
        assertThat(s.specs())
                .extracting(PathSpec::include)
                .containsExactly("s3://b/w/{table}/*.parquet", "s3://c/{table}/*.csv");
        assertThat(s.exclude()).containsExactly("s3://b/**/_x/**", "s3://c/tmp/**");
        assertThat(s.endpoint()).hasToString("http://127.0.0.1:9000");
        assertThat(s.pathStyle()).isTrue(); // defaults to true with an endpoint
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.sampleFiles()).isEqualTo(3);
        assertThat(s.maxConcurrency()).isEqualTo(4);
        assertThat(s.maxAttempts()).isEqualTo(2);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.platform()).isEqualTo("minio");
        assertThat(s.includeHidden()).isTrue();
        assertThat(s.sampleRows()).isEqualTo(100);
        assertThat(s.maxSampleBytes()).isEqualTo(4096);
        assertThat(s.formatOptions()).containsEntry("delimiter", ";");
        assertThat(s.toString()).doesNotContain("s3cr3t").doesNotContain("AKIA");
    }

    @Test
    void aDefaultExtensionPerSpecOrForTheSource() {
        PluginContext withLines = new PluginContext(
                Path.of("."),
                Path.of(".lumos"),
                "PROD",
                Clock.systemUTC(),
                Map.of(),
                List.of(new LinesReader()),
                Reporter.SILENT);
        S3Settings s = S3Settings.from(
                Settings.of(
                        "s",
                        Map.of(
                                "default_extension",
                                "LINES",
                                "path_specs",
                                List.of(
                                        "s3://b/a/{table}/*",
                                        Map.of("include", "s3://b/c/{table}/*", "default_extension", ".lines")))),
                withLines);
        assertThat(s.defaultExtension("s3://b/a/{table}/*")).isEqualTo(".lines");
        assertThat(s.defaultExtension("s3://b/c/{table}/*")).isEqualTo(".lines");
        assertThatThrownBy(() -> S3Settings.from(
                        Settings.of("s", Map.of("path", "s3://b", "default_extension", "orc")), withLines))
                .hasMessageContaining("no installed reader reads .orc files");
        assertThatThrownBy(() -> S3Settings.from(
                        Settings.of("s", Map.of("path_specs", List.of(Map.of("include", "s3://b/x", "defaults", "x")))),
                        withLines))
                .hasMessageContaining("not 'defaults'");
    }

    @Test
    void theEnvironmentCanNameTheEndpoint() {
        S3Settings s = S3Settings.from(
                Settings.of("s", Map.of("path", "s3://b")),
                context(Map.of("AWS_ENDPOINT_URL", "http://localhost:8081", "AWS_REGION", "eu-central-1")));
        assertThat(s.endpoint()).hasToString("http://localhost:8081");
        assertThat(s.pathStyle()).isTrue();
        assertThat(s.region()).isEqualTo("eu-central-1");
    }

    @Test
    void mistakesAreOneClearLine() {
        PluginContext c = context(Map.of());
        assertThatThrownBy(() -> S3Settings.from(Settings.of("s", Map.of()), c)).hasMessageContaining("either 'path");
        assertThatThrownBy(() -> S3Settings.from(Settings.of("s", Map.of("path", "s3://b", "max_concurency", 2)), c))
                .hasMessageContaining("did you mean 'max_concurrency'");
        assertThatThrownBy(
                        () -> S3Settings.from(Settings.of("s", Map.of("path", "s3://b", "max_concurrency", 1000)), c))
                .hasMessageContaining("between 1 and 64");
        assertThatThrownBy(() -> S3Settings.from(Settings.of("s", Map.of("path", "s3://b", "access_key_id", "x")), c))
                .hasMessageContaining("set both access_key_id and secret_access_key");
        assertThatThrownBy(
                        () -> S3Settings.from(Settings.of("s", Map.of("path_specs", List.of("s3://b/{x y}/*.csv"))), c))
                .hasMessageContaining("path_specs");
    }

    @Test
    void targets() {
        S3SourceFactory f = new S3SourceFactory();
        assertThat(f.settingsForTarget("s3://bucket/prefix")).contains(Map.of("path", "s3://bucket/prefix"));
        assertThat(f.settingsForTarget("mongodb://x")).isEmpty();
        assertThat(f.name()).isEqualTo("s3");
    }
}
