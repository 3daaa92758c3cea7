package io.lumos.domain.assertion;

import java.util.Locale;

/** What an assertion checks, all against the metadata Lumos holds: no data is scanned for them. */
public enum AssertionKind {
    /** The row count the source reports lies between bounds. */
    ROW_COUNT,
    /** A field exists, with a type when one is given. */
    FIELD_TYPE,
    /** A field is declared not nullable. */
    NOT_NULL,
    /** A set of columns is unique, as the source's keys say (a primary key within the columns). */
    UNIQUE_KEY,
    /** The data changed at the source no longer ago than a maximum age. */
    FRESHNESS,
    /** The schema stays compatible with its previous version under a mode. */
    SCHEMA_COMPATIBLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
