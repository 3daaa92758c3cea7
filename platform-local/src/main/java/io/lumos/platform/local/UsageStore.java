package io.lumos.platform.local;

import io.lumos.domain.usage.UsageSample;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The usage time series of the local catalog ({@code usage_samples}). */
final class UsageStore {
    private final CatalogDatabase db;

    UsageStore(CatalogDatabase db) {
        this.db = db;
    }

    void writeUsage(List<UsageSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        db.begin();
        try (PreparedStatement insert = db.connection.prepareStatement(
                "INSERT OR REPLACE INTO usage_samples (urn, observed_at, origin, counters, times) VALUES (?, ?, ?, ?, ?)")) {
            for (UsageSample u : samples) {
                insert.setString(1, u.dataset().urn());
                insert.setString(2, u.observedAt().toString());
                insert.setString(3, u.origin());
                insert.setString(4, ModelJson.mapper().writeValueAsString(u.counters()));
                Map<String, String> times = new java.util.TreeMap<>();
                u.times().forEach((k, v) -> times.put(k, v.toString()));
                insert.setString(5, ModelJson.mapper().writeValueAsString(times));
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("writing usage", e);
        } catch (IOException e) {
            db.rollback();
            throw new LumosException(ErrorCode.INTERNAL, "could not encode usage: " + e.getMessage(), e);
        }
    }

    List<UsageSample> usage() {
        List<UsageSample> out = new ArrayList<>();
        try (Statement s = db.connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT urn, observed_at, origin, counters, times FROM usage_samples "
                        + "ORDER BY observed_at, urn, origin")) {
            while (rs.next()) {
                Map<String, Long> counters = new LinkedHashMap<>();
                ModelJson.mapper()
                        .readTree(rs.getString(4))
                        .properties()
                        .forEach(e -> counters.put(e.getKey(), e.getValue().asLong()));
                Map<String, Instant> times = new LinkedHashMap<>();
                ModelJson.mapper()
                        .readTree(rs.getString(5))
                        .properties()
                        .forEach(e ->
                                times.put(e.getKey(), Instant.parse(e.getValue().asText())));
                out.add(new UsageSample(
                        db.id(rs.getString(1)), Instant.parse(rs.getString(2)), rs.getString(3), counters, times));
            }
            return out;
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("reading usage", e);
        } catch (IOException | RuntimeException e) {
            throw new LumosException(
                    ErrorCode.CATALOG_FAILED,
                    "corrupt usage in the local catalog " + db.path + ": " + e.getMessage(),
                    e);
        }
    }
}
