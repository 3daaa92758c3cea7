package io.lumos.source.postgres;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGResultSetMetaData;

/**
 * Lineage of a view without an SQL parser. Its tables and the columns it reads come from the
 * dependencies of its rewrite rule; which output column is computed from which table columns comes
 * from the rule's stored query tree ({@link RuleLineage}); pass-through columns are confirmed by the
 * origin PostgreSQL reports for each column of the view's query (table oid and attnum in the row
 * description, read through PgJDBC's result-set metadata).
 */
final class ViewLineage {
    static final String IDENTITY = "IDENTITY";
    static final String TRANSFORMED = "TRANSFORMED";

    private ViewLineage() {}

    /** Where one output column of a view comes from; all null for an expression. */
    record Origin(String schema, String table, String column) {
        boolean isPassThrough() {
            return table != null && !table.isEmpty() && column != null && !column.isEmpty();
        }
    }

    /** What a view reads: per upstream dataset, the columns it uses. */
    static final class Uses {
        private final Map<DatasetId, Set<String>> columns = new LinkedHashMap<>();
        private final Map<String, DatasetId> byName = new HashMap<>();
        private final Map<Long, DatasetId> byOid = new HashMap<>();
        private final Map<RuleLineage.Column, String> columnNames = new HashMap<>();

        void add(String schema, String table, DatasetId id, String column, long relid, int attnum) {
            Set<String> cols = columns.computeIfAbsent(id, k -> new LinkedHashSet<>());
            if (column != null) {
                cols.add(column);
                columnNames.put(new RuleLineage.Column(relid, attnum), column);
            }
            byName.put(schema + "\u0000" + table, id);
            byOid.put(relid, id);
        }

        boolean isEmpty() {
            return columns.isEmpty();
        }

        DatasetId idOf(String schema, String table) {
            return byName.get(schema + "\u0000" + table);
        }

        Map<DatasetId, Set<String>> columns() {
            return columns;
        }
    }

    /**
     * The origin of each output column, by running the view's definition with {@code LIMIT 0}: the
     * planner resolves every name but no row is read. Selecting from the view itself would only name
     * the view, so its definition is inlined (it is PostgreSQL's own deparsed text).
     */
    static List<Origin> origins(Connection conn, String definition, Duration timeout) throws SQLException {
        String body = definition.strip();
        while (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        try (Statement st = conn.createStatement()) {
            st.setEscapeProcessing(false);
            st.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            try (ResultSet rs = st.executeQuery("SELECT * FROM (" + body + "\n) lumos_view LIMIT 0")) {
                PGResultSetMetaData md = rs.getMetaData().unwrap(PGResultSetMetaData.class);
                int n = rs.getMetaData().getColumnCount();
                List<Origin> out = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    out.add(new Origin(md.getBaseSchemaName(i), md.getBaseTableName(i), md.getBaseColumnName(i)));
                }
                return out;
            }
        }
    }

    /**
     * One VIEW edge per upstream, with column mappings: pass-through columns as IDENTITY, computed
     * ones as TRANSFORMED from every table column their expression reads. The rule's query tree
     * decides; the query's origins (when it could run) confirm pass-throughs. With neither, the
     * edges carry no column mappings rather than guesses.
     */
    static List<LineageEdge> edges(
            Uses uses, DatasetId view, List<String> viewColumns, List<Origin> origins, List<RuleLineage.Output> rule) {
        Map<DatasetId, List<ColumnMapping>> maps = new LinkedHashMap<>();
        uses.columns().keySet().forEach(id -> maps.put(id, new ArrayList<>()));
        for (int i = 0; i < viewColumns.size(); i++) {
            String out = viewColumns.get(i);
            Origin o = origins != null && i < origins.size() ? origins.get(i) : null;
            RuleLineage.Output r = rule != null && i < rule.size() ? rule.get(i) : null;
            DatasetId originTable = o != null && o.isPassThrough() ? uses.idOf(o.schema(), o.table()) : null;
            if (originTable != null && (r == null || r.passThrough())) {
                add(maps, view, originTable, new ColumnMapping(List.of(o.column()), out, IDENTITY));
                continue;
            }
            if (r == null) {
                continue;
            }
            Map<DatasetId, List<String>> read = new LinkedHashMap<>();
            List<RuleLineage.Column> used = new ArrayList<>(r.uses());
            // table order, then column order: the same view always prints the same mapping
            used.sort(java.util.Comparator.comparingLong(RuleLineage.Column::relid)
                    .thenComparingInt(RuleLineage.Column::attnum));
            for (RuleLineage.Column c : used) {
                DatasetId id = uses.byOid.get(c.relid());
                if (id == null) {
                    continue;
                }
                List<String> cols = read.computeIfAbsent(id, k -> new ArrayList<>());
                if (c.attnum() == 0) {
                    cols.addAll(uses.columns().get(id)); // a whole row reads all it uses
                } else {
                    String name = uses.columnNames.get(c);
                    if (name != null && !cols.contains(name)) {
                        cols.add(name);
                    }
                }
            }
            boolean identity = r.passThrough() && read.size() == 1;
            read.forEach((id, cols) -> {
                if (!cols.isEmpty()) {
                    add(maps, view, id, new ColumnMapping(cols, out, identity ? IDENTITY : TRANSFORMED));
                }
            });
        }
        List<LineageEdge> edges = new ArrayList<>();
        maps.forEach((up, cols) -> {
            if (!up.equals(view)) {
                edges.add(new LineageEdge(up, view, LineageType.VIEW, 1.0, null, PostgresSource.CREATED_BY, cols));
            }
        });
        return edges;
    }

    private static void add(Map<DatasetId, List<ColumnMapping>> maps, DatasetId view, DatasetId up, ColumnMapping m) {
        if (!up.equals(view)) {
            maps.computeIfAbsent(up, k -> new ArrayList<>()).add(m);
        }
    }
}
