package io.lumos.platform.local;

import io.lumos.domain.DatasetId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * What each source found at its last ingest ({@code ingest_sources}, {@code ingest_state}), so the
 * next ingest can tell which datasets disappeared.
 */
final class IngestStateStore {
    private final CatalogDatabase db;

    IngestStateStore(CatalogDatabase db) {
        this.db = db;
    }

    void recordIngest(String source, java.util.Collection<DatasetId> datasets) {
        db.begin();
        try (PreparedStatement clear = db.connection.prepareStatement("DELETE FROM ingest_state WHERE source = ?");
                PreparedStatement insert = db.connection.prepareStatement(
                        "INSERT OR IGNORE INTO ingest_state (source, urn) VALUES (?, ?)");
                PreparedStatement mark =
                        db.connection.prepareStatement("INSERT INTO ingest_sources (source, ingested_at) VALUES (?, ?) "
                                + "ON CONFLICT(source) DO UPDATE SET ingested_at = excluded.ingested_at")) {
            clear.setString(1, source);
            clear.executeUpdate();
            for (DatasetId id : datasets) {
                insert.setString(1, source);
                insert.setString(2, id.urn());
                insert.addBatch();
            }
            insert.executeBatch();
            mark.setString(1, source);
            mark.setString(2, db.now());
            mark.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("recording what " + source + " found", e);
        }
    }

    Optional<Set<DatasetId>> lastIngest(String source) {
        try (PreparedStatement known = db.connection.prepareStatement("SELECT 1 FROM ingest_sources WHERE source = ?");
                PreparedStatement s =
                        db.connection.prepareStatement("SELECT urn FROM ingest_state WHERE source = ? ORDER BY urn")) {
            known.setString(1, source);
            try (ResultSet rs = known.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
            }
            s.setString(1, source);
            Set<DatasetId> out = new java.util.TreeSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(db.id(rs.getString(1)));
                }
            }
            return Optional.of(out);
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("reading what " + source + " found last", e);
        }
    }
}
