package io.lumos.source.postgres;

import java.util.List;

/**
 * A row of {@code pg_type} with what the mapping needs.
 *
 * @param typtype b base, c composite, d domain, e enum, p pseudo, r range, m multirange
 * @param category pg_type.typcategory; A marks arrays
 * @param element the element type of an array, or 0
 * @param baseType the base type of a domain, or 0
 * @param baseTypmod the domain's modifier on its base type (numeric(10,2) under a domain), or -1
 * @param labels an enum's labels in sort order
 * @param members a composite type's attributes in order
 */
record PgType(
        long oid,
        String schema,
        String name,
        char typtype,
        char category,
        long element,
        long baseType,
        int baseTypmod,
        boolean notNull,
        String display,
        List<String> labels,
        List<Member> members) {

    PgType {
        labels = labels == null ? List.of() : List.copyOf(labels);
        members = members == null ? List.of() : List.copyOf(members);
    }

    record Member(String name, long type, int typmod) {}

    boolean isArray() {
        return category == 'A' && element != 0;
    }

    boolean inCatalog() {
        return "pg_catalog".equals(schema);
    }
}
