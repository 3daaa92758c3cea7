package io.lumos.platform.local;

import static io.lumos.platform.local.CatalogDatabase.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.lineage.IntLineage;
import io.lumos.json.ModelJson;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage of the local catalog: the edges ({@code lineage}) and the integer adjacency beside
 * them ({@code lineage_nodes}, {@code lineage_adj}) that a cold walk of a large graph reads without
 * touching a URN. The caller holds the catalog's lock.
 */
final class LineageStore {
    private final CatalogDatabase db;

    LineageStore(CatalogDatabase db) {
        this.db = db;
    }

    void writeLineage(List<LineageEdge> edges) {
        if (edges.isEmpty()) {
            return;
        }
        String now = db.now();
        db.begin();
        try (PreparedStatement upsert = db.connection.prepareStatement(
                "INSERT INTO lineage (upstream, downstream, type, confidence, created_at, created_by, columns) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(upstream, downstream) DO UPDATE SET "
                        + "type = excluded.type, confidence = excluded.confidence, "
                        + "created_at = COALESCE(lineage.created_at, excluded.created_at), "
                        + "created_by = COALESCE(excluded.created_by, lineage.created_by), columns = excluded.columns "
                        + "WHERE lineage.type IS NOT excluded.type OR lineage.confidence IS NOT excluded.confidence "
                        + "OR lineage.columns IS NOT excluded.columns "
                        + "OR lineage.created_by IS NOT COALESCE(excluded.created_by, lineage.created_by)")) {
            for (LineageEdge e : edges) {
                upsert.setString(1, e.upstream().urn());
                upsert.setString(2, e.downstream().urn());
                upsert.setString(3, e.type().name());
                upsert.setDouble(4, e.confidence());
                upsert.setString(5, e.createdAt() == null ? now : e.createdAt().toString());
                upsert.setString(6, e.createdBy());
                upsert.setString(7, columnsJson(e.columns()));
                upsert.addBatch();
            }
            upsert.executeBatch();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("writing lineage", e);
        }
    }

    private static String columnsJson(List<ColumnMapping> columns) {
        if (columns.isEmpty()) {
            return null;
        }
        ArrayNode array = ModelJson.mapper().createArrayNode();
        for (ColumnMapping c : columns) {
            var n = array.addObject();
            var ups = n.putArray("upstream");
            c.upstreamColumns().forEach(ups::add);
            n.put("downstream", c.downstreamColumn());
            if (c.transformation() != null) {
                n.put("transformation", c.transformation());
            }
            if (c.transformationType() != null) {
                n.put("transformationType", c.transformationType());
            }
            if (c.transformationSubtype() != null) {
                n.put("transformationSubtype", c.transformationSubtype());
            }
        }
        return array.toString();
    }

    void removeLineage(DatasetId upstream, DatasetId downstream) {
        db.update(
                "removing lineage",
                "DELETE FROM lineage WHERE upstream = ? AND downstream = ?",
                upstream.urn(),
                downstream.urn());
    }

    List<LineageEdge> upstreamEdges(DatasetId id) {
        return edges(
                "SELECT upstream, downstream, type, confidence, created_at, created_by, columns FROM lineage "
                        + "WHERE downstream = ? ORDER BY upstream",
                id.urn());
    }

    List<LineageEdge> downstreamEdges(DatasetId id) {
        return edges(
                "SELECT upstream, downstream, type, confidence, created_at, created_by, columns FROM lineage "
                        + "WHERE upstream = ? ORDER BY downstream",
                id.urn());
    }

    /** One recursive query walks the graph inside SQLite, so a cold process never loads every edge. */
    List<LineageEdge> lineageClosure(DatasetId id, boolean downstream, int depth) {
        String from = downstream ? "upstream" : "downstream";
        String to = downstream ? "downstream" : "upstream";
        String columns = "l.upstream, l.downstream, l.type, l.confidence, l.created_at, l.created_by, l.columns";
        if (depth >= Integer.MAX_VALUE / 2 && reachesMoreThan(id, from, to, CLOSURE_SCAN_LIMIT)) {
            // Most of a large graph is reachable: one scan of the table beats walking it row by row.
            // In table order: the graph orders neighbours itself, so lineage()'s sort is not needed.
            return edges("SELECT upstream, downstream, type, confidence, created_at, created_by, columns FROM lineage");
        }
        // IN (subquery) gets an index from SQLite; a join against the recursive table would scan it per edge.
        String sql = depth >= Integer.MAX_VALUE / 2
                // Unbounded: each dataset once.
                ? "WITH RECURSIVE reach(urn) AS (SELECT ? UNION SELECT l." + to + " FROM lineage l JOIN reach r ON l."
                        + from + " = r.urn) SELECT " + columns + " FROM lineage l WHERE l." + from
                        + " IN (SELECT urn FROM reach)"
                : "WITH RECURSIVE reach(urn, depth) AS (SELECT ?, 0 UNION SELECT l." + to
                        + ", r.depth + 1 FROM lineage l"
                        + " JOIN reach r ON l." + from + " = r.urn WHERE r.depth < " + depth + ") SELECT " + columns
                        + " FROM lineage l WHERE l." + from + " IN (SELECT urn FROM reach WHERE depth < " + depth + ")";
        return edges(sql, id.urn());
    }

