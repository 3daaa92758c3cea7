package io.lumos.platform.local;

import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.Owner;
import io.lumos.domain.VersionPolicy;
import io.lumos.json.ModelJson;
import io.lumos.spi.DatasetMerge;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.VersionAssigner;
import io.lumos.spi.VersionedDataset;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The datasets of the local catalog (tables {@code datasets}, {@code search}, {@code owners},
 * {@code removed_owners}) and their versions ({@code versions}, the version counter in {@code meta}).
 * Datasets are stored as the model's JSON with searchable columns beside; owners added by hand are
 * kept apart so a re-ingest does not drop them. The caller holds the catalog's lock.
 */
final class DatasetStore {
    private final CatalogDatabase db;

    DatasetStore(CatalogDatabase db) {
        this.db = db;
    }

    void writeDatasets(List<Dataset> datasets) {
        if (datasets.isEmpty()) {
            return;
        }
        db.begin();
        try (DatasetWriter writer = new DatasetWriter(db.now())) {
            for (Dataset d : datasets) {
                writer.write(d);
            }
            TestHooks.beforeCommit(datasets.size());
            db.commit();
            TestHooks.afterCommit(datasets.size());
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("writing datasets", e);
        } catch (RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    /**
     * Each dataset's row, its version (chosen from what is committed) and its version row, in one
     * transaction: a kill leaves all of a batch or none of it, and a second writer, waiting for the
     * lock, then sees the first one's versions and makes none of its own for the same datasets.
     */
    List<VersionedDataset> writeVersionedDatasets(List<Dataset> datasets, VersionAssigner assigner) {
        return writeVersionedDatasets(datasets, DatasetMerge.NONE, assigner);
    }

    /**
     * As above, each dataset first merged by {@code merge} with what is committed, read in the same
     * transaction (BEGIN IMMEDIATE: the write lock is held from that read to the commit), so a
     * second process's newer state is merged and never overwritten by a stale read.
     */
    List<VersionedDataset> writeVersionedDatasets(
            List<Dataset> datasets, DatasetMerge merge, VersionAssigner assigner) {
        if (datasets.isEmpty()) {
            return List.of();
        }
        db.begin();
        try (DatasetWriter writer = new DatasetWriter(db.now());
                PreparedStatement counter = db.connection.prepareStatement(NEXT_COUNTER);
                PreparedStatement version = db.connection.prepareStatement(INSERT_VERSION)) {
            List<VersionedDataset> out = new ArrayList<>(datasets.size());
            for (Dataset built : datasets) {
                Optional<Dataset> current = current(built.id());
                Dataset d = merge.merge(built, current);
                DatasetVersion was = current.map(Dataset::version).orElse(null);
                DatasetVersion v = assigner.assign(d, current, () -> nextCounter(counter));
                boolean isNew = v != null && (was == null || !was.cloudVersion().equals(v.cloudVersion()));
                Dataset written = d.withVersion(v);
                writer.write(written);
                if (isNew) {
                    insertVersion(version, written, v);
                }
                out.add(new VersionedDataset(written, isNew));
            }
            TestHooks.beforeCommit(datasets.size());
            db.commit();
            TestHooks.afterCommit(datasets.size());
            return out;
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("writing datasets and their versions", e);
        } catch (RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    /**
     * The dataset as committed, with its newest version row as its version (none when no row is
     * stored, so a dataset an older Lumos left without a version row gets its first one).
     */
    private Optional<Dataset> current(DatasetId id) {
        Optional<Dataset> stored = dataset(id);
        if (stored.isEmpty()) {
            return stored;
        }
        List<DatasetVersion> history = versions(id);
        return Optional.of(stored.get().withVersion(history.isEmpty() ? null : history.get(history.size() - 1)));
    }

    private static final String NEXT_COUNTER =
            "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'version_counter' RETURNING value";

    private static final String INSERT_VERSION =
            "INSERT INTO versions (urn, cloud_version, schema_version, created_at, author, change_type, details, "
                    + "previous, fingerprint, dataset_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT(urn, cloud_version) DO NOTHING";

    private long nextCounter(PreparedStatement counter) {
        try (ResultSet rs = counter.executeQuery()) {
            rs.next();
            return Long.parseLong(rs.getString(1));
        } catch (SQLException e) {
            throw db.failure("reserving a version number", e);
        }
    }

    private static void insertVersion(PreparedStatement s, Dataset datasetAtVersion, DatasetVersion v)
            throws SQLException {
        s.setString(1, datasetAtVersion.id().urn());
        s.setString(2, v.cloudVersion());
        s.setString(3, v.schemaVersion().toString());
        s.setString(4, v.timestamp().toString());
        s.setString(5, v.author());
        s.setString(6, v.changeType().name());
        s.setString(7, v.changeDetails());
        s.setString(8, v.previousVersion());
        s.setString(9, v.schemaFingerprint());
        s.setString(10, ModelJson.toJson(datasetAtVersion.withVersion(v)));
        s.executeUpdate();
    }

    /** Upserts datasets and their search rows inside the caller's transaction. */
    private final class DatasetWriter implements AutoCloseable {
        private final String now;
        private final PreparedStatement upsert;
        private final PreparedStatement rowid;
        private final PreparedStatement deleteSearch;
        private final PreparedStatement insertSearch;

        DatasetWriter(String now) throws SQLException {
            this.now = now;
            upsert = db.connection.prepareStatement(
                    "INSERT INTO datasets (urn, platform, name, env, subtype, description, json, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(urn) DO UPDATE SET "
                            + "subtype = excluded.subtype, description = excluded.description, json = excluded.json, "
                            + "updated_at = excluded.updated_at WHERE datasets.json IS NOT excluded.json");
            rowid = db.connection.prepareStatement("SELECT id FROM datasets WHERE urn = ?");
            deleteSearch = db.connection.prepareStatement("DELETE FROM search WHERE rowid = ?");
            insertSearch = db.connection.prepareStatement(
                    "INSERT INTO search (rowid, name, description, fields, tags) VALUES (?, ?, ?, ?, ?)");
        }

        void write(Dataset d) throws SQLException {
            upsert.setString(1, d.id().urn());
            upsert.setString(2, d.platform());
            upsert.setString(3, d.name());
            upsert.setString(4, d.id().env());
            upsert.setString(5, d.subtype());
            upsert.setString(6, d.description());
            upsert.setString(7, ModelJson.toJson(d));
            upsert.setString(8, now);
            if (upsert.executeUpdate() == 0) {
                return; // unchanged: its search row is still right
            }
            rowid.setString(1, d.id().urn());
            long id;
            try (ResultSet rs = rowid.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            deleteSearch.setLong(1, id);
            deleteSearch.executeUpdate();
            insertSearch.setLong(1, id);
            insertSearch.setString(
                    2, d.platform() + " " + d.name().replace('.', ' ').replace('/', ' ') + " " + d.name());
            insertSearch.setString(3, searchText(d));
            insertSearch.setString(4, fieldText(d));
            insertSearch.setString(
                    5,
                    String.join(" ", d.tags()) + " " + String.join(" ", d.glossaryTerms())
                            + (d.domain() == null ? "" : " " + d.domain()));
            insertSearch.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            upsert.close();
            rowid.close();
            deleteSearch.close();
            insertSearch.close();
        }
    }

    private static String searchText(Dataset d) {
        StringBuilder b = new StringBuilder(d.description() == null ? "" : d.description());
        for (Field f : d.allFields()) {
            if (f.description() != null) {
                b.append(' ').append(f.description());
            }
        }
        for (Owner o : d.owners()) {
            b.append(' ').append(o.name());
        }
        return b.toString();
    }

    private static String fieldText(Dataset d) {
        StringBuilder b = new StringBuilder();
        for (Field f : d.allFields()) {
            b.append(f.path()).append(' ').append(f.name()).append(' ');
        }
        return b.toString();
    }

    void addOwner(DatasetId dataset, Owner owner) {
        db.update(
                "adding an owner",
                "DELETE FROM removed_owners WHERE urn = ? AND owner = ?",
                dataset.urn(),
                owner.urn());
        db.update(
                "adding an owner",
                "INSERT OR IGNORE INTO owners (urn, owner, type) VALUES (?, ?, ?)",
                dataset.urn(),
                owner.urn(),
                owner.type());
    }

    void removeOwner(DatasetId dataset, String ownerUrn) {
        db.update("removing an owner", "DELETE FROM owners WHERE urn = ? AND owner = ?", dataset.urn(), ownerUrn);
        // An owner that came with the dataset (from a source or config) stays removed until added again.
        db.update(
                "removing an owner",
                "INSERT OR IGNORE INTO removed_owners (urn, owner) VALUES (?, ?)",
                dataset.urn(),
                ownerUrn);
    }

    /** The lifecycle is part of the stored dataset: rewrite it with the new one. */
    void setLifecycle(DatasetId dataset, Lifecycle lifecycle) {
        Dataset stored = dataset(dataset)
                .orElseThrow(() -> new LumosException(
                        ErrorCode.UNKNOWN_DATASET,
                        dataset.shortName() + " is not in the local catalog; `lumos datasets list` shows what is"));
        try (PreparedStatement s = db.connection.prepareStatement("SELECT json FROM datasets WHERE urn = ?")) {
            s.setString(1, dataset.urn());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                // the stored JSON, not the read one: owners added by hand stay in their own table
                stored = ModelJson.readDataset(rs.getString(1));
            }
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("reading a dataset", e);
        }
        writeDatasets(List.of(lifecycle.applyTo(stored)));
    }

    void writeVersion(Dataset datasetAtVersion, DatasetVersion v) {
        db.begin();
        try (PreparedStatement s = db.connection.prepareStatement(INSERT_VERSION)) {
            insertVersion(s, datasetAtVersion, v);
            // Keep the counter ahead of imported versions.
            long counter = new VersionPolicy("").counterOf(v.cloudVersion().replaceAll("^\\D*", ""));
            if (counter > 0) {
                try (PreparedStatement c = db.connection.prepareStatement(
                        "UPDATE meta SET value = CAST(? AS TEXT) WHERE key = 'version_counter' AND CAST(value AS INTEGER) < ?")) {
                    c.setLong(1, counter);
                    c.setLong(2, counter);
                    c.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("writing a version", e);
        }
    }

    long nextVersionCounter() {
        db.begin();
        try (PreparedStatement s = db.connection.prepareStatement(NEXT_COUNTER)) {
            long next = nextCounter(s);
            db.commit();
            return next;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e instanceof SQLException sql ? db.failure("reserving a version number", sql) : (RuntimeException) e;
        }
    }

    Optional<Dataset> dataset(DatasetId id) {
        try (PreparedStatement s = db.connection.prepareStatement("SELECT json FROM datasets WHERE urn = ?")) {
            s.setString(1, id.urn());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Dataset d = ModelJson.readDataset(rs.getString(1));
                return Optional.of(withOwners(List.of(d)).get(0));
            }
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("reading a dataset", e);
        }
    }

    /** Adds owners added by hand and drops owners removed by hand. */
    private List<Dataset> withOwners(List<Dataset> datasets) throws SQLException {
        Map<String, List<Owner>> added = new HashMap<>();
        Map<String, Set<String>> removed = new HashMap<>();
        try (Statement s = db.connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT urn, owner, type FROM owners ORDER BY rowid")) {
                while (rs.next()) {
                    added.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Owner(rs.getString(2), rs.getString(3)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT urn, owner FROM removed_owners")) {
                while (rs.next()) {
                    removed.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>())
                            .add(rs.getString(2));
                }
            }
        }
        if (added.isEmpty() && removed.isEmpty()) {
            return datasets;
        }
        List<Dataset> out = new ArrayList<>(datasets.size());
        for (Dataset d : datasets) {
            String urn = d.id().urn();
            if (!added.containsKey(urn) && !removed.containsKey(urn)) {
                out.add(d);
                continue;
            }
            LinkedHashSet<Owner> owners = new LinkedHashSet<>(d.owners());
            owners.addAll(added.getOrDefault(urn, List.of()));
            Set<String> gone = removed.getOrDefault(urn, Set.of());
            owners.removeIf(o -> gone.contains(o.urn()));
            out.add(d.withOwners(new ArrayList<>(owners)));
        }
        return out;
    }

    void forEachDataset(Consumer<Dataset> consumer) {
        try (Statement s = db.connection.createStatement()) {
            List<Dataset> page = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT json FROM datasets ORDER BY platform, name, env")) {
                while (rs.next()) {
                    page.add(ModelJson.readDataset(rs.getString(1)));
                    if (page.size() == 1000) {
                        withOwners(page).forEach(consumer);
                        page.clear();
                    }
                }
            }
            withOwners(page).forEach(consumer);
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("listing datasets", e);
        }
    }

    List<Dataset> search(String query, int limit) {
        String match = ftsQuery(query);
        if (match.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement s = db.connection.prepareStatement(
                "SELECT d.json FROM search JOIN datasets d ON d.id = search.rowid WHERE search MATCH ? "
                        + "ORDER BY bm25(search, 10.0, 2.0, 4.0, 6.0), d.urn LIMIT ?")) {
            s.setString(1, match);
            s.setInt(2, limit);
            List<Dataset> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(ModelJson.readDataset(rs.getString(1)));
                }
            }
            List<Dataset> result = withOwners(out);
            return result;
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("searching", e);
        }
    }

    /** Each word of the query as a quoted prefix term, all required: no FTS syntax reaches SQLite. */
    static String ftsQuery(String query) {
        List<String> terms = new ArrayList<>();
        for (String word : query.split("[^\\p{L}\\p{N}_]+", -1)) {
            if (!word.isEmpty()) {
                terms.add("\"" + word.replace("\"", "") + "\"*");
            }
        }
        return String.join(" AND ", terms);
    }

    List<DatasetVersion> versions(DatasetId id) {
        try (PreparedStatement s = db.connection.prepareStatement(
                "SELECT cloud_version, schema_version, created_at, author, change_type, details, previous, fingerprint "
                        + "FROM versions WHERE urn = ?")) {
            s.setString(1, id.urn());
            List<DatasetVersion> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new DatasetVersion(
                            rs.getString(1),
                            io.lumos.domain.SemVer.parse(rs.getString(2)),
                            Instant.parse(rs.getString(3)),
                            rs.getString(4),
                            io.lumos.domain.ChangeType.valueOf(rs.getString(5)),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8)));
                }
            }
            out.sort(VersionPolicy.OLDEST_FIRST);
            return out;
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("reading versions", e);
        }
    }

    Optional<Dataset> datasetAtVersion(DatasetId id, String version) {
        String v = version.startsWith("v") || version.startsWith("V") ? version.substring(1) : version;
        try (PreparedStatement s = db.connection.prepareStatement(
                "SELECT dataset_json FROM versions WHERE urn = ? AND (cloud_version = ? OR schema_version = ?) "
                        + "ORDER BY created_at DESC LIMIT 1")) {
            s.setString(1, id.urn());
            s.setString(2, version);
            s.setString(3, v);
            try (ResultSet rs = s.executeQuery()) {
                Optional<Dataset> out =
                        rs.next() ? Optional.of(ModelJson.readDataset(rs.getString(1))) : Optional.empty();
                return out;
            }
        } catch (SQLException e) {
            db.rollback();
            throw db.failure("reading a version", e);
        }
    }
}
