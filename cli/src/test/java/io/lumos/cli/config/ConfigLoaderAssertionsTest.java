package io.lumos.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DataTypes;
import io.lumos.domain.assertion.Assertion;
import io.lumos.domain.assertion.AssertionKind;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.domain.diff.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code assertions:} section: one assertion per check, every key, the defaults, strict validation. */
class ConfigLoaderAssertionsTest extends YamlConfigTest {
    @Test
    void everyCheckBecomesOneAssertion() throws Exception {
        LumosConfig c = load(
                """
                lumos_config:
                  assertions:
                    - dataset: "csv:orders"
                      row_count: { min: 1, max: 500 }
                      fields:
                        amount: { type: "decimal(12,2)", nullable: false }
                        note:
                      unique: [id, region]
                      freshness: 24h
                      schema: { mode: backward }
                    - dataset: "csv:*"
                      severity: non_breaking
                      unique: id
                """);
        List<Assertion> a = c.assertions();
        assertThat(a)
                .extracting(Assertion::check)
                .containsExactly(
                        "row_count",
                        "field_type:amount",
                        "not_null:amount",
                        "field_type:note",
                        "unique_key:id,region",
                        "freshness",
                        "schema_compatible",
                        "unique_key:id");
        assertThat(a.get(0).min()).isEqualTo(1L);
        assertThat(a.get(0).max()).isEqualTo(500L);
        assertThat(a.get(0).severity()).as("the default").isEqualTo(Severity.BREAKING);
        assertThat(a.get(1).type()).isEqualTo(DataTypes.parse("decimal(12,2)"));
        assertThat(a.get(3).type()).as("a field with no spec only has to exist").isNull();
        assertThat(a.get(5).maxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(a.get(6).mode()).isEqualTo(CompatibilityMode.BACKWARD);
        assertThat(a.get(7).kind()).isEqualTo(AssertionKind.UNIQUE_KEY);
        assertThat(a.get(7).severity()).isEqualTo(Severity.NON_BREAKING);
        assertThat(a.get(7).dataset()).isEqualTo("csv:*");
        assertThat(a.get(0).where()).endsWith("lumos.yaml:3:7");
    }

    @Test
    void badEntriesAreAllReportedWithTheirPlace() {
        String message = error(
                """
                lumos_config:
                  assertions:
                    - dataset: "csv:orders"
                      row_count: { min: 9, max: 2 }
                      fields:
                        amount: { type: "decimal(", nulable: false }
                      freshness: -3h
                      schema: SIDEWAYS
                      severity: fatal
                    - dataset: "csv:empty"
                """);
        assertThat(message)
                .contains("lumos.yaml:4:18: row_count min 9 is above max 2")
                .contains("is not a type string")
                .contains("unknown key 'assertions[].fields.amount.nulable'; did you mean 'nullable'?")
                .contains("freshness '-3h' is not a duration")
                .contains("unknown compatibility mode 'SIDEWAYS'")
                .contains("severity 'fatal' is not one of BREAKING, NON_BREAKING, INFO")
                .contains("lumos.yaml:10:7: the assertion on 'csv:empty' checks nothing");
    }

    @Test
    void durationsTakeUnitsAndIso() {
        assertThat(ConfigLoader.duration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(ConfigLoader.duration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigLoader.duration("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(ConfigLoader.duration("PT36H")).isEqualTo(Duration.ofHours(36));
        assertThat(ConfigLoader.duration("0h")).isNull();
        assertThat(ConfigLoader.duration("soon")).isNull();
    }
}
