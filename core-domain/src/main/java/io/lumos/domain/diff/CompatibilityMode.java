package io.lumos.domain.diff;

import java.util.Locale;

/**
 * Compatibility modes as the Confluent Schema Registry defines them. BACKWARD: a reader on the new
 * schema reads data written with the old one; FORWARD: a reader on the old schema reads data written
 * with the new one; FULL: both. Transitive modes check against every earlier version, the others
 * against the latest only. NONE checks nothing.
 */
public enum CompatibilityMode {
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true),
    NONE(false, false, false);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityMode(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    public boolean checksBackward() {
        return backward;
    }

    public boolean checksForward() {
        return forward;
    }

    public boolean transitive() {
        return transitive;
    }

    public static CompatibilityMode parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown compatibility mode '" + text
                    + "' (expected BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE"
                    + " or NONE)");
        }
    }
}
