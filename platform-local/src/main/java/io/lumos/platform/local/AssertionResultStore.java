package io.lumos.platform.local;

import io.lumos.domain.assertion.AssertionKind;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.assertion.AssertionStatus;
import io.lumos.domain.diff.Severity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The assertion results of the local catalog ({@code assertion_results}). */
final class AssertionResultStore {
    private final CatalogDatabase db;

    AssertionResultStore(CatalogDatabase db) {
        this.db = db;
    }

    void writeAssertionResults(List<AssertionResult> results) {
        if (results.isEmpty()) {
            return;
        }
        db.begin();
        try (PreparedStatement insert = db.connection.prepareStatement(
                "INSERT OR REPLACE INTO assertion_results (urn, check_name, kind, status, severity, expected, actual, "
                        + "reason, evaluated_at, phase) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AssertionResult r : results) {
                insert.setString(1, r.dataset().urn());
                insert.setString(2, r.check());
                insert.setString(3, r.kind().name());
                insert.setString(4, r.status().name());
                insert.setString(5, r.severity().name());
                insert.setString(6, r.expected());
                insert.setString(7, r.actual());
                insert.setString(8, r.reason());
                insert.setString(9, r.evaluatedAt().toString());
                insert.setString(10, r.phase());
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("writing assertion results", e);
        }
    }

    List<AssertionResult> assertionResults() {
        List<AssertionResult> out = new ArrayList<>();
        try (Statement s = db.connection.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT urn, check_name, kind, status, severity, expected, actual, reason, "
                                + "evaluated_at, phase FROM assertion_results ORDER BY evaluated_at, urn, check_name")) {
            while (rs.next()) {
                out.add(new AssertionResult(
                        db.id(rs.getString(1)),
                        rs.getString(2),
                        AssertionKind.valueOf(rs.getString(3)),
                        AssertionStatus.valueOf(rs.getString(4)),
                        Severity.valueOf(rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        Instant.parse(rs.getString(9)),
                        rs.getString(10)));
            }
            return out;
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("reading assertion results", e);
        }
    }
}
