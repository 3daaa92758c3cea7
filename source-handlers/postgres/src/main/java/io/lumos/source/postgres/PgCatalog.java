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
     * Partitions are left out: their parent is the dataset, and its row estimate and size are the
     * sums over its leaf partitions (found through pg_inherits, which takes no locks). Sizes come
     * from pg_class.relpages of the heap, its TOAST table and all their indexes: pure catalog reads,
     * as fresh as the last VACUUM/ANALYZE like reltuples. pg_total_relation_size would stat every
     * file and wait for a lock on each table, so a table under an ALTER would stall the scan; it is
     * used only with {@code exact_sizes}.
     */
    private static final String RELATIONS_TEMPLATE = "WITH RECURSIVE tree(root, relid) AS ("
            + "   SELECT c.oid, c.oid FROM pg_class c WHERE c.relkind = 'p' AND NOT c.relispartition"
            + "   UNION ALL SELECT t.root, i.inhrelid FROM tree t JOIN pg_inherits i ON i.inhparent = t.relid),"
            + " parts(owner, pages) AS ("
            + "   SELECT b.oid, b.relpages::int8 FROM pg_class b WHERE b.relkind IN ('r', 'm')"
            + "   UNION ALL SELECT b.oid, t.relpages FROM pg_class b JOIN pg_class t ON t.oid = b.reltoastrelid"
            + "     WHERE b.relkind IN ('r', 'm')"
            + "   UNION ALL SELECT i.indrelid, ic.relpages FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
            + "   UNION ALL SELECT b.oid, ic.relpages FROM pg_class b JOIN pg_index i ON i.indrelid = b.reltoastrelid"
            + "     JOIN pg_class ic ON ic.oid = i.indexrelid WHERE b.relkind IN ('r', 'm')),"
            + " sizes(oid, bytes) AS (SELECT owner, sum(pages)::int8 * current_setting('block_size')::int8"
            + "   FROM parts GROUP BY owner),"
            + " leaves(root, rows, bytes) AS (SELECT t.root,"
            + "     (sum(l.reltuples) FILTER (WHERE l.reltuples >= 0))::float8, sum(SIZE_OF_LEAF)::int8"
            + "   FROM tree t JOIN pg_class l ON l.oid = t.relid AND l.relkind IN ('r', 'm')"
            + "   LEFT JOIN sizes ls ON ls.oid = l.oid GROUP BY t.root)"
            + " SELECT c.oid, n.nspname, c.relname, c.relkind::text,"
            + " pg_get_userbyid(c.relowner), ds.description, c.reltuples::float8,"
            + " CASE WHEN c.relkind IN ('r', 'm') AND c.reltuples >= 0 THEN SIZE_OF_RELATION"
            + "      WHEN c.relkind = 'p' THEN lv.bytes END,"
            + " CASE WHEN c.relkind = 'p' THEN lv.rows END,"
            + " CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END,"
            + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
            + " part.partattrs::int2[],"
            + " CASE WHEN c.relkind = 'p' THEN (SELECT count(*) FROM pg_inherits i WHERE i.inhparent = c.oid) END,"
            + " fs.srvname, c.relpersistence::text,"
            // when the data last changed, as far as the server knows without reading the table:
            // autovacuum and autoanalyze run only after enough rows were written
            + " (SELECT greatest(st.last_autoanalyze, st.last_autovacuum) FROM pg_stat_user_tables st"
            + "   WHERE st.relid = c.oid)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass"
            + "      AND ds.objsubid = 0"
            + " LEFT JOIN pg_partitioned_table part ON part.partrelid = c.oid"
            + " LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid"
            + " LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver"
            + " LEFT JOIN sizes sz ON sz.oid = c.oid"
            + " LEFT JOIN leaves lv ON lv.root = c.oid"
            + " WHERE c.relkind::text = ANY (?::text[]) AND NOT c.relispartition AND " + SYSTEM_SCHEMAS
            + " ORDER BY n.nspname, c.relname";

    /** The relations, sized from the catalog (no locks, no file system calls). */
    static final String RELATIONS =
            RELATIONS_TEMPLATE.replace("SIZE_OF_LEAF", "ls.bytes").replace("SIZE_OF_RELATION", "sz.bytes");

    /** The relations, sized by pg_total_relation_size: exact, but it locks and stats each table. */
    static final String RELATIONS_EXACT_SIZES = RELATIONS_TEMPLATE
            .replace("SIZE_OF_LEAF", "pg_total_relation_size(l.oid)")
            .replace("SIZE_OF_RELATION", "pg_total_relation_size(c.oid)");

    /**
     * Columns of the chosen relations. The left join from pg_class tells a relation that was dropped
     * after the listing (no row at all) from one with no columns (one row, attnum null).
     */
    static final String COLUMNS = "SELECT c.oid, a.attnum, a.attname, a.atttypid, a.atttypmod,"
            + " format_type(a.atttypid, a.atttypmod), a.attnotnull, t.typnotnull,"
            // a lookup by the unique index, only for columns that have a default: no join for the
            // planner to get wrong when it cannot tell how many relations the array holds
            + " CASE WHEN a.atthasdef THEN (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d"
            + "      WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum) END,"
            + " ds.description, a.attidentity::text, a.attgenerated::text"
            + " FROM pg_class c"
            + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " LEFT JOIN pg_type t ON t.oid = a.atttypid"
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

    /** Usage counters of the chosen tables since the statistics were last reset. */
    static final String TABLE_STATISTICS = "SELECT relid, coalesce(seq_scan, 0), coalesce(idx_scan, 0),"
            + " n_tup_ins, n_tup_upd, n_tup_del, n_live_tup, n_dead_tup,"
            + " last_vacuum, last_autovacuum, last_analyze, last_autoanalyze"
            + " FROM pg_stat_user_tables WHERE relid = ANY (?::oid[])";
}
