package io.lumos.source.postgres;

/**
 * The catalog queries, one per kind of object. Each takes the relations it is about as one bound
 * {@code oid[]}, so a database of a thousand tables costs the same handful of round trips as one
 * with ten; nothing is spliced into these texts.
 */
final class PgCatalog {
    private PgCatalog() {}

    /** Schemas that are PostgreSQL's own; never scanned. */
    static final String SYSTEM_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    static final String SERVER = "SELECT current_database(), current_setting('server_version_num')::int";

    /**
     * Tables (r), views (v), materialized views (m), partitioned tables (p) and foreign tables (f).
     * Partitions are left out: their parent is the dataset. Sizes and row estimates of a partitioned
     * table are the sums over its partitions (the parent itself stores nothing).
     */
    static final String RELATIONS = "SELECT c.oid, n.nspname, c.relname, c.relkind::text,"
            + " pg_get_userbyid(c.relowner), ds.description, c.reltuples::float8,"
            + " CASE WHEN c.relkind IN ('r', 'm') THEN pg_total_relation_size(c.oid)"
            + "      WHEN c.relkind = 'p' THEN (SELECT sum(pg_total_relation_size(pt.relid))::int8"
            + "           FROM pg_partition_tree(c.oid) pt WHERE pt.isleaf) END,"
            + " CASE WHEN c.relkind = 'p' THEN (SELECT sum(greatest(lc.reltuples, 0))::float8"
            + "           FROM pg_partition_tree(c.oid) pt JOIN pg_class lc ON lc.oid = pt.relid"
            + "           WHERE pt.isleaf HAVING bool_or(lc.reltuples >= 0)) END,"
            + " CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END,"
            + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
            + " part.partattrs::int2[],"
            + " CASE WHEN c.relkind = 'p' THEN (SELECT count(*) FROM pg_inherits i WHERE i.inhparent = c.oid) END,"
            + " fs.srvname, c.relpersistence::text"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass"
            + "      AND ds.objsubid = 0"
            + " LEFT JOIN pg_partitioned_table part ON part.partrelid = c.oid"
            + " LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid"
            + " LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver"
            + " WHERE c.relkind::text = ANY (?::text[]) AND NOT c.relispartition AND " + SYSTEM_SCHEMAS
            + " ORDER BY n.nspname, c.relname";

    /**
     * Columns of the chosen relations. The left join from pg_class tells a relation that was dropped
     * after the listing (no row at all) from one with no columns (one row, attnum null).
     */
    static final String COLUMNS = "SELECT c.oid, a.attnum, a.attname, a.atttypid, a.atttypmod,"
            + " format_type(a.atttypid, a.atttypmod), a.attnotnull, t.typnotnull,"
            + " pg_get_expr(d.adbin, d.adrelid), ds.description, a.attidentity::text, a.attgenerated::text"
            + " FROM pg_class c"
            + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " LEFT JOIN pg_type t ON t.oid = a.atttypid"
            + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass"
            + "      AND ds.objsubid = a.attnum"
            + " WHERE c.oid = ANY (?::oid[])"
            + " ORDER BY c.oid, a.attnum";

    /**
     * Every type the columns use, and the types those are made of (array elements, domain bases,
     * members of composite types), in one recursive query.
     */
    static final String TYPES = "WITH RECURSIVE used(oid) AS ("
            + "   SELECT unnest(?::oid[])"
            + " UNION"
            + "   SELECT x.oid FROM used u JOIN pg_type t ON t.oid = u.oid"
            + "   CROSS JOIN LATERAL (SELECT t.typelem UNION ALL SELECT t.typbasetype"
            + "     UNION ALL SELECT a.atttypid FROM pg_attribute a"
            + "     WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) x(oid)"
            + "   WHERE x.oid <> 0)"
            + " SELECT t.oid, n.nspname, t.typname, t.typtype::text, t.typcategory::text, t.typelem,"
            + " t.typbasetype, t.typtypmod, t.typnotnull, format_type(t.oid, NULL),"
            + " CASE WHEN t.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder)"
            + "      FROM pg_enum e WHERE e.enumtypid = t.oid) END,"
            + " CASE WHEN t.typtype = 'c' THEN (SELECT array_agg(a.attname::text ORDER BY a.attnum)"
            + "      FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END,"
            + " CASE WHEN t.typtype = 'c' THEN (SELECT array_agg(a.atttypid::int8 ORDER BY a.attnum)"
            + "      FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END,"
            + " CASE WHEN t.typtype = 'c' THEN (SELECT array_agg(a.atttypmod ORDER BY a.attnum)"
            + "      FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE t.oid IN (SELECT oid FROM used)";

    /**
     * Primary keys and foreign keys of the chosen relations, columns in key order. Foreign keys that
     * PostgreSQL clones for each partition of a referenced partitioned table (conparentid set) are
     * left out: the one on the parent is the user's.
     */
    static final String CONSTRAINTS = "SELECT con.conrelid, con.contype::text, con.conname, con.conkey::int2[],"
            + " fn.nspname, fc.relname,"
            + " (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(num, i)"
            + "    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num),"
            + " (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(num, i)"
            + "    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num)"
            + " FROM pg_constraint con"
            + " LEFT JOIN pg_class fc ON fc.oid = con.confrelid"
            + " LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
            + " WHERE con.contype IN ('p', 'f') AND con.conparentid = 0 AND con.conrelid = ANY (?::oid[])"
            + " ORDER BY con.conrelid, con.contype, con.conname";

    /**
     * What each view reads, by table and column, from the dependencies of its rewrite rule: visible
     * to any role that can see the view (information_schema shows only the owner's). A partition
     * read directly is reported as its root table, the dataset that stands for it.
     */
    static final String VIEW_DEPENDENCIES = "SELECT DISTINCT r.ev_class, sn.nspname, sc.relname, rn.nspname,"
            + " rc.relname, a.attname, d.refobjid, d.refobjsubid"
            + " FROM pg_depend d"
            + " JOIN pg_rewrite r ON r.oid = d.objid"
            + " JOIN pg_class sc ON sc.oid = d.refobjid"
            + " JOIN pg_namespace sn ON sn.oid = sc.relnamespace"
            + " JOIN pg_class rc ON rc.oid = CASE WHEN sc.relispartition THEN pg_partition_root(sc.oid)"
            + "      ELSE sc.oid END"
            + " JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
            + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
            + "      AND d.refobjsubid > 0"
            + " WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass"
            + " AND d.refobjid <> r.ev_class AND r.ev_class = ANY (?::oid[])"
            + " AND sn.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " ORDER BY 1, 4, 5, 6";

    /** The stored query tree of each view ({@code _RETURN} rule), readable by any role. */
    static final String VIEW_RULES = "SELECT r.ev_class, r.ev_action FROM pg_rewrite r"
            + " WHERE r.rulename = '_RETURN' AND r.ev_class = ANY (?::oid[])";
}
