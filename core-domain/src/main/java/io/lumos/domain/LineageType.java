package io.lumos.domain;

import java.util.Locale;

/** How a downstream dataset came from its upstream. */
public enum LineageType {
    TRANSFORMED,
    COPIED,
    VIEW,
    DERIVED,
    AGGREGATED;

    public static LineageType parse(String text) {
        try {
            return valueOf(RecordChecks.require(text, "lineage type").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown lineage type '" + text + "' (expected TRANSFORMED, COPIED, VIEW, DERIVED or AGGREGATED)");
        }
    }
}