    private static final int CLOSURE_SCAN_LIMIT = 100_000;

    /** Past this many datasets reached, {@link #lineageIndex} reads the whole adjacency (tests lower it). */
    static int closureScanLimit = CLOSURE_SCAN_LIMIT;

    /** Walks at most {@code limit + 1} datasets (the LIMIT stops the recursion) and says if it got there. */
    private boolean reachesMoreThan(DatasetId id, String from, String to, int limit) {
        String sql =
                "WITH RECURSIVE reach(urn) AS (SELECT ? UNION SELECT l." + to + " FROM lineage l JOIN reach r ON l."
                        + from + " = r.urn LIMIT " + (limit + 1) + ") SELECT count(*) FROM reach";
        try (PreparedStatement s = db.connection.prepareStatement(sql)) {
            s.setString(1, id.urn());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getLong(1) > limit;
            }
        } catch (SQLException e) {
            throw db.failure("walking lineage", e);
        }
    }

    /**
     * The lineage as {@code lineage_adj} holds it, read in one pass into int arrays, with each
     * dataset's rank in URN order from the index on {@code lineage_nodes.urn}: no URN is read until
     * a caller asks for a dataset. (The ranks follow SQLite's byte order of the URNs, which is
     * Java's string order for every URN without characters beyond the Basic Multilingual Plane.)
     */
    Optional<IntLineage> lineageIndex(DatasetId from) {
        try (Statement s = db.connection.createStatement()) {
            int count;
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM lineage_nodes")) {
                rs.next();
                count = rs.getInt(1);
            }
            Nodes nodes = new Nodes();
            int root = nodes.nodeOf(from);
            if (root < 0) {
                return Optional.of(new IntLineage(0, new int[0], new int[0], new int[0], nodes));
            }
            // A reach of at most closureScanLimit datasets is walked inside SQLite, on integers; a
            // larger one reads the whole adjacency in one pass, which is then cheaper.
            String reach = "WITH RECURSIVE reach(id) AS (SELECT " + root + " UNION SELECT a.dst FROM lineage_adj a"
                    + " JOIN reach r ON a.src = r.id LIMIT " + (closureScanLimit + 1) + ") ";
            boolean small;
            try (ResultSet rs = s.executeQuery(reach + "SELECT count(*) FROM reach")) {
                rs.next();
                small = rs.getInt(1) <= closureScanLimit;
            }
            if (small) {
                int[] rank = new int[count];
                try (ResultSet rs = s.executeQuery(
                        reach + "SELECT id FROM lineage_nodes WHERE id IN (SELECT id FROM reach) ORDER BY urn")) {
                    int r = 0;
                    while (rs.next()) {
                        rank[rs.getInt(1)] = r++;
                    }
                }
                List<int[]> pairs = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(
                        reach + "SELECT src, dst FROM lineage_adj WHERE src IN (SELECT id FROM reach)")) {
                    while (rs.next()) {
                        pairs.add(new int[] {rs.getInt(1), rs.getInt(2)});
                    }
                }
                int[] src = new int[pairs.size()];
                int[] dst = new int[pairs.size()];
                for (int i = 0; i < src.length; i++) {
                    src[i] = pairs.get(i)[0];
                    dst[i] = pairs.get(i)[1];
                }
                return Optional.of(new IntLineage(count, src, dst, rank, nodes));
            }
            int[] rank = new int[count];
            try (ResultSet rs = s.executeQuery("SELECT id FROM lineage_nodes ORDER BY urn")) {
                int r = 0;
                while (rs.next()) {
                    rank[rs.getInt(1)] = r++;
                }
            }
            int edges;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM lineage_adj")) {
                rs.next();
                edges = rs.getInt(1);
            }
            int[] src = new int[edges];
            int[] dst = new int[edges];
            int e = 0;
            try (ResultSet rs = s.executeQuery("SELECT src, dst FROM lineage_adj")) {
                while (rs.next() && e < edges) {
                    src[e] = rs.getInt(1);
                    dst[e] = rs.getInt(2);
                    e++;
                }
            }
            return Optional.of(new IntLineage(
                    count, java.util.Arrays.copyOf(src, e), java.util.Arrays.copyOf(dst, e), rank, nodes));
        } catch (SQLException e) {
            throw db.failure("reading lineage", e);
        }
    }

    /** Dataset numbers to ids, looked up one by one, or all at once when many are asked for. */
    private final class Nodes implements IntLineage.Nodes {
        private static final int ONE_BY_ONE = 2048;
        private final Map<Integer, DatasetId> looked = new HashMap<>();
        private String[] all;

        @Override
        public int nodeOf(DatasetId id) {
            synchronized (db.lock) {
                try (PreparedStatement s =
                        db.connection.prepareStatement("SELECT id FROM lineage_nodes WHERE urn = ?")) {
                    s.setString(1, id.urn());
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? rs.getInt(1) : -1;
                    }
                } catch (SQLException e) {
                    throw db.failure("reading lineage", e);
                }
            }
        }

        @Override
        public DatasetId id(int node) {
            synchronized (db.lock) {
                if (all == null && looked.size() >= ONE_BY_ONE) {
                    all = allUrns();
                }
                if (all != null) {
                    return db.id(all[node]);
                }
                return looked.computeIfAbsent(node, n -> db.id(urnOf(n)));
            }
        }

        private String urnOf(int node) {
            try (PreparedStatement s = db.connection.prepareStatement("SELECT urn FROM lineage_nodes WHERE id = ?")) {
                s.setInt(1, node);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new LumosException(
                                ErrorCode.CATALOG_FAILED,
                                "lineage names dataset number " + node + " that " + db.path + " does not have");
                    }
                    return text(rs, 1);
                }
            } catch (SQLException e) {
                throw db.failure("reading lineage", e);
            }
        }

        private String[] allUrns() {
            try (Statement s = db.connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, urn FROM lineage_nodes")) {
                List<String> urns = new ArrayList<>();
                while (rs.next()) {
                    int id = rs.getInt(1);
                    while (urns.size() <= id) {
                        urns.add(null);
                    }
                    urns.set(id, text(rs, 2));
                }
                return urns.toArray(new String[0]);
            } catch (SQLException e) {
                throw db.failure("reading lineage", e);
            }
        }
    }

    List<LineageEdge> lineage() {
        return edges("SELECT upstream, downstream, type, confidence, created_at, created_by, columns FROM lineage "
                + "ORDER BY downstream, upstream");
    }

    private List<LineageEdge> edges(String sql, String... args) {
        try (PreparedStatement s = db.connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<LineageEdge> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String created = text(rs, 5);
                    String columns = text(rs, 7);
                    out.add(new LineageEdge(
                            db.id(text(rs, 1)),
                            db.id(text(rs, 2)),
                            LineageType.valueOf(text(rs, 3)),
                            rs.getDouble(4),
                            created == null ? null : instant(created),
                            text(rs, 6),
                            columns == null ? List.of() : columns(columns)));
                }
            }
            return out;
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("reading lineage", e);
        }
    }

    private final Map<String, Instant> instants = new HashMap<>();

    /** Edges written together share their time; parsing ISO text is slow, so parse each once. */
    private Instant instant(String text) {
        if (instants.size() > 4096) {
            instants.clear(); // edges from many runs: keep the cache small, it only saves parsing
        }
        return instants.computeIfAbsent(text, Instant::parse);
    }

    private static List<ColumnMapping> columns(String json) {
        try {
            List<ColumnMapping> out = new ArrayList<>();
            for (JsonNode n : ModelJson.mapper().readTree(json)) {
                List<String> ups = new ArrayList<>();
                n.path("upstream").forEach(u -> ups.add(u.asText()));
                out.add(new ColumnMapping(
                        ups,
                        n.path("downstream").asText(),
                        n.hasNonNull("transformation") ? n.get("transformation").asText() : null,
                        n.hasNonNull("transformationType")
                                ? n.get("transformationType").asText()
                                : null,
                        n.hasNonNull("transformationSubtype")
                                ? n.get("transformationSubtype").asText()
                                : null));
            }
            return out;
        } catch (IOException e) {
            throw new LumosException(
                    ErrorCode.CATALOG_FAILED, "corrupt column lineage in the local catalog: " + json, e);
        }
    }
}
