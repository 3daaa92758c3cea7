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
 * dependencies of its rewrite rule; which output column passes which input through comes from the
 * origin PostgreSQL reports for each column of the view's query (table oid and attnum in the row
 * description). Output columns with no origin are expressions: they are linked to the columns the
 * view reads, marked as a transformation.
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

        void add(String schema, String table, DatasetId id, String column) {
            Set<String> cols = columns.computeIfAbsent(id, k -> new LinkedHashSet<>());
            if (column != null) {
                cols.add(column);
            }
            byName.put(schema + "\u0000" + table, id);
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
     * One VIEW edge per upstream, with column mappings: pass-through columns as IDENTITY, expressions
     * as TRANSFORMED from the columns the view reads. Without origins (the query failed) the edges
     * carry no column mappings rather than guesses.
     */
    static List<LineageEdge> edges(Uses uses, DatasetId view, List<String> viewColumns, List<Origin> origins) {
        Map<DatasetId, List<ColumnMapping>> maps = new LinkedHashMap<>();
        uses.columns().keySet().forEach(id -> maps.put(id, new ArrayList<>()));
        if (origins != null) {
            for (int i = 0; i < viewColumns.size() && i < origins.size(); i++) {
                String out = viewColumns.get(i);
                Origin o = origins.get(i);
                DatasetId up = o.isPassThrough() ? uses.idOf(o.schema(), o.table()) : null;
                if (up != null && !up.equals(view)) {
                    maps.get(up).add(new ColumnMapping(List.of(o.column()), out, IDENTITY));
                    continue;
                }
                uses.columns().forEach((id, cols) -> {
                    if (!cols.isEmpty() && !id.equals(view)) {
                        maps.get(id).add(new ColumnMapping(List.copyOf(cols), out, TRANSFORMED));
                    }
                });
            }
        }
        List<LineageEdge> edges = new ArrayList<>();
        maps.forEach((up, cols) -> {
            if (!up.equals(view)) {
                edges.add(new LineageEdge(up, view, LineageType.VIEW, 1.0, null, PostgresSource.CREATED_BY, cols));
            }
        });
        return edges;
    }
}
