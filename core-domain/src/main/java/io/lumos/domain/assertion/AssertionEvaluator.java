package io.lumos.domain.assertion;

import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import io.lumos.domain.diff.DatasetDiff;
import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.SchemaDiff;
import io.lumos.domain.diff.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates assertions against the metadata of a dataset: the row count and last change the source
 * reported, the declared fields, types, nullability and keys, and the previous version of the
 * schema. Nothing here reads data.
 */
public final class AssertionEvaluator {
    private final Instant now;
    private final String phase;

    /**
     * @param now the evaluation time, for freshness and the result's timestamp
     * @param phase {@code ingest} or {@code gate}
     */
    public AssertionEvaluator(Instant now, String phase) {
        this.now = now;
        this.phase = phase;
    }

    /**
     * Checks one assertion against a dataset.
     *
     * @param previous the dataset as the catalog (or the gate's baseline) held it before, or null
     */
    public AssertionResult evaluate(Assertion a, Dataset current, Dataset previous) {
        return switch (a.kind()) {
            case ROW_COUNT -> rowCount(a, current);
            case FIELD_TYPE -> fieldType(a, current);
            case NOT_NULL -> notNull(a, current);
            case UNIQUE_KEY -> unique(a, current);
            case FRESHNESS -> freshness(a, current);
            case SCHEMA_COMPATIBLE -> schema(a, current, previous);
        };
    }

    private AssertionResult result(Assertion a, Dataset d, AssertionStatus status, String actual, String reason) {
        return new AssertionResult(
                d.id(), a.check(), a.kind(), status, a.severity(), a.expected(), actual, reason, now, phase);
    }

    private AssertionResult rowCount(Assertion a, Dataset d) {
        Long rows = d.statistics().rowCount();
        if (rows == null) {
            return result(
                    a,
                    d,
                    AssertionStatus.ERROR,
                    null,
                    "the source reports no row count for " + d.id().shortName() + "; the bounds cannot be checked");
        }
        if (a.min() != null && rows < a.min()) {
            return result(a, d, AssertionStatus.FAIL, rows.toString(), rows + " row(s), fewer than " + a.min());
        }
        if (a.max() != null && rows > a.max()) {
            return result(a, d, AssertionStatus.FAIL, rows.toString(), rows + " row(s), more than " + a.max());
        }
        return result(a, d, AssertionStatus.PASS, rows.toString(), rows + " row(s), within " + a.expected());
    }

    private AssertionResult fieldType(Assertion a, Dataset d) {
        Optional<Field> f = d.field(a.field());
        if (f.isEmpty()) {
            return result(a, d, AssertionStatus.FAIL, null, "field " + a.field() + " does not exist");
        }
        String actual = f.get().type().print();
        if (a.type() != null && !a.type().equals(f.get().type())) {
            return result(
                    a,
                    d,
                    AssertionStatus.FAIL,
                    actual,
                    "field " + a.field() + " is " + actual + ", not " + a.type().print());
        }
        return result(
                a,
                d,
                AssertionStatus.PASS,
                actual,
                "field " + a.field() + " exists" + (a.type() == null ? "" : " as " + actual));
    }

    private AssertionResult notNull(Assertion a, Dataset d) {
        Optional<Field> f = d.field(a.field());
        if (f.isEmpty()) {
            return result(a, d, AssertionStatus.FAIL, null, "field " + a.field() + " does not exist");
        }
        if (f.get().nullable()) {
            return result(a, d, AssertionStatus.FAIL, "nullable", "field " + a.field() + " is nullable");
        }
        return result(a, d, AssertionStatus.PASS, "not nullable", "field " + a.field() + " is declared not null");
    }

    private AssertionResult unique(Assertion a, Dataset d) {
        for (String column : a.key()) {
            if (d.field(column).isEmpty()) {
                return result(a, d, AssertionStatus.FAIL, null, "key column " + column + " does not exist");
            }
        }
        Set<String> primary = new LinkedHashSet<>();
        for (Field f : d.allFields()) {
            if (f.primaryKey()) {
                primary.add(f.path());
            }
        }
        String actual = primary.isEmpty() ? null : "primary key (" + String.join(", ", primary) + ")";
        if (primary.isEmpty()) {
            return result(
                    a,
                    d,
                    AssertionStatus.FAIL,
                    null,
                    "the source declares no key on " + d.id().shortName() + ", so nothing makes ("
                            + String.join(", ", a.key()) + ") unique");
        }
        // A set of columns that contains a unique key is itself unique.
        if (a.key().containsAll(primary)) {
            return result(a, d, AssertionStatus.PASS, actual, "the source's " + actual + " makes the columns unique");
        }
        return result(
                a,
                d,
                AssertionStatus.FAIL,
                actual,
                "the source's " + actual + " is not within (" + String.join(", ", a.key())
                        + "), so those columns may repeat");
    }

    private AssertionResult freshness(Assertion a, Dataset d) {
        Instant changed = d.statistics().lastModified();
        if (changed == null) {
            return result(
                    a,
                    d,
                    AssertionStatus.ERROR,
                    null,
                    "the source reports no time of last change for " + d.id().shortName());
        }
        Duration age = Duration.between(changed, now);
        String actual = changed.toString();
        if (age.compareTo(a.maxAge()) > 0) {
            return result(
                    a,
                    d,
                    AssertionStatus.FAIL,
                    actual,
                    "last changed " + Assertion.human(age.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                            + " ago, more than " + Assertion.human(a.maxAge()));
        }
        return result(
                a,
                d,
                AssertionStatus.PASS,
                actual,
                "last changed "
                        + Assertion.human(
                                age.isNegative()
                                        ? Duration.ZERO
                                        : age.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                        + " ago");
    }

    private AssertionResult schema(Assertion a, Dataset d, Dataset previous) {
        if (previous == null) {
            return result(a, d, AssertionStatus.PASS, null, "no earlier schema to compare with; this one is the first");
        }
        DatasetDiff diff = SchemaDiff.diff(previous, d, a.mode());
        List<Finding> breaking = diff.findings().stream()
                .filter(f -> f.severity() == Severity.BREAKING)
                .toList();
        if (breaking.isEmpty()) {
            return result(
                    a,
                    d,
                    AssertionStatus.PASS,
                    diff.findings().size() + " change(s)",
                    "the schema is " + a.mode().name() + " compatible with the previous one");
        }
        Finding first = breaking.get(0);
        return result(
                a,
                d,
                AssertionStatus.FAIL,
                breaking.size() + " breaking change(s)",
                "not " + a.mode().name() + " compatible: " + first.location() + ": " + first.message()
                        + (breaking.size() > 1 ? " (and " + (breaking.size() - 1) + " more)" : ""));
    }
}
