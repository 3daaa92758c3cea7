package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest extends CliTestSupport {
    @TempDir
    Path dir;

    private Result ingest(String yaml) throws Exception {
        Files.writeString(dir.resolve("lumos.yaml"), yaml);
        return run(dir, "ingest", "-c", "lumos.yaml");
    }

    @Test
    void everyProblemIsReportedAtOnceWithLineAndColumn() throws Exception {
        Result r = ingest(
                """
                lumos_config:
                  platfrom: local
                  features: { schema_traking: true }
                  sources:
                    - { name: a, type: csv, path: "x/*.csv" }
                  lineage:
                    - { upstream: "csv:a" }
                """);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .contains("3 problems in")
                .contains("lumos.yaml:2:3: unknown key 'lumos_config.platfrom'; did you mean 'platform'?")
                .contains("lumos.yaml:3:15: unknown key 'features.schema_traking'; did you mean 'schema_tracking'?")
                .contains("'downstream' is required");
    }

    @Test
    void aDuplicateKeyIsRejectedWithBothLocations() throws Exception {
        Files.createDirectories(dir.resolve("x"));
        Files.writeString(dir.resolve("x/a.csv"), "id\n1\n");
        Result r = ingest(
                """
                lumos_config:
                  sources:
                    - { name: a, type: csv, path: "x/*.csv" }
                  environment: PROD
                  sources:
                    - { name: b, type: csv, path: "x/*.csv", name: c }
                """);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        String f = dir.resolve("lumos.yaml").toString();
        assertThat(r.err())
                .contains(f + ":5:3: duplicate key 'sources' (first at " + f + ":2:3)")
                .contains(f + ":6:46: duplicate key 'name' (first at " + f + ":6:9)")
                .doesNotContain("ingested");
    }

    @Test
    void aMissingVariableSaysHowToSetIt() throws Exception {
        env.remove("LUMOS_TEST_DIR");
        Result r = ingest(
                """
                lumos_config:
                  sources:
                    - { name: a, type: csv, path: "${LUMOS_TEST_DIR}/*.csv" }
                """);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("lumos.yaml:3:").contains("LUMOS_TEST_DIR is not set");
    }

    @Test
    void variablesComeFromTheEnvironmentWithDefaults() throws Exception {
        env.put("DATA", "nowhere");
        Result r = ingest(
                """
                lumos_config:
                  platforms: { local: { path: "${CATALOG:-cat.db}" } }
                  sources:
                    - { name: a, type: csv, path: "${DATA}/*.csv" }
                """);
        assertThat(r.err()).doesNotContain("is not set");
        assertThat(Files.exists(dir.resolve("cat.db"))).isTrue();
    }

    @Test
    void anUnknownPlatformIsAUsageError() throws Exception {
        Result r = ingest("""
                lumos_config:
                  platform: locl
                """);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown platform 'locl'; did you mean 'local'?");
    }

    @Test
    void anUnknownSourceTypeIsAUsageError() throws Exception {
        Result r = ingest(
                """
                lumos_config:
                  sources:
                    - { name: a, type: nosuchsource, path: x }
                """);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown source type 'nosuchsource'");
    }

    @Test
    void aTypoInACatalogsSettingsIsRefusedByItsBinder() throws Exception {
        Result r = ingest(
                """
                lumos_config:
                  platforms: { local: { pth: "cat.db" } }
                """);
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("unknown key 'pth'; did you mean 'path'?");
        assertThat(Files.exists(dir.resolve("cat.db"))).isFalse();
    }

    @Test
    void invalidYamlNamesTheProblemAndItsPlace() throws Exception {
        Result r = ingest("lumos_config:\n  platform: [local\n");
        assertThat(r.err()).contains("lumos.yaml:3:1: invalid YAML: expected ',' or ']', but got <stream end>");
    }

    @Test
    void invalidYamlNamesTheLine() throws Exception {
        Result r = ingest("lumos_config:\n  platform: [local\n");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("lumos.yaml:").contains("invalid YAML");
    }

    @Test
    void secretsNeverAppearInSettingsStrings() {
        var s = io.lumos.spi.Settings.of("platforms.datahub", java.util.Map.of("token", "s3cr3t", "server", "x"));
        assertThat(s.toString()).doesNotContain("s3cr3t").contains("token=****");
    }
}
