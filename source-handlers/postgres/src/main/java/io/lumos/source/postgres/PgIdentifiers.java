package io.lumos.source.postgres;

/**
 * Quotes names for SQL. Every identifier that ends up in a statement goes through here, so a table
 * called {@code a"; drop table x; --} stays a name.
 */
final class PgIdentifiers {
    private PgIdentifiers() {}

    /** {@code "name"} with inner quotes doubled; rejects NUL, which PostgreSQL cannot store anyway. */
    static String quote(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier must not contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."name"}. */
    static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
