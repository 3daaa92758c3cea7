package io.lumos.domain;

import java.util.Locale;

/** Why a new version of a dataset was made; decides the semver bump. */
public enum ChangeType {
    BREAKING_SCHEMA_CHANGE,
    SCHEMA_CHANGE,
    METADATA_UPDATE,
    DATA_UPDATE;

    public static ChangeType parse(String text) {
        String t = RecordChecks.require(text, "change type")
                .toUpperCase(Locale.ROOT)
                .replace('-', '_');
        switch (t) {
            case "BREAKING", "MAJOR" -> {
                return BREAKING_SCHEMA_CHANGE;
            }
            case "SCHEMA", "MINOR" -> {
                return SCHEMA_CHANGE;
            }
            case "METADATA", "PATCH" -> {
                return METADATA_UPDATE;
            }
            case "DATA" -> {
                return DATA_UPDATE;
            }
            default -> {
                try {
                    return valueOf(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown change type '" + text
                            + "' (expected BREAKING_SCHEMA_CHANGE, SCHEMA_CHANGE, METADATA_UPDATE or DATA_UPDATE)");
                }
            }
        }
    }

    /** The more severe of two changes. */
    public ChangeType max(ChangeType other) {
        return other == null || compareTo(other) <= 0 ? this : other;
    }
}
