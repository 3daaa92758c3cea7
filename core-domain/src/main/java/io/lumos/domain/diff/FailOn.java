package io.lumos.domain.diff;

import java.util.Locale;

/** The {@code --fail-on} level: findings at or above it block (exit 1); NONE never blocks. */
public enum FailOn {
    BREAKING(Severity.BREAKING),
    NON_BREAKING(Severity.NON_BREAKING),
    INFO(Severity.INFO),
    NONE(null);

    private final Severity threshold;

    FailOn(Severity threshold) {
        this.threshold = threshold;
    }

    public boolean blocks(Severity severity) {
        return threshold != null && severity.atLeast(threshold);
    }

    public static FailOn parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown --fail-on level '" + text + "' (expected breaking, non_breaking, info or none)");
        }
    }
}
