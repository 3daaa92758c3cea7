package io.lumos.source.postgres;

import static io.lumos.source.postgres.PgCatalogRows.instant;
import static io.lumos.source.postgres.PgCatalogRows.join;
import static io.lumos.source.postgres.PgCatalogRows.longs;
import static io.lumos.source.postgres.PgCatalogRows.nullableDouble;
import static io.lumos.source.postgres.PgCatalogRows.nullableLong;
import static io.lumos.source.postgres.PgCatalogRows.shorts;
import static io.lumos.source.postgres.PgCatalogRows.strings;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Statistics;
import io.lumos.domain.usage.UsageSample;
import io.lumos.source.postgres.PgCatalogRows.Column;
import io.lumos.source.postgres.PgCatalogRows.ForeignKey;
import io.lumos.source.postgres.PgCatalogRows.Keys;
import io.lumos.source.postgres.PgCatalogRows.Relation;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.PluginContext;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import io.lumos.spi.SourceHandler;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scans one PostgreSQL database: a handful of catalog queries (see {@link PgCatalog}) for every
 * relation at once, then one zero-row query per view for column lineage.
 */
final class PostgresSource implements SourceHandler {
    static final String CREATED_BY = "lumos:postgres";

    private final PostgresSettings settings;
    private final PluginContext context;
    private final NamePatterns patterns;
    private final Map<String, Long> timings = new LinkedHashMap<>();

    /** Runs between the listing and the column query; lets a test drop a table mid-scan. */
    private Runnable afterListing = () -> {};

    PostgresSource(PostgresSettings settings, PluginContext context) {
        this.settings = settings;
        this.context = context;
        this.patterns = settings.patterns();
    }

    @Override
    public String name() {
        return settings.name();
    }

    void afterListing(Runnable hook) {
        this.afterListing = hook;
    }

    /** Milliseconds per phase of the last scan, for the benchmark and -v. */
    Map<String, Long> timings() {
        return timings;
    }

