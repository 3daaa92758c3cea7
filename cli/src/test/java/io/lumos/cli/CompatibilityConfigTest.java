package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-dataset compatibility modes from the config's {@code compatibility:} section, in {@code gate},
 * {@code diff} and {@code ingest}, and their precedence against {@code --mode} and {@code --mode-for}.
 */
class CompatibilityConfigTest extends DiffGateSupport {
    @TempDir
    Path dir;

    /** Both datasets gain a required column without a default: BACKWARD breaks, FORWARD does not. */
    @BeforeEach
    void snapshots() throws Exception {
        String field = "{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false}";
        String added = "{\"name\":\"region\",\"type\":\"string\",\"nullable\":false}";
        Files.writeString(dir.resolve("base.json"), snapshot("[" + field + "]"));
        Files.writeString(dir.resolve("now.json"), snapshot("[" + field + "," + added + "]"));
    }

    private static String snapshot(String fields) {
        return "{\"formatVersion\":1,\"datasets\":["
                + "{\"platform\":\"postgres\",\"name\":\"shop.public.orders\",\"fields\":" + fields + "},"
                + "{\"platform\":\"postgres\",\"name\":\"shop.public.customers\",\"fields\":" + fields + "}]}";
    }

    private Result gate(String config, String... extra) throws Exception {
        Files.writeString(dir.resolve("lumos.yaml"), config);
        String[] args = {"gate", "-c", "lumos.yaml", "--baseline", "base.json", "--current", "now.json", "-f", "json"};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return runAt(dir, Map.of(), all);
    }

    private static final String ORDERS_FORWARD =
            """
            lumos_config:
              compatibility:
                datasets:
                  - { dataset: "postgres:shop.public.orders", mode: FORWARD }
            """;

    @Test
    void withoutTheSectionBothDatasetsBreakUnderBackward() throws Exception {
        Result r = gate("lumos_config:\n  platform: local\n");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("\"blocking\" : 2");
    }

    @Test
    void aConfiguredModeChangesTheVerdictOfThatDatasetOnly() throws Exception {
        Result r = gate(ORDERS_FORWARD);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("\"blocking\" : 1").contains("\"mode\" : \"FORWARD\"");
        Result text = gate(ORDERS_FORWARD, "-f", "text");
        assertThat(text.out())
                .contains(": BREAKING FIELD_ADDED_REQUIRED postgres:shop.public.customers.region")
                .contains(": NON_BREAKING FIELD_ADDED_REQUIRED postgres:shop.public.orders.region");

        // a glob covering both, as ownership: patterns are written: nothing blocks any more
        Result both = gate(
                """
                lumos_config:
                  compatibility:
                    datasets:
                      - { dataset: "postgres:shop.public.*", mode: NONE }
                """);
        assertThat(both.code()).as(both.toString()).isZero();
    }

    @Test
    void theFirstMatchingEntryWins() throws Exception {
        Result r = gate(
                """
                lumos_config:
                  compatibility:
                    datasets:
                      - { dataset: "*customers", mode: BACKWARD }
                      - { dataset: "postgres:shop.public.*", mode: FORWARD }
                """);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("\"blocking\" : 1");
        Result text = gate(
                """
                lumos_config:
                  compatibility:
                    datasets:
                      - { dataset: "*customers", mode: BACKWARD }
                      - { dataset: "postgres:shop.public.*", mode: FORWARD }
                """,
                "-f",
                "text");
        assertThat(text.out()).contains(": BREAKING FIELD_ADDED_REQUIRED postgres:shop.public.customers.region");
    }

    @Test
    void modeForOnTheCommandLineBeatsTheConfig() throws Exception {
        Result r = gate(
                """
                lumos_config:
                  compatibility:
                    datasets:
                      - { dataset: "postgres:shop.public.*", mode: NONE }
                """,
                "--mode-for",
                "postgres:shop.public.orders=BACKWARD");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("\"blocking\" : 1");
    }

