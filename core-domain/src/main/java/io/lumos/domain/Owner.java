package io.lumos.domain;

import java.util.Locale;

/**
 * An owner of a dataset: a user or group URN and an ownership type. Standard types are
 * TECHNICAL_OWNER, BUSINESS_OWNER, DATA_STEWARD, DATAOWNER, CONSUMER; any other type is custom.
 */
public record Owner(String urn, String type) implements Comparable<Owner> {
    public static final String TECHNICAL_OWNER = "TECHNICAL_OWNER";
    public static final java.util.Set<String> STANDARD_TYPES =
            java.util.Set.of("TECHNICAL_OWNER", "BUSINESS_OWNER", "DATA_STEWARD", "DATAOWNER", "CONSUMER");

    public Owner {
        urn = toUrn(urn);
        type = type == null || type.isBlank() ? TECHNICAL_OWNER : type.strip();
        if (STANDARD_TYPES.contains(type.toUpperCase(Locale.ROOT))) {
            type = type.toUpperCase(Locale.ROOT);
        }
    }

    /** Bare names are users; {@code group:x} or a corpGroup URN is a group. */
    public static String toUrn(String owner) {
        String o = RecordChecks.require(owner, "owner");
        if (o.startsWith("urn:li:corpuser:") || o.startsWith("urn:li:corpGroup:")) {
            return o;
        }
        if (o.startsWith("urn:")) {
            throw new IllegalArgumentException(
                    "owner '" + o + "' must be urn:li:corpuser:NAME, urn:li:corpGroup:NAME or a bare user name");
        }
        if (o.startsWith("group:")) {
            return "urn:li:corpGroup:" + RecordChecks.require(o.substring(6), "group name");
        }
        if (o.startsWith("user:")) {
            return "urn:li:corpuser:" + RecordChecks.require(o.substring(5), "user name");
        }
        return "urn:li:corpuser:" + o;
    }

    public boolean isGroup() {
        return urn.startsWith("urn:li:corpGroup:");
    }

    /** The user or group name without the URN prefix. */
    public String name() {
        // names may hold ':' themselves (urn:li:corpuser:svc:etl), so only the known prefix goes
        return urn.substring(isGroup() ? "urn:li:corpGroup:".length() : "urn:li:corpuser:".length());
    }

    public boolean isStandardType() {
        return STANDARD_TYPES.contains(type);
    }

    @Override
    public int compareTo(Owner o) {
        int c = urn.compareTo(o.urn);
        return c == 0 ? type.compareTo(o.type) : c;
    }
}
