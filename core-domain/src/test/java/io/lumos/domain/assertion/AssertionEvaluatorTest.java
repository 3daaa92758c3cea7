package io.lumos.domain.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.Statistics;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.domain.diff.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssertionEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    private final AssertionEvaluator evaluator = new AssertionEvaluator(NOW, "ingest");

    private static Dataset orders(Long rows, Instant changed, boolean amountNullable) {
        return Dataset.builder(ORDERS)
                .fields(List.of(
                        Field.builder("id", DataType.Primitive.INT64)
                                .nullable(false)
                                .primaryKey(true)
                                .build(),
                        Field.builder("region", DataType.Primitive.STRING)
                                .nullable(false)
                                .build(),
                        Field.builder("amount", new DataType.Decimal(12, 2))
                                .nullable(amountNullable)
                                .build()))
                .statistics(new Statistics(rows, null, changed))
                .build();
    }

    private AssertionResult eval(Assertion a, Dataset d) {
        return evaluator.evaluate(a, d, null);
    }

    @Test
    void rowCountBetweenBounds() {
        Assertion a = Assertion.rowCount("postgres:*", 10L, 100L, null, "f:1:1");
        assertThat(eval(a, orders(40L, null, false)).status()).isEqualTo(AssertionStatus.PASS);
        AssertionResult low = eval(a, orders(3L, null, false));
        assertThat(low.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(low.reason()).isEqualTo("3 row(s), fewer than 10");
        assertThat(low.severity()).isEqualTo(Severity.BREAKING);
        assertThat(eval(a, orders(101L, null, false)).reason()).isEqualTo("101 row(s), more than 100");
        AssertionResult unknown = eval(a, orders(null, null, false));
        assertThat(unknown.status()).isEqualTo(AssertionStatus.ERROR);
        assertThat(unknown.reason()).contains("no row count");
        assertThat(a.expected()).isEqualTo("10 <= rows <= 100");
    }

    @Test
    void fieldExistsWithAType() {
        Dataset d = orders(1L, null, false);
        assertThat(eval(Assertion.fieldType("x", "amount", DataTypes.parse("decimal(12,2)"), null, null), d)
                        .status())
                .isEqualTo(AssertionStatus.PASS);
        AssertionResult wrong =
                eval(Assertion.fieldType("x", "amount", DataTypes.parse("decimal(10,2)"), null, null), d);
        assertThat(wrong.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(wrong.reason()).isEqualTo("field amount is decimal(12,2), not decimal(10,2)");
        assertThat(eval(Assertion.fieldType("x", "missing", null, null, null), d)
                        .reason())
                .isEqualTo("field missing does not exist");
        assertThat(eval(Assertion.fieldType("x", "region", null, null, null), d).status())
                .isEqualTo(AssertionStatus.PASS);
    }

    @Test
    void notNullable() {
        Assertion a = Assertion.notNull("x", "amount", Severity.NON_BREAKING, null);
        assertThat(eval(a, orders(1L, null, false)).status()).isEqualTo(AssertionStatus.PASS);
        AssertionResult r = eval(a, orders(1L, null, true));
        assertThat(r.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(r.severity()).isEqualTo(Severity.NON_BREAKING);
        assertThat(r.check()).isEqualTo("not_null:amount");
    }

    @Test
    void uniqueFromTheSourcesKeys() {
        Dataset d = orders(1L, null, false);
        assertThat(eval(Assertion.unique("x", List.of("id"), null, null), d).status())
                .isEqualTo(AssertionStatus.PASS);
        // a superset of a unique key is unique
        assertThat(eval(Assertion.unique("x", List.of("id", "region"), null, null), d)
                        .status())
                .isEqualTo(AssertionStatus.PASS);
        AssertionResult region = eval(Assertion.unique("x", List.of("region"), null, null), d);
        assertThat(region.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(region.reason()).contains("primary key (id) is not within (region)");
        Dataset keyless = Dataset.builder(ORDERS)
                .fields(List.of(Field.of("id", DataType.Primitive.INT64, false)))
                .build();
        assertThat(eval(Assertion.unique("x", List.of("id"), null, null), keyless)
                        .reason())
                .contains("declares no key");
    }

    @Test
    void freshnessUnderAMaximumAge() {
        Assertion a = Assertion.freshness("x", Duration.ofHours(24), null, null);
        assertThat(eval(a, orders(1L, NOW.minus(Duration.ofHours(3)), false)).status())
                .isEqualTo(AssertionStatus.PASS);
        AssertionResult stale = eval(a, orders(1L, NOW.minus(Duration.ofDays(3)), false));
        assertThat(stale.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(stale.reason()).isEqualTo("last changed 3d ago, more than 1d");
        assertThat(eval(a, orders(1L, null, false)).status()).isEqualTo(AssertionStatus.ERROR);
    }

    @Test
    void schemaStaysCompatibleUnderAMode() {
        Assertion a = Assertion.schema("x", CompatibilityMode.BACKWARD, null, null);
        Dataset before = orders(1L, null, false);
        Dataset dropped =
                Dataset.builder(ORDERS).fields(before.fields().subList(0, 2)).build();
        assertThat(evaluator.evaluate(a, before, null).status()).isEqualTo(AssertionStatus.PASS);
        assertThat(evaluator.evaluate(a, before, before).status()).isEqualTo(AssertionStatus.PASS);
        AssertionResult broken = evaluator.evaluate(a, dropped, before);
        assertThat(broken.status()).isEqualTo(AssertionStatus.FAIL);
        assertThat(broken.reason()).startsWith("not BACKWARD compatible: postgres:shop.public.orders.amount");
    }

    @Test
    void failingResultsSortFirst() {
        AssertionResult pass = eval(Assertion.rowCount("x", 1L, null, null, null), orders(5L, null, false));
        AssertionResult fail = eval(Assertion.rowCount("x", 10L, null, null, null), orders(5L, null, false));
        AssertionResult error = eval(Assertion.rowCount("x", 10L, null, null, null), orders(null, null, false));
        assertThat(java.util.stream.Stream.of(pass, error, fail).sorted(AssertionResult.ORDER))
                .containsExactly(fail, error, pass);
    }

    @Test
    void badDeclarationsAreRefused() {
        assertThatThrownBy(() -> Assertion.rowCount("x", null, null, null, null))
                .hasMessageContaining("min, max or both");
        assertThatThrownBy(() -> Assertion.rowCount("x", 5L, 1L, null, null)).hasMessageContaining("above max");
        assertThatThrownBy(() -> Assertion.unique("x", List.of(), null, null)).hasMessageContaining("column");
    }
}
