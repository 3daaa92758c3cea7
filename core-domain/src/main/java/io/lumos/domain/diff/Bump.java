package io.lumos.domain.diff;

import io.lumos.domain.ChangeType;
import java.util.Locale;
import java.util.Optional;

/** The semantic-version bump a set of findings calls for: the worst finding decides. */
public enum Bump {
    MAJOR,
    MINOR,
    PATCH,
    NONE;

    public static Bump of(Severity worst) {
        if (worst == null) {
            return NONE;
        }
        return switch (worst) {
            case BREAKING -> MAJOR;
            case NON_BREAKING -> MINOR;
            case INFO -> PATCH;
        };
    }

    /** The version change type of the catalog, empty when nothing changed (no new version). */
    public Optional<ChangeType> changeType() {
        return switch (this) {
            case MAJOR -> Optional.of(ChangeType.BREAKING_SCHEMA_CHANGE);
            case MINOR -> Optional.of(ChangeType.SCHEMA_CHANGE);
            case PATCH -> Optional.of(ChangeType.METADATA_UPDATE);
            case NONE -> Optional.empty();
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