    private void lapFrom(long start, String phase) {
        timings.put(phase, (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void scan(ScanSink sink) {
        timings.clear();
        long start = System.nanoTime();
        try (Connection conn = PgConnections.open(settings)) {
            lapFrom(start, "connect");
            new Run(conn, sink).scan();
        } catch (SQLException e) {
            throw PgConnections.failed(settings, e);
        }
        context.reporter()
                .debug(name() + ": scanned " + settings.url().location(settings.database()) + " in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms (per phase, ms: " + timings + ")");
    }

    /** The state of one scan. */
    private final class Run {
        private final Connection conn;
        private final ScanSink sink;
        private String database;
        private long mark = System.nanoTime();

        Run(Connection conn, ScanSink sink) {
            this.conn = conn;
            this.sink = sink;
        }

        void scan() throws SQLException {
            try (Statement st = conn.createStatement();
                    ResultSet rs = st.executeQuery(PgCatalog.SERVER)) {
                rs.next();
                database = rs.getString(1);
            }
            List<Relation> relations = listRelations();
            lap("list");
            sink.expect(relations.size());
            afterListing.run();
            if (relations.isEmpty()) {
                return;
            }
            Long[] oids = relations.stream().map(Relation::oid).toArray(Long[]::new);
            Map<Long, List<Column>> columns = columns(oids);
            lap("columns");
            PgTypeMapper types = new PgTypeMapper(types(columns));
            lap("types");
            Map<Long, Keys> keys = constraints(oids);
            lap("constraints");

            List<Relation> present = new ArrayList<>();
            for (Relation r : relations) {
                List<Column> cols = columns.get(r.oid());
                if (cols == null) {
                    sink.problem(new ScanProblem(
                            name(),
                            r.qualified(),
                            "was dropped while the scan ran; nothing to do unless it should exist, then re-run the scan",
                            ErrorCode.SOURCE_FAILED,
                            null));
                    continue;
                }
                present.add(r);
                sink.dataset(dataset(r, cols, types, keys.getOrDefault(r.oid(), Keys.NONE)));
            }
            lap("datasets");
            usage(present);
            lap("usage");
            if (settings.includeLineage()) {
                if (settings.foreignKeyLineage()) {
                    foreignKeyLineage(present, keys);
                }
                viewLineage(present, columns);
                lap("lineage");
            }
        }

        /**
         * pg_stat_user_tables as it stands now, one usage sample per table: scans, rows changed and
         * the last maintenance. Counters run since the server's statistics were last reset.
         * Statistics are a side channel: when they cannot be read the scan still succeeds.
         */
        private void usage(List<Relation> present) {
            Map<Long, Relation> byOid = new HashMap<>();
            for (Relation r : present) {
                byOid.put(r.oid(), r);
            }
            if (byOid.isEmpty()) {
                return;
            }
            java.time.Instant now = context.clock().instant();
            try (PreparedStatement ps = conn.prepareStatement(PgCatalog.TABLE_STATISTICS)) {
                ps.setArray(1, conn.createArrayOf("int8", byOid.keySet().toArray(Long[]::new)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Relation r = byOid.get(rs.getLong(1));
                        Map<String, Long> counters = new TreeMap<>();
                        long seq = rs.getLong(2);
                        long idx = rs.getLong(3);
                        long ins = rs.getLong(4);
                        long upd = rs.getLong(5);
                        long del = rs.getLong(6);
                        counters.put(UsageSample.SEQ_SCANS, seq);
                        counters.put(UsageSample.INDEX_SCANS, idx);
                        counters.put(UsageSample.ROWS_INSERTED, ins);
                        counters.put(UsageSample.ROWS_UPDATED, upd);
                        counters.put(UsageSample.ROWS_DELETED, del);
                        counters.put(UsageSample.LIVE_ROWS, rs.getLong(7));
                        counters.put(UsageSample.DEAD_ROWS, rs.getLong(8));
                        counters.put(UsageSample.READS, seq + idx);
                        counters.put(UsageSample.WRITES, ins + upd + del);
                        Map<String, java.time.Instant> times = new TreeMap<>();
                        times.put(UsageSample.LAST_VACUUM, instant(rs.getTimestamp(9)));
                        times.put(UsageSample.LAST_AUTOVACUUM, instant(rs.getTimestamp(10)));
                        times.put(UsageSample.LAST_ANALYZE, instant(rs.getTimestamp(11)));
                        times.put(UsageSample.LAST_AUTOANALYZE, instant(rs.getTimestamp(12)));
                        sink.usage(new UsageSample(id(r.schema(), r.name()), now, "postgres", counters, times));
                    }
                }
            } catch (SQLException e) {
                context.reporter()
                        .warn(name() + ": could not read table statistics (pg_stat_user_tables), so no usage "
                                + "for this scan: " + e.getMessage());
            }
        }

        private void lap(String phase) {
            long now = System.nanoTime();
            timings.put(phase, (now - mark) / 1_000_000);
            mark = now;
        }

        private DatasetId id(String schema, String table) {
            return new DatasetId(settings.platform(), database + "." + schema + "." + table, context.environment());
        }

        private List<Relation> listRelations() throws SQLException {
            List<String> kinds = new ArrayList<>(List.of("r", "p", "f"));
            if (settings.includeViews()) {
                kinds.addAll(List.of("v", "m"));
            }
            List<Relation> out = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(
                    settings.exactSizes() ? PgCatalog.RELATIONS_EXACT_SIZES : PgCatalog.RELATIONS)) {
                ps.setArray(1, conn.createArrayOf("text", kinds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String schema = rs.getString(2);
                        String table = rs.getString(3);
                        if (!patterns.matches(schema, table)) {
                            continue;
                        }
                        out.add(new Relation(
                                rs.getLong(1),
                                schema,
                                table,
                                rs.getString(4).charAt(0),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getDouble(7),
                                nullableLong(rs, 8),
                                nullableDouble(rs, 9),
                                rs.getString(10),
                                rs.getString(11),
                                shorts(rs.getArray(12)),
                                nullableLong(rs, 13),
                                rs.getString(14),
                                rs.getString(15),
                                instant(rs.getTimestamp(16))));
                    }
                }
            }
            return out;
        }

        private Map<Long, List<Column>> columns(Long[] oids) throws SQLException {
            Map<Long, List<Column>> out = new HashMap<>();
            try (PreparedStatement ps = conn.prepareStatement(PgCatalog.COLUMNS)) {
                ps.setArray(1, conn.createArrayOf("int8", oids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<Column> cols = out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>());
                        int attnum = rs.getInt(2);
                        if (rs.wasNull()) {
                            continue; // a relation without columns
                        }
                        cols.add(new Column(
                                attnum,
                                rs.getString(3),
                                rs.getLong(4),
                                rs.getInt(5),
                                rs.getString(6),
                                rs.getBoolean(7) || rs.getBoolean(8),
                                rs.getString(9),
                                rs.getString(10),
                                rs.getString(11),
                                rs.getString(12)));
                    }
                }
            }
            return out;
        }

        private Map<Long, PgType> types(Map<Long, List<Column>> columns) throws SQLException {
            Set<Long> used = new LinkedHashSet<>();
            columns.values().forEach(cs -> cs.forEach(c -> used.add(c.typeOid())));
            Map<Long, PgType> out = new HashMap<>();
            if (used.isEmpty()) {
                return out;
            }
            try (PreparedStatement ps = conn.prepareStatement(PgCatalog.TYPES)) {
                ps.setArray(1, conn.createArrayOf("int8", used.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> names = strings(rs.getArray(12));
                        List<Long> memberTypes = longs(rs.getArray(13));
                        List<Long> memberMods = longs(rs.getArray(14));
                        List<PgType.Member> members = new ArrayList<>();
                        for (int i = 0; i < names.size() && i < memberTypes.size(); i++) {
                            members.add(new PgType.Member(
                                    names.get(i),
                                    memberTypes.get(i),
                                    i < memberMods.size() ? memberMods.get(i).intValue() : -1));
                        }
                        PgType t = new PgType(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4).charAt(0),
                                rs.getString(5).charAt(0),
                                rs.getLong(6),
                                rs.getLong(7),
                                rs.getInt(8),
                                rs.getBoolean(9),
                                rs.getString(10),
                                strings(rs.getArray(11)),
                                members);
                        out.put(t.oid(), t);
                    }
                }
            }
            return out;
        }

        private Map<Long, Keys> constraints(Long[] oids) throws SQLException {
            Map<Long, Keys> out = new HashMap<>();
            try (PreparedStatement ps = conn.prepareStatement(PgCatalog.CONSTRAINTS)) {
                ps.setArray(1, conn.createArrayOf("int8", oids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Keys keys =
                                out.computeIfAbsent(rs.getLong(1), k -> new Keys(new ArrayList<>(), new ArrayList<>()));
                        List<Integer> cols = shorts(rs.getArray(4));
                        if ("p".equals(rs.getString(2))) {
                            keys.primary().addAll(cols);
                        } else if (rs.getString(5) != null) {
                            keys.foreign()
                                    .add(new ForeignKey(
                                            rs.getString(3),
                                            cols,
                                            strings(rs.getArray(8)),
                                            id(rs.getString(5), rs.getString(6)),
                                            strings(rs.getArray(7))));
                        }
                    }
                }
            }
            return out;
        }

        private Dataset dataset(Relation r, List<Column> cols, PgTypeMapper types, Keys keys) {
            Map<Integer, String> names = new HashMap<>();
            cols.forEach(c -> names.put(c.attnum(), c.name()));
            Map<Integer, List<String[]>> fkByColumn = new HashMap<>();
            List<String> fkTexts = new ArrayList<>();
            for (ForeignKey fk : keys.foreign()) {
                List<String> local = new ArrayList<>();
                for (int i = 0; i < fk.columns().size(); i++) {
                    String target = i < fk.referencedColumns().size()
                            ? fk.referencedColumns().get(i)
                            : "?";
                    fkByColumn
                            .computeIfAbsent(fk.columns().get(i), k -> new ArrayList<>())
                            .add(new String[] {fk.name(), fk.referenced().shortName(), target});
                    local.add(names.getOrDefault(fk.columns().get(i), "?"));
                }
                fkTexts.add(fk.name() + " (" + String.join(", ", local) + ") -> "
                        + fk.referenced().shortName() + " (" + String.join(", ", fk.referencedColumns()) + ")");
            }
            List<Field> fields = new ArrayList<>();
            for (Column c : cols) {
                DataType type = types.map(c.typeOid(), c.typmod());
                Map<String, String> props = new TreeMap<>();
                if (c.typmod() < 0 && type.equals(PgTypeMapper.UNCONSTRAINED_NUMERIC)) {
                    props.put("numeric.unconstrained", "true");
                }
                if ("a".equals(c.identity())) {
                    props.put("identity", "always");
                } else if ("d".equals(c.identity())) {
                    props.put("identity", "by default");
                }
                String defaultValue = c.defaultValue();
                if ("s".equals(c.generated())) {
                    props.put("generated", c.defaultValue() == null ? "stored" : c.defaultValue());
                    defaultValue = null;
                }
                List<String[]> fks = fkByColumn.get(c.attnum());
                if (fks != null) {
                    props.put("foreign_key.constraint", join(fks, 0));
                    props.put("foreign_key.dataset", join(fks, 1));
                    props.put("foreign_key.column", join(fks, 2));
                    // The shared convention catalogs read (DataHub's schemaMetadata.foreignKeys).
                    props.put("foreignKey", fks.get(0)[1] + "#" + fks.get(0)[2]);
                }
                fields.add(Field.builder(c.name(), type)
                        .nullable(!c.notNull())
                        .nativeType(c.nativeType())
                        .description(c.description())
                        .defaultValue(defaultValue)
                        .identity("attnum:" + c.attnum())
                        .primaryKey(keys.primary().contains(c.attnum()))
                        .partitionKey(r.partitionColumns().contains(c.attnum()))
                        .properties(props)
                        .build());
            }
            Map<String, String> props = new TreeMap<>();
            props.put("relkind", String.valueOf(r.relkind()));
            if (r.owner() != null) {
                props.put("owner", r.owner());
            }
            if (r.viewDefinition() != null) {
                props.put("view_definition", r.viewDefinition().strip());
                props.put("is_view", "true");
            }
            if (r.partitionKey() != null) {
                props.put("partition_key", r.partitionKey());
            }
            if (r.partitions() != null) {
                props.put("partitions", String.valueOf(r.partitions()));
            }
            if (r.foreignServer() != null) {
                props.put("foreign_server", r.foreignServer());
            }
            if ("u".equals(r.persistence())) {
                props.put("unlogged", "true");
            }
            if (!keys.primary().isEmpty()) {
                props.put(
                        "primary_key",
                        String.join(
                                ", ",
                                keys.primary().stream()
                                        .map(n -> names.getOrDefault(n, "?"))
                                        .toList()));
            }
            if (!fkTexts.isEmpty()) {
                props.put("foreign_keys", String.join("; ", fkTexts));
            }
            return Dataset.builder(id(r.schema(), r.name()))
                    .description(r.description())
                    .subtype(r.subtype())
                    .fields(fields)
                    .properties(props)
                    .statistics(new Statistics(r.rowEstimate(), r.sizeBytes(), r.lastChanged()))
                    .location(settings.url().location(database) + "?table=" + r.qualified())
                    .build();
        }

        /**
         * A foreign key is lineage of kind DERIVED from the referenced table: the referencing column
         * takes its values from the referenced one, so `lineage impact` of a key column finds it.
         */
        private void foreignKeyLineage(List<Relation> relations, Map<Long, Keys> keys) {
            for (Relation r : relations) {
                Keys k = keys.get(r.oid());
                if (k == null || k.foreign().isEmpty()) {
                    continue;
                }
                DatasetId down = id(r.schema(), r.name());
                Map<DatasetId, List<ColumnMapping>> byUpstream = new LinkedHashMap<>();
                for (ForeignKey fk : k.foreign()) {
                    if (fk.referenced().equals(down)) {
                        continue; // a self-reference is kept as field properties only
                    }
                    List<ColumnMapping> maps = byUpstream.computeIfAbsent(fk.referenced(), x -> new ArrayList<>());
                    for (int i = 0;
                            i < fk.columnNames().size()
                                    && i < fk.referencedColumns().size();
                            i++) {
                        maps.add(new ColumnMapping(
                                List.of(fk.referencedColumns().get(i)),
                                fk.columnNames().get(i),
                                "FOREIGN KEY " + fk.name()));
                    }
                }
                byUpstream.forEach((up, maps) ->
                        sink.lineage(new LineageEdge(up, down, LineageType.DERIVED, 1.0, null, CREATED_BY, maps)));
            }
        }

        private void viewLineage(List<Relation> relations, Map<Long, List<Column>> columns) throws SQLException {
            List<Relation> views =
                    relations.stream().filter(r -> r.viewDefinition() != null).toList();
            if (views.isEmpty()) {
                return;
            }
            Object viewOids =
                    conn.createArrayOf("int8", views.stream().map(Relation::oid).toArray());
            Map<Long, ViewLineage.Uses> uses = new HashMap<>();
            try (PreparedStatement ps = conn.prepareStatement(PgCatalog.VIEW_DEPENDENCIES)) {
                ps.setArray(1, (Array) viewOids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        uses.computeIfAbsent(rs.getLong(1), k -> new ViewLineage.Uses())
                                .add(
                                        rs.getString(2),
                                        rs.getString(3),
                                        id(rs.getString(4), rs.getString(5)),
                                        rs.getString(6),
                                        rs.getLong(7),
                                        rs.getInt(8));
                    }
                }
            }
            Map<Long, String> rules = new HashMap<>();
            try (PreparedStatement ps = conn.prepareStatement(PgCatalog.VIEW_RULES)) {
                ps.setArray(1, (Array) viewOids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rules.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
            for (Relation v : views) {
                ViewLineage.Uses u = uses.getOrDefault(v.oid(), new ViewLineage.Uses());
                if (u.isEmpty()) {
                    continue; // a view over no table (SELECT 1)
                }
                List<String> viewColumns = columns.getOrDefault(v.oid(), List.of()).stream()
                        .map(Column::name)
                        .toList();
                List<RuleLineage.Output> rule = null;
                String ruleError = null;
                try {
                    String action = rules.get(v.oid());
                    if (action == null) {
                        throw new IllegalArgumentException("its rule was dropped while the scan ran");
                    }
                    rule = RuleLineage.outputs(action);
                    if (rule.size() != viewColumns.size()) {
                        throw new IllegalArgumentException(
                                "its rule has " + rule.size() + " columns, the view " + viewColumns.size());
                    }
                } catch (RuntimeException e) {
                    rule = null;
                    ruleError = e.getMessage();
                }
                List<ViewLineage.Origin> origins = null;
                String queryError = null;
                if (settings.viewQueryCheck() || rule == null) {
                    try {
                        origins = ViewLineage.origins(conn, v.viewDefinition(), settings.queryTimeout());
                    } catch (SQLException e) {
                        queryError = PgConnections.oneLine(e, settings);
                    }
                }
                if (rule == null && origins == null) {
                    sink.problem(new ScanProblem(
                            name(),
                            v.qualified(),
                            "column lineage of this view is unknown, only its tables are linked: its stored rule"
                                    + " could not be read (" + ruleError + ") and its query failed (" + queryError
                                    + "); grant the scanning user USAGE on the schemas and SELECT on the tables"
                                    + " the view reads, or report the rule text as a Lumos bug",
                            ErrorCode.SOURCE_FAILED,
                            null));
                } else if (queryError != null) {
                    context.reporter()
                            .warn(name() + ": " + v.qualified() + ": the view's query could not run (" + queryError
                                    + "); its column lineage comes from its stored rule alone. To confirm it, grant"
                                    + " the scanning user USAGE on the schemas and SELECT on the tables it reads");
                } else if (ruleError != null) {
                    context.reporter()
                            .warn(name() + ": " + v.qualified() + ": the view's stored rule could not be read ("
                                    + ruleError + "); only its pass-through columns have column lineage");
                }
                DatasetId down = id(v.schema(), v.name());
                for (LineageEdge edge : ViewLineage.edges(u, down, viewColumns, origins, rule)) {
                    sink.lineage(edge);
                }
            }
        }
    }
}
