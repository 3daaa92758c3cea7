package io.lumos.platform.local;

import io.lumos.domain.DatasetId;
import io.lumos.json.ModelJson;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.PipelineRun;
import io.lumos.spi.run.RunEvent;
import io.lumos.spi.run.RunQuery;
import io.lumos.spi.run.RunRecord;
import io.lumos.spi.run.RunState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The run tables of the local catalog (migration 2). A run's row holds the state with the latest
 * event time (on a tie a final state beats START and RUNNING), so events that arrive out of order
 * end where the producer ended; every state change is kept beside it. The caller holds the
 * catalog's lock and handles the transaction.
 */
final class LocalRuns {
    /** Fixed width, so that the text order of two times is their time order. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final String RANK = "CASE %s WHEN 'START' THEN 0 WHEN 'RUNNING' THEN 1 ELSE 2 END";

    private static final String COLUMNS =
            "run_id, namespace, job, state, started_at, ended_at, duration_ms, " + "exit_code, error, parent";

    private final Connection connection;

    LocalRuns(Connection connection) {
        this.connection = connection;
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    void write(RunEvent e) throws SQLException {
        writeAll(List.of(e));
    }

    /**
     * Records the state changes in order, with three statements prepared once: a run's datasets
     * named again by its later events in the same call are not written again.
     */
    void writeAll(List<RunEvent> events) throws SQLException {
        // state, its time and what only a final event carries follow the latest event; what any event
        // may carry (parent, args, start) is filled in whatever the order
        String newer = "(excluded.event_time > runs.event_time OR (excluded.event_time = runs.event_time AND "
                + RANK.formatted("excluded.state") + " >= " + RANK.formatted("runs.state") + "))";
        try (PreparedStatement upsert = connection.prepareStatement(
                        "INSERT INTO runs (run_id, namespace, job, state, "
                                + "event_time, started_at, ended_at, duration_ms, exit_code, error, parent, args) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(run_id) DO UPDATE SET "
                                + "state = CASE WHEN " + newer + " THEN excluded.state ELSE runs.state END, "
                                + "ended_at = CASE WHEN " + newer + " THEN COALESCE(excluded.ended_at, runs.ended_at) "
                                + "ELSE COALESCE(runs.ended_at, excluded.ended_at) END, "
                                + "duration_ms = CASE WHEN " + newer
                                + " THEN COALESCE(excluded.duration_ms, runs.duration_ms) "
                                + "ELSE COALESCE(runs.duration_ms, excluded.duration_ms) END, "
                                + "exit_code = CASE WHEN " + newer
                                + " THEN COALESCE(excluded.exit_code, runs.exit_code) "
                                + "ELSE COALESCE(runs.exit_code, excluded.exit_code) END, "
                                + "error = CASE WHEN " + newer + " THEN COALESCE(excluded.error, runs.error) "
                                + "ELSE COALESCE(runs.error, excluded.error) END, "
                                + "event_time = max(runs.event_time, excluded.event_time), "
                                + "started_at = min(runs.started_at, excluded.started_at), "
                                + "parent = COALESCE(runs.parent, excluded.parent), args = COALESCE(runs.args, excluded.args)");
                PreparedStatement state = connection.prepareStatement(
                        "INSERT OR IGNORE INTO run_states (run_id, state, event_time) VALUES (?, ?, ?)");
                PreparedStatement ds = connection.prepareStatement(
                        "INSERT OR IGNORE INTO run_datasets (run_id, urn, direction) VALUES (?, ?, ?)")) {
            Map<String, java.util.Set<String>> named = new java.util.HashMap<>();
            for (RunEvent e : events) {
                String runId = e.runId().toString();
                String eventTime = time(e.eventTime());
                boolean terminal = e.state().isTerminal();
                upsert.setString(1, runId);
                upsert.setString(2, e.namespaceOr(PipelineRun.DEFAULT_NAMESPACE));
                upsert.setString(3, e.job());
                upsert.setString(4, e.state().name());
                upsert.setString(5, eventTime);
                upsert.setString(6, time(e.startedAt()));
                upsert.setString(7, terminal ? eventTime : null);
                upsert.setObject(8, e.duration() == null ? null : e.duration().toMillis());
                upsert.setObject(9, e.exitCode());
                upsert.setString(10, e.error() == null ? null : e.error().describe());
                upsert.setString(11, e.parent() == null ? null : e.parent().toString());
                upsert.setString(
                        12,
                        e.args().isEmpty()
                                ? null
                                : ModelJson.mapper()
                                        .valueToTree(new TreeMap<>(e.args()))
                                        .toString());
                upsert.executeUpdate();
                state.setString(1, runId);
                state.setString(2, e.state().name());
                state.setString(3, eventTime);
                state.executeUpdate();
                java.util.Set<String> seen = named.computeIfAbsent(runId, k -> new java.util.HashSet<>());
                int rows = 0;
                for (DatasetId id : e.inputs()) {
                    rows += dataset(ds, seen, runId, id, "input");
                }
                for (DatasetId id : e.outputs()) {
                    rows += dataset(ds, seen, runId, id, "output");
                }
                if (rows > 0) {
                    ds.executeBatch();
                }
            }
        }
    }