    @Test
    void theConfigDefaultYieldsToModeAndDatasetEntriesBeatMode() throws Exception {
        String config =
                """
                lumos_config:
                  compatibility:
                    default: NONE
                    datasets:
                      - { dataset: "postgres:shop.public.orders", mode: BACKWARD }
                """;
        // default NONE for customers, BACKWARD for orders
        Result r = gate(config);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("\"blocking\" : 1").contains("\"mode\" : \"NONE\"");
        // --mode replaces the config's default, but the orders entry still beats it
        Result forward = gate(config, "--mode", "FORWARD");
        assertThat(forward.out()).contains("\"blocking\" : 1").contains("\"mode\" : \"FORWARD\"");
        Result none = gate("lumos_config:\n  compatibility: { default: NONE }\n");
        assertThat(none.code()).as(none.toString()).isZero();
        Result back = gate("lumos_config:\n  compatibility: { default: NONE }\n", "--mode", "BACKWARD");
        assertThat(back.code()).isEqualTo(1);
    }

    @Test
    void diffUsesTheConfigToo() throws Exception {
        Files.writeString(dir.resolve("lumos.yaml"), ORDERS_FORWARD);
        Result r = runAt(dir, Map.of(), "diff", "-c", "lumos.yaml", "base.json", "now.json", "--fail-on", "breaking");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out())
                .contains(": BREAKING FIELD_ADDED_REQUIRED postgres:shop.public.customers.region")
                .contains(": NON_BREAKING FIELD_ADDED_REQUIRED postgres:shop.public.orders.region");
    }

    @Test
    void aBadModeInTheConfigIsAConfigError() throws Exception {
        Result r = gate("lumos_config:\n  compatibility:\n    datasets:\n      - { dataset: x, mode: FULLL }\n");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("lumos.yaml:4:29: unknown compatibility mode 'FULLL'; did you mean 'FULL'?");
    }

    /** Ingests {@code t.csv} after each rewrite; returns the version line ingest printed for the last. */
    private String ingestVersions(String mode, String... csvs) throws Exception {
        Files.writeString(
                dir.resolve("ingest.yaml"),
                """
                lumos_config:
                  platform: local
                  features: { schema_tracking: true }
                  sources:
                    - { name: t, type: csv, path: "t.csv" }
                  compatibility:
                    datasets:
                      - { dataset: "csv:t", mode: %s }
                """
                        .formatted(mode));
        Result last = null;
        for (String csv : csvs) {
            Files.writeString(dir.resolve("t.csv"), csv);
            last = runAt(dir, Map.of(), "ingest", "-c", "ingest.yaml");
            assertThat(last.code()).as(last.toString()).isZero();
        }
        return last.err();
    }

    @Test
    void ingestBumpsVersionsUnderTheConfiguredMode() throws Exception {
        String v1 = "id,x\n1,10\n2,20\n";
        String v2 = "id\n1\n2\n";
        assertThat(ingestVersions("BACKWARD", v1, v2)).contains("csv:t 1.0.0 -> 2.0.0");
        Files.deleteIfExists(dir.resolve(".lumos/catalog.db"));
        assertThat(ingestVersions("NONE", v1, v2)).contains("csv:t 1.0.0 -> 1.1.0");
    }

    @Test
    void ingestUnderATransitiveModeJudgesAgainstEveryEarlierVersion() throws Exception {
        String v1 = "id,x\n1,10\n2,20\n";
        String v2 = "id\n1\n2\n";
        // x comes back optional (an empty cell) and as text: v1's rows hold numbers
        String v3 = "id,x\n1,a\n2,\n";
        assertThat(ingestVersions("BACKWARD", v1, v2, v3)).contains("csv:t 2.0.0 -> 2.1.0");
        Files.deleteIfExists(dir.resolve(".lumos/catalog.db"));
        assertThat(ingestVersions("BACKWARD_TRANSITIVE", v1, v2, v3)).contains("csv:t 2.0.0 -> 3.0.0");
    }
}
