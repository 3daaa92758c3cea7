package io.lumos.domain;

import java.util.Locale;

public enum DatasetStatus {
    ACTIVE,
    DEPRECATED,
    REMOVED;

    public static DatasetStatus parse(String text) {
        try {
            return valueOf(RecordChecks.require(text, "status").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown status '" + text + "' (expected active, deprecated or removed)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
