package io.lumos.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Small checks shared by the records of the model: they refuse bad state at construction. */
public final class RecordChecks {
    private RecordChecks() {}

    /** A non-blank, trimmed string. */
    public static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value.strip();
    }

    /** Null when blank, else trimmed. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** An immutable map sorted by key, so that printing and hashing are stable. */
    public static SortedMap<String, String> sorted(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return java.util.Collections.emptySortedMap();
        }
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach(
                (k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, () -> "value of " + k)));
        return java.util.Collections.unmodifiableSortedMap(copy);
    }
}
