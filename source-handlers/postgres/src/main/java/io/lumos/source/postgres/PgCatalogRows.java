package io.lumos.source.postgres;

import io.lumos.domain.DatasetId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows {@link PgCatalog}'s queries return (relations, columns, keys), and the readers of the
 * arrays and nullable columns they come in.
 */
final class PgCatalogRows {
    private PgCatalogRows() {}

    static String join(List<String[]> rows, int i) {
        return String.join(", ", rows.stream().map(r -> r[i]).toList());
    }

    static Long nullableLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    static Double nullableDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    static List<Integer> shorts(Array a) throws SQLException {
        List<Integer> out = new ArrayList<>();
        if (a != null) {
            for (Object o : (Object[]) a.getArray()) {
                if (o != null) {
                    out.add(((Number) o).intValue());
                }
            }
        }
        return out;
    }

    static List<Long> longs(Array a) throws SQLException {
        List<Long> out = new ArrayList<>();
        if (a != null) {
            for (Object o : (Object[]) a.getArray()) {
                out.add(o == null ? -1L : ((Number) o).longValue());
            }
        }
        return out;
    }

    static java.time.Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static List<String> strings(Array a) throws SQLException {
        List<String> out = new ArrayList<>();
        if (a != null) {
            for (Object o : (Object[]) a.getArray()) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    record Relation(
            long oid,
            String schema,
            String name,
            char relkind,
            String owner,
            String description,
            double reltuples,
            Long sizeBytes,
            Double partitionRows,
            String viewDefinition,
            String partitionKey,
            List<Integer> partitionColumns,
            Long partitions,
            String foreignServer,
            String persistence,
            java.time.Instant lastChanged) {

        /** The name as a user would type it in psql, for messages and locations. */
        String qualified() {
            return PgIdentifiers.display(schema, name);
        }

        String subtype() {
            return switch (relkind) {
                case 'v' -> "view";
                case 'm' -> "materialized_view";
                case 'p' -> "partitioned_table";
                case 'f' -> "foreign_table";
                default -> "table";
            };
        }

        /** reltuples, or the partitions' sum; -1 (never analyzed) is unknown, not zero. */
        Long rowEstimate() {
            if (relkind == 'p') {
                return partitionRows == null ? null : Math.round(partitionRows);
            }
            if (relkind == 'v' || relkind == 'f' || reltuples < 0) {
                return null;
            }
            return Math.round(reltuples);
        }
    }

    record Column(
            int attnum,
            String name,
            long typeOid,
            int typmod,
            String nativeType,
            boolean notNull,
            String defaultValue,
            String description,
            String identity,
            String generated) {}

    record Keys(List<Integer> primary, List<ForeignKey> foreign) {
        static final Keys NONE = new Keys(List.of(), List.of());
    }

    record ForeignKey(
            String name,
            List<Integer> columns,
            List<String> columnNames,
            DatasetId referenced,
            List<String> referencedColumns) {}
}
