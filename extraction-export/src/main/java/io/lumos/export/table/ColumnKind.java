package io.lumos.export.table;

/** How a column's values are typed in a spreadsheet and formatted in CSV. */
public enum ColumnKind {
    /** Free text; neutralised against formula injection. */
    TEXT,
    /** A whole number (Long or Integer). */
    INTEGER,
    /** A number with decimals (Double). */
    DECIMAL,
    /** A fraction 0..1 shown as a percentage. */
    PERCENT,
    /** An amount of money, two decimals. */
    MONEY,
    /** A point in time (Instant), shown in UTC. */
    DATE,
    /** Yes or no (Boolean). */
    BOOLEAN;

    public boolean numeric() {
        return this == INTEGER || this == DECIMAL || this == PERCENT || this == MONEY;
    }
}
