package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a config declares about datasets (owners, descriptions, tags, domains) belongs to that
 * config: another config's ingest keeps it, and the gate with {@code -c} builds the same state as
 * {@code ingest} does.
 */
class ConfigProvenanceTest extends CliTestSupport {
    private static final String QUICKSTART = "config-samples/quickstart.yaml";

    @TempDir
    Path dir;

    @Test
    void theGateWithAConfigSeesNoChangeWhenNothingChanged() throws Exception {
        copySamples(dir);
        assertThat(run(dir, "ingest", "-c", QUICKSTART).code()).isZero();
        assertThat(run(dir, "snapshot", "export", "-o", "base.json").code()).isZero();

        Result gate = run(dir, "gate", "--baseline", "base.json", "-c", QUICKSTART, "-f", "json");
        assertThat(gate.code()).as(gate.toString()).isZero();
        assertThat(gate.err()).as(gate.toString()).contains("gate: 0 finding(s)");
        assertThat(gate.out()).doesNotContain("OWNERS_CHANGED").doesNotContain("DOMAIN_CHANGED");
    }

    @Test
    void theGateWithAConfigReportsOnlyWhatChanged() throws Exception {
        Path samples = copySamples(dir);
        assertThat(run(dir, "ingest", "-c", QUICKSTART).code()).isZero();
        assertThat(run(dir, "snapshot", "export", "-o", "base.json").code()).isZero();
        Path config = samples.resolve("quickstart.yaml");
        Files.writeString(
                config,
                Files.readString(config)
                        .replace("description: \"Customers with contact details\"", "description: \"People\""));

        Result gate = run(dir, "gate", "--baseline", "base.json", "-c", QUICKSTART, "-f", "json");
        assertThat(gate.code()).as(gate.toString()).isZero();
        assertThat(gate.err()).as(gate.toString()).contains("gate: 1 finding(s)");
        assertThat(gate.out()).contains("DATASET_DESCRIPTION_CHANGED");
    }

    @Test
    void anotherConfigDoesNotStripWhatTheQuickstartDeclared() throws Exception {
        copySamples(dir);
        assertThat(run(dir, "ingest", "-c", QUICKSTART).code()).isZero();
        Files.writeString(
                dir.resolve("dh.yaml"),
                """
                lumos_config:
                  platform: local
                  sources:
                    - { name: shop, type: csv, path: "config-samples/data/*.csv" }
                """);

        Result other = run(dir, "ingest", "-c", "dh.yaml");
        assertThat(other.code()).as(other.toString()).isZero();
        assertThat(other.err()).contains("0 new version(s)");

        Result get = run(dir, "datasets", "get", "csv:orders", "+", "version", "history", "csv:orders");
        assertThat(get.code()).as(get.toString()).isZero();
        assertThat(get.out())
                .contains("One row per order placed in the web shop")
                .containsPattern("domain\\s+sales")
                .containsPattern("tags\\s+core")
                .contains("sales-data (TECHNICAL_OWNER)")
                .doesNotContain("1.0.1");

        Result back = run(dir, "ingest", "-c", QUICKSTART);
        assertThat(back.err()).as(back.toString()).contains("0 new version(s)");
    }

    @Test
    void removingADeclarationFromItsConfigRemovesIt() throws Exception {
        Path samples = copySamples(dir);
        assertThat(run(dir, "ingest", "-c", QUICKSTART).code()).isZero();
        Files.writeString(
                dir.resolve("tags.yaml"),
                """
                lumos_config:
                  name: governance
                  sources:
                    - { name: shop, type: csv, path: "config-samples/data/orders.csv" }
                  metadata:
                    - { dataset: "csv:orders", tags: [ audited ] }
                """);
        assertThat(run(dir, "ingest", "-c", "tags.yaml").code()).isZero();

        Path config = samples.resolve("quickstart.yaml");
        Files.writeString(
                config,
                Files.readString(config)
                        .replace("      description: \"One row per order placed in the web shop\"\n", ""));
        Result again = run(dir, "ingest", "-c", QUICKSTART, "+", "datasets", "get", "csv:orders");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out())
                .doesNotContain("One row per order placed in the web shop")
                .containsPattern("domain\\s+sales")
                .containsPattern("tags\\s+audited, core");

        Files.writeString(
                dir.resolve("tags.yaml"),
                Files.readString(dir.resolve("tags.yaml"))
                        .replace("  metadata:\n    - { dataset: \"csv:orders\", tags: [ audited ] }\n", ""));
        Result dropped = run(dir, "ingest", "-c", "tags.yaml", "+", "datasets", "get", "csv:orders");
        assertThat(dropped.code()).as(dropped.toString()).isZero();
        assertThat(dropped.out()).containsPattern("tags\\s+core\\n").containsPattern("domain\\s+sales");
    }

    @Test
    void featuresThatDoNothingAreRefusedWithTheReason() throws Exception {
        Files.writeString(
                dir.resolve("f.yaml"),
                """
                lumos_config:
                  features: { auto_detection: true, cost_attribution: true, schema_tracking: true }
                """);
        Result r = run(dir, "datasets", "list", "-c", "f.yaml");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .contains("f.yaml:2:15: 'features.auto_detection' is not a setting")
                .contains("'features.cost_attribution' is not a setting")
                .contains("remove the line");
    }
}