    private static int dataset(
            PreparedStatement ds, java.util.Set<String> seen, String runId, DatasetId id, String direction)
            throws SQLException {
        String urn = id.urn();
        if (!seen.add(direction + ' ' + urn)) {
            return 0;
        }
        ds.setString(1, runId);
        ds.setString(2, urn);
        ds.setString(3, direction);
        ds.addBatch();
        return 1;
    }

    List<RunRecord> find(RunQuery q) throws SQLException {
        List<RunRecord> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM runs "
                + "WHERE (?1 IS NULL OR job = ?1) AND (?2 IS NULL OR state = ?2) "
                + "ORDER BY started_at DESC, run_id LIMIT ?3")) {
            s.setString(1, q.job());
            s.setString(2, q.state() == null ? null : q.state().name());
            s.setInt(3, q.limit());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        List<RunRecord> full = new ArrayList<>(out.size());
        for (RunRecord r : out) {
            full.add(withDetails(r));
        }
        return full;
    }

    Optional<RunRecord> get(UUID runId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE run_id = ?")) {
            s.setString(1, runId.toString());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                RunRecord r = row(rs);
                return Optional.of(withDetails(r));
            }
        }
    }

    Optional<RunRecord> lastOf(DatasetId dataset, boolean output) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT r.run_id FROM run_datasets d "
                + "JOIN runs r ON r.run_id = d.run_id WHERE d.urn = ? AND d.direction = ? "
                + "ORDER BY r.started_at DESC, r.run_id LIMIT 1")) {
            s.setString(1, dataset.urn());
            s.setString(2, output ? "output" : "input");
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return get(UUID.fromString(rs.getString(1)));
            }
        }
    }

    private static RunRecord row(ResultSet rs) throws SQLException {
        String ended = rs.getString(6);
        long duration = rs.getLong(7);
        boolean hasDuration = !rs.wasNull();
        int exit = rs.getInt(8);
        boolean hasExit = !rs.wasNull();
        String parent = rs.getString(10);
        return new RunRecord(
                UUID.fromString(rs.getString(1)),
                rs.getString(2),
                rs.getString(3),
                RunState.valueOf(rs.getString(4)),
                Instant.parse(rs.getString(5)),
                ended == null ? null : Instant.parse(ended),
                hasDuration
                        ? Duration.ofMillis(duration)
                        // a run read from events (OpenLineage) states no duration: its two times do
                        : ended == null ? null : Duration.between(Instant.parse(rs.getString(5)), Instant.parse(ended)),
                hasExit ? exit : null,
                rs.getString(9),
                parent == null ? null : parseParent(parent),
                List.of(),
                List.of(),
                List.of());
    }

    private static ParentRun parseParent(String text) {
        try {
            return ParentRun.parse(text);
        } catch (IllegalArgumentException e) {
            return null; // written by us, so always well-formed; a hand edit loses only the link
        }
    }

    private RunRecord withDetails(RunRecord r) throws SQLException {
        Map<String, List<DatasetId>> datasets = new TreeMap<>();
        datasets.put("input", new ArrayList<>());
        datasets.put("output", new ArrayList<>());
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT direction, urn FROM run_datasets WHERE run_id = ? ORDER BY rowid")) {
            s.setString(1, r.runId().toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    datasets.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(DatasetId.parse(rs.getString(2), "PROD"));
                }
            }
        }
        List<RunRecord.StateChange> history = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT state, event_time FROM run_states WHERE run_id = ? ORDER BY event_time, "
                        + RANK.formatted("state"))) {
            s.setString(1, r.runId().toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    history.add(new RunRecord.StateChange(
                            RunState.valueOf(rs.getString(1)), Instant.parse(rs.getString(2))));
                }
            }
        }
        return new RunRecord(
                r.runId(),
                r.namespace(),
                r.job(),
                r.state(),
                r.startedAt(),
                r.endedAt(),
                r.duration(),
                r.exitCode(),
                r.error(),
                r.parent(),
                datasets.get("input"),
                datasets.get("output"),
                history);
    }
}
