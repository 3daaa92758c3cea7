package io.lumos.source.postgres;

/**
 * Quotes names as PostgreSQL reads them. The scan's statements bind every name as a parameter, so
 * this serves the names Lumos prints (problem lines, locations): {@code public.orders} stays as it
 * is, {@code "we""ird sch"."tåble 1"} says exactly which relation is meant. Any identifier that ever
 * has to go into a statement must go through {@link #quote}, so {@code a"; drop table x; --} stays a
 * name.
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

    /** Quoted only where PostgreSQL needs it: anything but lower-case letters, digits and underscores. */
    static String quoteIfNeeded(String name) {
        if (!name.isEmpty() && name.matches("[a-z_][a-z0-9_$]*")) {
            return name;
        }
        return quote(name);
    }

    /** {@code schema.name} for messages, each part quoted where needed. */
    static String display(String schema, String name) {
        return quoteIfNeeded(schema) + "." + quoteIfNeeded(name);
    }

    /** {@code "schema"."name"}. */
    static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
