package io.lumos.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.cli.service.CompatibilityModes;
import io.lumos.domain.DatasetId;
import io.lumos.domain.diff.CompatibilityMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code compatibility:} section: default mode, per-dataset globs, strict validation. */
class ConfigLoaderCompatibilityTest extends YamlConfigTest {
    @Test
    void defaultAndDatasetModesAreRead() throws Exception {
        LumosConfig c = load(
                """
                lumos_config:
                  compatibility:
                    default: forward
                    datasets:
                      - { dataset: "avro:orders", mode: FULL }
                      - dataset: "postgres:shop.public.*"
                        mode: forward-transitive
                """);
        assertThat(c.compatibility().defaultMode()).isEqualTo(CompatibilityMode.FORWARD);
        assertThat(c.compatibility().datasets())
                .extracting(LumosConfig.ModeRule::dataset, LumosConfig.ModeRule::mode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("avro:orders", CompatibilityMode.FULL),
                        org.assertj.core.groups.Tuple.tuple(
                                "postgres:shop.public.*", CompatibilityMode.FORWARD_TRANSITIVE));
        assertThat(c.compatibility().datasets().get(0).where()).endsWith("lumos.yaml:5:9");
    }

    @Test
    void withoutTheSectionNoModeIsDeclared() throws Exception {
        LumosConfig c = load("lumos_config:\n  platform: local\n");
        assertThat(c.compatibility().defaultMode()).isNull();
        assertThat(c.compatibility().datasets()).isEmpty();
        assertThat(LumosConfig.defaults(dir).compatibility()).isEqualTo(LumosConfig.Compatibility.NONE_DECLARED);
    }

    @Test
    void aBadModeNamesTheLineAndTheValidModes() {
        String m = error(
                """
                lumos_config:
                  compatibility:
                    default: BACKWARDS
                    datasets:
                      - { dataset: "avro:orders", mode: SIDEWAYS }
                """);
        assertThat(m)
                .contains("2 problems in")
                .contains("lumos.yaml:3:14: unknown compatibility mode 'BACKWARDS'; did you mean 'BACKWARD'?")
                .contains("lumos.yaml:5:41: unknown compatibility mode 'SIDEWAYS'")
                .contains("(valid: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE,"
                        + " NONE)");
    }

    @Test
    void unknownKeysGetDidYouMeanAndMissingPartsAreNamed() {
        String m = error(
                """
                lumos_config:
                  compatibilty:
                    default: FULL
                """);
        assertThat(m)
                .contains("lumos.yaml:2:3: unknown key 'lumos_config.compatibilty'; did you mean 'compatibility'?");
        String inner = error(
                """
                lumos_config:
                  compatibility:
                    defualt: FULL
                    datasets:
                      - { dataset: "avro:orders", mdoe: FULL }
                      - { mode: NONE }
                """);
        assertThat(inner)
                .contains("4 problems in")
                .contains("lumos.yaml:3:5: unknown key 'compatibility.defualt'; did you mean 'default'?")
                .contains("lumos.yaml:5:35: unknown key 'compatibility.datasets[].mdoe'; did you mean 'mode'?")
                .contains("lumos.yaml:5:9: 'mode' is required here (one of BACKWARD,")
                .contains("lumos.yaml:6:9: 'dataset' is required here");
    }

    @Test
    void theQuickstartSampleDeclaresModes() throws Exception {
        Path sample = repoRoot().resolve("config-samples/quickstart.yaml");
        LumosConfig c = new ConfigLoader(Map.of()).load(sample, Set.of("local"), type -> Set.of());
        assertThat(c.compatibility().defaultMode()).isEqualTo(CompatibilityMode.BACKWARD);
        CompatibilityModes modes = CompatibilityModes.of(c);
        assertThat(modes.apply(DatasetId.of("json", "events"))).isEqualTo(CompatibilityMode.NONE);
        assertThat(modes.apply(DatasetId.of("csv", "customer_ltv"))).isEqualTo(CompatibilityMode.FULL);
        assertThat(modes.apply(DatasetId.of("csv", "orders"))).isEqualTo(CompatibilityMode.BACKWARD);
    }
}
