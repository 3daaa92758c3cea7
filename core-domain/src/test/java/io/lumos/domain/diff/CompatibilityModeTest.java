package io.lumos.domain.diff;

import static io.lumos.domain.diff.Fixtures.ds;
import static io.lumos.domain.diff.Fixtures.only;
import static io.lumos.domain.diff.Fixtures.opt;
import static io.lumos.domain.diff.Fixtures.req;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibilityModeTest {

    @Test
    void requiredFieldAddedBreaksBackwardButNotForward() {
        Dataset o = ds(req("id", "int64"));
        Dataset n = ds(req("id", "int64"), req("qty", "int32"));
        assertThat(only(SchemaDiff.diff(o, n, CompatibilityMode.BACKWARD)).severity())
                .isEqualTo(Severity.BREAKING);
        assertThat(only(SchemaDiff.diff(o, n, CompatibilityMode.FORWARD)).severity())
                .isEqualTo(Severity.NON_BREAKING);
        assertThat(only(SchemaDiff.diff(o, n, CompatibilityMode.FULL)).severity())
                .isEqualTo(Severity.BREAKING);
        assertThat(only(SchemaDiff.diff(o, n, CompatibilityMode.NONE)).severity())
                .isEqualTo(Severity.NON_BREAKING);
    }

    @Test
    void widenedTypeBreaksForwardAndFull() {
        Dataset o = ds(req("n", "int32"));
        Dataset n = ds(req("n", "int64"));
        assertThat(only(SchemaDiff.diff(o, n, CompatibilityMode.BACKWARD)).severity())
                .isEqualTo(Severity.NON_BREAKING);
        assertThat(only(SchemaDiff.diff(o, n, CompatibilityMode.FORWARD)).severity())
                .isEqualTo(Severity.BREAKING);
        assertThat(only(SchemaDiff.diff(o, n, CompatibilityMode.FULL)).severity())
                .isEqualTo(Severity.BREAKING);
        assertThat(only(SchemaDiff.diff(o, n, CompatibilityMode.FULL_TRANSITIVE))
                        .severity())
                .isEqualTo(Severity.BREAKING);
    }

    @Test
    void removedFieldIsBreakingByPolicyInEveryModeButNone() {
        Dataset o = ds(req("id", "int64"), opt("note", "string"));
        Dataset n = ds(req("id", "int64"));
        for (CompatibilityMode m : CompatibilityMode.values()) {
            Severity expected = m == CompatibilityMode.NONE ? Severity.NON_BREAKING : Severity.BREAKING;
            assertThat(only(SchemaDiff.diff(o, n, m)).severity()).as("%s", m).isEqualTo(expected);
        }
    }

    @Test
    void infoStaysInfoInEveryMode() {
        Dataset o = ds(req("id", "int64"));
        Dataset n = o.toBuilder().description("x").build();
        for (CompatibilityMode m : CompatibilityMode.values()) {
            assertThat(only(SchemaDiff.diff(o, n, m)).severity()).isEqualTo(Severity.INFO);
        }
    }

    /** Confluent's transitive example: each step is fine, but v3 cannot read v1's data. */
    @Test
    void backwardTransitiveChecksEveryEarlierVersion() {
        Dataset v1 = ds(req("id", "int64"));
        Dataset v2 = ds(
                req("id", "int64"),
                req("qty", "int32").toBuilder().defaultValue("1").build());
        Dataset v3 = ds(req("id", "int64"), req("qty", "int32"));
        DatasetDiff plain = SchemaDiff.diffHistory(List.of(v1, v2), v3, CompatibilityMode.BACKWARD);
        assertThat(plain.compatible()).isTrue();
        assertThat(only(plain).ruleId()).isEqualTo("DEFAULT_REMOVED");
        DatasetDiff transitive = SchemaDiff.diffHistory(List.of(v1, v2), v3, CompatibilityMode.BACKWARD_TRANSITIVE);
        assertThat(transitive.compatible()).isFalse();
        Finding f = Fixtures.one(transitive, Rule.FIELD_ADDED_REQUIRED);
        assertThat(f.comparedWith()).isEqualTo("v1");
        assertThat(f.severity()).isEqualTo(Severity.BREAKING);
    }

    @Test
    void forwardTransitiveChecksEveryEarlierVersion() {
        // v1 reads qty without a default; v2 gives it a default; v3 drops it: old v1 readers fail.
        Dataset v1 = ds(req("id", "int64"), req("qty", "int32"));
        Field withDefault = req("qty", "int32").toBuilder().defaultValue("0").build();
        Dataset v2 = ds(req("id", "int64"), withDefault);
        Dataset v3 = ds(req("id", "int64"));
        DatasetDiff latest = SchemaDiff.diffHistory(List.of(v1, v2), v3, CompatibilityMode.FORWARD);
        assertThat(only(latest).forwardCompatible()).isTrue();
        DatasetDiff transitive = SchemaDiff.diffHistory(List.of(v1, v2), v3, CompatibilityMode.FORWARD_TRANSITIVE);
        assertThat(transitive.forwardCompatible()).isFalse();
        assertThat(transitive.findings())
                .anySatisfy(f -> assertThat(f.comparedWith()).isEqualTo("v1"));
    }

    @Test
    void parseAcceptsDashesAndCase() {
        assertThat(CompatibilityMode.parse("full-transitive")).isEqualTo(CompatibilityMode.FULL_TRANSITIVE);
        assertThat(FailOn.parse("non_breaking").blocks(Severity.BREAKING)).isTrue();
        assertThat(FailOn.parse("breaking").blocks(Severity.NON_BREAKING)).isFalse();
        assertThat(FailOn.NONE.blocks(Severity.BREAKING)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompatibilityMode.parse("sideways"))
                .hasMessageContaining("BACKWARD_TRANSITIVE");
    }
}
