package io.lumos.domain.assertion;

import static java.util.Objects.requireNonNull;

import io.lumos.domain.DataType;
import io.lumos.domain.RecordChecks;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.domain.diff.Severity;
import java.time.Duration;
import java.util.List;

/**
 * One declared expectation about the datasets a glob matches (an {@code assertions:} entry expands
 * into one per check). Only the parameters of its kind are set.
 *
 * @param dataset a dataset id, shorthand or glob, as {@code ownership:} takes them
 * @param field the field path, for FIELD_TYPE and NOT_NULL
 * @param type the expected type, for FIELD_TYPE; null checks only that the field exists
 * @param min the lowest row count allowed, or null
 * @param max the highest row count allowed, or null
 * @param key the columns that must be unique, for UNIQUE_KEY
 * @param maxAge for FRESHNESS
 * @param mode for SCHEMA_COMPATIBLE
 * @param severity of the gate finding when it fails (BREAKING unless declared)
 * @param where file:line:column of the declaration, for messages
 */
public record Assertion(
        String dataset,
        AssertionKind kind,
        String field,
        DataType type,
        Long min,
        Long max,
        List<String> key,
        Duration maxAge,
        CompatibilityMode mode,
        Severity severity,
        String where) {

    public Assertion {
        dataset = RecordChecks.require(dataset, "dataset");
        requireNonNull(kind, "kind");
        field = RecordChecks.optional(field);
        key = key == null ? List.of() : List.copyOf(key);
        severity = severity == null ? Severity.BREAKING : severity;
        switch (kind) {
            case ROW_COUNT -> {
                if (min == null && max == null) {
                    throw new IllegalArgumentException("a row_count assertion needs min, max or both");
                }
                if (min != null && max != null && min > max) {
                    throw new IllegalArgumentException("row_count min " + min + " is above max " + max);
                }
            }
            case FIELD_TYPE, NOT_NULL -> requireNonNull(field, "field");
            case UNIQUE_KEY -> {
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("a unique assertion needs at least one column");
                }
            }
            case FRESHNESS -> {
                requireNonNull(maxAge, "maxAge");
                if (maxAge.isNegative() || maxAge.isZero()) {
                    throw new IllegalArgumentException("freshness must be a positive duration");
                }
            }
            case SCHEMA_COMPATIBLE -> requireNonNull(mode, "mode");
        }
    }

    public static Assertion rowCount(String dataset, Long min, Long max, Severity severity, String where) {
        return new Assertion(dataset, AssertionKind.ROW_COUNT, null, null, min, max, null, null, null, severity, where);
    }

    public static Assertion fieldType(String dataset, String field, DataType type, Severity severity, String where) {
        return new Assertion(
                dataset, AssertionKind.FIELD_TYPE, field, type, null, null, null, null, null, severity, where);
    }

    public static Assertion notNull(String dataset, String field, Severity severity, String where) {
        return new Assertion(
                dataset, AssertionKind.NOT_NULL, field, null, null, null, null, null, null, severity, where);
    }

    public static Assertion unique(String dataset, List<String> key, Severity severity, String where) {
        return new Assertion(
                dataset, AssertionKind.UNIQUE_KEY, null, null, null, null, key, null, null, severity, where);
    }

    public static Assertion freshness(String dataset, Duration maxAge, Severity severity, String where) {
        return new Assertion(
                dataset, AssertionKind.FRESHNESS, null, null, null, null, null, maxAge, null, severity, where);
    }

    public static Assertion schema(String dataset, CompatibilityMode mode, Severity severity, String where) {
        return new Assertion(
                dataset, AssertionKind.SCHEMA_COMPATIBLE, null, null, null, null, null, null, mode, severity, where);
    }

    /**
     * A stable name of the check, the same on every run: {@code row_count}, {@code field_type:amount},
     * {@code unique:id,region}. With the dataset it identifies a result series.
     */
    public String check() {
        return switch (kind) {
            case FIELD_TYPE, NOT_NULL -> kind.label() + ":" + field;
            case UNIQUE_KEY -> kind.label() + ":" + String.join(",", key);
            default -> kind.label();
        };
    }

    /** What is expected, in words: {@code 1 <= rows <= 100}, {@code decimal(12,2)}, {@code BACKWARD}. */
    public String expected() {
        return switch (kind) {
            case ROW_COUNT -> (min == null ? "" : min + " <= ") + "rows" + (max == null ? "" : " <= " + max);
            case FIELD_TYPE -> type == null ? "exists" : type.print();
            case NOT_NULL -> "not nullable";
            case UNIQUE_KEY -> "unique (" + String.join(", ", key) + ")";
            case FRESHNESS -> "changed within " + human(maxAge);
            case SCHEMA_COMPATIBLE -> mode.name() + " compatible";
        };
    }

    static String human(Duration d) {
        if (d.toSeconds() % 86_400 == 0) {
            return d.toDays() + "d";
        }
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + "h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }
}
