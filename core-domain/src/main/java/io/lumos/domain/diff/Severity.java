package io.lumos.domain.diff;

import java.util.Locale;

/** How much a change matters, worst first: the order is used for sorting and for {@code --fail-on}. */
public enum Severity {
    BREAKING,
    NON_BREAKING,
    INFO;

    /** True when this is at least as severe as {@code other}. */
    public boolean atLeast(Severity other) {
        return compareTo(other) <= 0;
    }

    public static Severity parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown severity '" + text + "' (expected breaking, non_breaking or info)");
        }
    }
}
