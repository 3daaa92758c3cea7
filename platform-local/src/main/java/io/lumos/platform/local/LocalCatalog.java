package io.lumos.platform.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataProduct;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.domain.VersionPolicy;
import io.lumos.domain.lineage.IntLineage;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.VersionAssigner;
import io.lumos.spi.VersionedDataset;
import io.lumos.spi.json.ModelJson;
import io.lumos.spi.json.ProductJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/*
 * Why one class of this size: every write shares one connection and one hand-run transaction
 * (versions are numbered inside it); runs already live in LocalRuns, and products, usage and
 * lineage reads are the next to move out (issue 16).
 */

/**
 * The embedded catalog in one SQLite file: WAL, immediate transactions and a busy timeout, so that
 * two processes take turns and a killed process loses nothing it committed. Datasets are stored as
 * the model's JSON with searchable columns beside; owners added by hand are kept apart so a
 * re-ingest does not drop them.
 */
final class LocalCatalog implements CatalogAdapter {
    private final Path path;
    private final Clock clock;
    private final Connection connection;
    private final Map<String, DatasetId> ids = new HashMap<>();

    /** The file name that opens an empty catalog in memory, gone when it is closed. */
    static final String IN_MEMORY = ":memory:";

    private boolean inTransaction;

    /** Opens the catalog for writing, creating the file (and its folder) when it is not there. */
    LocalCatalog(Path path, Duration busyTimeout, Clock clock) {
        this(path, busyTimeout, clock, false);
    }

    /**
     * An existing catalog for a read command, or empty when there is no file: nothing is created.
     * The connection is read-only, so it also reads a catalog this user may not write.
     */
    static Optional<LocalCatalog> openExisting(Path path, Duration busyTimeout, Clock clock) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        return Optional.of(new LocalCatalog(path, busyTimeout, clock, true));
    }

    private LocalCatalog(Path path, Duration busyTimeout, Clock clock, boolean readOnly) {
        this.path = path;
        this.clock = clock;
        boolean inMemory = path.toString().equals(IN_MEMORY);
        if (!readOnly && !inMemory) {
            try {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new LumosException(
                        ErrorCode.CATALOG_FAILED,
                        "cannot create the folder of the local catalog " + path + ": " + e.getMessage()
                                + "; check --catalog-path or platforms.local.path",
                        e);
            }
        }
        SQLiteConfig config = new SQLiteConfig();
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: a commit is on disk before the write returns, so a power cut loses nothing a
            // command reported done (NORMAL may roll back the last commits); kill -9 loses nothing either way.
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        }
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        config.enforceForeignKeys(false);
        try {
            connection = config.createConnection("jdbc:sqlite:"
                    + (inMemory ? IN_MEMORY : path.toAbsolutePath().toString()));
            if (readOnly) {
                checkSchema();
            } else {
                migrate();
            }
        } catch (SQLException e) {
            throw failure("open", e);
        }
    }

    /** A read-only open cannot migrate: say what to do instead of failing on a missing table later. */
    private void checkSchema() throws SQLException {
        int version;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            version = rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("no such table")) {
                version = 0;
            } else {
                throw e;
            }
        }
        if (version == 0) {
            connection.close();
            throw new LumosException(
                    ErrorCode.CATALOG_FAILED,
                    path + " is not a Lumos catalog (no Lumos tables in it); point --catalog-path at another file");
        }
        if (version > Schema.MIGRATIONS.size()) {
            connection.close();
            throw newer(version);
        }
        if (version < Schema.MIGRATIONS.size()) {
            connection.close();
            throw new LumosException(
                    ErrorCode.CATALOG_FAILED,
                    path + " was written by an older Lumos (catalog schema " + version
                            + "); run `lumos ingest` (any write) once to upgrade it");
        }
    }

    private LumosException newer(int version) {
        return new LumosException(
                ErrorCode.CATALOG_FAILED,
                path + " was written by a newer Lumos (catalog schema " + version + ", this Lumos knows "
                        + Schema.MIGRATIONS.size() + "); upgrade Lumos");
    }

    private LumosException failure(String what, SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains("SQLITE_BUSY") || message.contains("database is locked")) {
            return new LumosException(
                    ErrorCode.CATALOG_LOCKED,
                    "the local catalog " + path
                            + " is busy (another lumos is writing to it); try again when it has finished",
                    e);
        }
        if (message.contains("SQLITE_NOTADB")
                || message.contains("not a database")
                || message.contains("SQLITE_CORRUPT")) {
            return new LumosException(
                    ErrorCode.CATALOG_FAILED,
                    path + " is not a Lumos catalog (not a SQLite database);" + " point --catalog-path at another file",
                    e);
        }
        return new LumosException(
                ErrorCode.CATALOG_FAILED, "local catalog " + path + ": " + what + " failed: " + message, e);
    }

    private void migrate() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                int version = 0;
                try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
                    if (rs.next()) {
                        version = Integer.parseInt(rs.getString(1));
                    }
                }
                if (version > Schema.MIGRATIONS.size()) {
                    throw newer(version);
                }
                for (int v = version; v < Schema.MIGRATIONS.size(); v++) {
                    for (String ddl : Schema.MIGRATIONS.get(v).split(";\\s*\\n")) {
                        if (!ddl.isBlank()) {
                            s.execute(ddl);
                        }
                    }
                }
                if (version < Schema.MIGRATIONS.size()) {
                    s.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '" + Schema.MIGRATIONS.size()
                            + "') ON CONFLICT(key) DO UPDATE SET value = excluded.value");
                    s.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('version_counter', '0')");
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Set<Capability> capabilities() {
        return LocalCatalogFactory.CAPABILITIES;
    }

    private String now() {
        return clock.instant().toString();
    }

    // ------------------------------------------------------------------ write

    @Override
    public synchronized void writeDatasets(List<Dataset> datasets) {
        if (datasets.isEmpty()) {
            return;
        }
        begin();
        try (DatasetWriter writer = new DatasetWriter(now())) {
            for (Dataset d : datasets) {
                writer.write(d);
            }
            TestHooks.beforeCommit(datasets.size());
            commit();
            TestHooks.afterCommit(datasets.size());
        } catch (SQLException e) {
            rollback();
            throw failure("writing datasets", e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /**
     * Each dataset's row, its version (chosen from what is committed) and its version row, in one
     * transaction: a kill leaves all of a batch or none of it, and a second writer, waiting for the
     * lock, then sees the first one's versions and makes none of its own for the same datasets.
     */
    @Override
    public synchronized List<VersionedDataset> writeVersionedDatasets(
            List<Dataset> datasets, VersionAssigner assigner) {
        if (datasets.isEmpty()) {
            return List.of();
        }
        begin();
        try (DatasetWriter writer = new DatasetWriter(now());
                PreparedStatement counter = connection.prepareStatement(NEXT_COUNTER);
                PreparedStatement version = connection.prepareStatement(INSERT_VERSION)) {
            List<VersionedDataset> out = new ArrayList<>(datasets.size());
            for (Dataset d : datasets) {
                Optional<Dataset> current = current(d.id());
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
            commit();
            TestHooks.afterCommit(datasets.size());
            return out;
        } catch (SQLException e) {
            rollback();
            throw failure("writing datasets and their versions", e);
        } catch (RuntimeException e) {
            rollback();
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
            throw failure("reserving a version number", e);
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
            upsert = connection.prepareStatement(
                    "INSERT INTO datasets (urn, platform, name, env, subtype, description, json, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(urn) DO UPDATE SET "
                            + "subtype = excluded.subtype, description = excluded.description, json = excluded.json, "
                            + "updated_at = excluded.updated_at WHERE datasets.json IS NOT excluded.json");
            rowid = connection.prepareStatement("SELECT id FROM datasets WHERE urn = ?");
            deleteSearch = connection.prepareStatement("DELETE FROM search WHERE rowid = ?");
            insertSearch = connection.prepareStatement(
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

    /**
     * BEGIN IMMEDIATE: the write lock is taken before the first read, so what a write reads is what
     * it writes over; a second writer waits (busy timeout) until the first commits. Transactions
     * are run by hand: sqlite-jdbc's commit() would open the next transaction, and take the lock, at once.
     */
    private void begin() {
        TestHooks.beforeWrite();
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            inTransaction = true;
        } catch (SQLException e) {
            throw failure("starting a transaction", e);
        }
    }

    private void commit() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("COMMIT");
        }
        inTransaction = false;
    }

    private void rollback() {
        if (!inTransaction) {
            return;
        }
        inTransaction = false;
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // the original failure is what the user needs to see
        }
    }

    @Override
    public synchronized void writeLineage(List<LineageEdge> edges) {
        if (edges.isEmpty()) {
            return;
        }
        String now = now();
        begin();
        try (PreparedStatement upsert = connection.prepareStatement(
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
            commit();
        } catch (SQLException e) {
            rollback();
            throw failure("writing lineage", e);
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

    @Override
    public synchronized void removeLineage(DatasetId upstream, DatasetId downstream) {
        update(
                "removing lineage",
                "DELETE FROM lineage WHERE upstream = ? AND downstream = ?",
                upstream.urn(),
                downstream.urn());
    }

    @Override
    public synchronized void addOwner(DatasetId dataset, Owner owner) {
        update("adding an owner", "DELETE FROM removed_owners WHERE urn = ? AND owner = ?", dataset.urn(), owner.urn());
        update(
                "adding an owner",
                "INSERT OR IGNORE INTO owners (urn, owner, type) VALUES (?, ?, ?)",
                dataset.urn(),
                owner.urn(),
                owner.type());
    }

    @Override
    public synchronized void removeOwner(DatasetId dataset, String ownerUrn) {
        update("removing an owner", "DELETE FROM owners WHERE urn = ? AND owner = ?", dataset.urn(), ownerUrn);
        // An owner that came with the dataset (from a source or config) stays removed until added again.
        update(
                "removing an owner",
                "INSERT OR IGNORE INTO removed_owners (urn, owner) VALUES (?, ?)",
                dataset.urn(),
                ownerUrn);
    }

    private void update(String what, String sql, Object... args) {
        begin();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
            commit();
        } catch (SQLException e) {
            rollback();
            throw failure(what, e);
        }
    }

    @Override
    public synchronized void writeProducts(List<DataProduct> products) {
        if (products.isEmpty()) {
            return;
        }
        String now = now();
        begin();
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO products (name, json, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                        + "json = excluded.json, updated_at = excluded.updated_at WHERE products.json IS NOT excluded.json")) {
            for (DataProduct p : products) {
                upsert.setString(1, p.name());
                upsert.setString(2, ProductJson.toJson(p));
                upsert.setString(3, now);
                upsert.addBatch();
            }
            upsert.executeBatch();
            commit();
        } catch (SQLException e) {
            rollback();
            throw failure("writing data products", e);
        }
    }

    @Override
    public synchronized List<DataProduct> products() {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT json FROM products ORDER BY name")) {
            List<DataProduct> out = new ArrayList<>();
            while (rs.next()) {
                out.add(ProductJson.read(rs.getString(1)));
            }
            return out;
        } catch (SQLException e) {
            rollback();
            throw failure("reading data products", e);
        }
    }

    /** The lifecycle is part of the stored dataset: rewrite it with the new one. */
    @Override
    public synchronized void setLifecycle(DatasetId dataset, Lifecycle lifecycle) {
        Dataset stored = dataset(dataset)
                .orElseThrow(() -> new LumosException(
                        ErrorCode.UNKNOWN_DATASET,
                        dataset.shortName() + " is not in the local catalog; `lumos datasets list` shows what is"));
        try (PreparedStatement s = connection.prepareStatement("SELECT json FROM datasets WHERE urn = ?")) {
            s.setString(1, dataset.urn());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                // the stored JSON, not the read one: owners added by hand stay in their own table
                stored = ModelJson.readDataset(rs.getString(1));
            }
        } catch (SQLException e) {
            rollback();
            throw failure("reading a dataset", e);
        }
        writeDatasets(List.of(lifecycle.applyTo(stored)));
    }

    @Override
    public synchronized void recordIngest(String source, java.util.Collection<DatasetId> datasets) {
        begin();
        try (PreparedStatement clear = connection.prepareStatement("DELETE FROM ingest_state WHERE source = ?");
                PreparedStatement insert =
                        connection.prepareStatement("INSERT OR IGNORE INTO ingest_state (source, urn) VALUES (?, ?)");
                PreparedStatement mark =
                        connection.prepareStatement("INSERT INTO ingest_sources (source, ingested_at) VALUES (?, ?) "
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
            mark.setString(2, now());
            mark.executeUpdate();
            commit();
        } catch (SQLException e) {
            rollback();
            throw failure("recording what " + source + " found", e);
        }
    }

    @Override
    public synchronized Optional<Set<DatasetId>> lastIngest(String source) {
        try (PreparedStatement known = connection.prepareStatement("SELECT 1 FROM ingest_sources WHERE source = ?");
                PreparedStatement s =
                        connection.prepareStatement("SELECT urn FROM ingest_state WHERE source = ? ORDER BY urn")) {
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
                    out.add(id(rs.getString(1)));
                }
            }
            return Optional.of(out);
        } catch (SQLException e) {
            rollback();
            throw failure("reading what " + source + " found last", e);
        }
    }

    @Override
    public synchronized void writeVersion(Dataset datasetAtVersion, DatasetVersion v) {
        begin();
        try (PreparedStatement s = connection.prepareStatement(INSERT_VERSION)) {
            insertVersion(s, datasetAtVersion, v);
            // Keep the counter ahead of imported versions.
            long counter = new VersionPolicy("").counterOf(v.cloudVersion().replaceAll("^\\D*", ""));
            if (counter > 0) {
                try (PreparedStatement c = connection.prepareStatement(
                        "UPDATE meta SET value = CAST(? AS TEXT) WHERE key = 'version_counter' AND CAST(value AS INTEGER) < ?")) {
                    c.setLong(1, counter);
                    c.setLong(2, counter);
                    c.executeUpdate();
                }
            }
            commit();
        } catch (SQLException e) {
            rollback();
            throw failure("writing a version", e);
        }
    }

    @Override
    public synchronized long nextVersionCounter() {
        begin();
        try (PreparedStatement s = connection.prepareStatement(NEXT_COUNTER)) {
            long next = nextCounter(s);
            commit();
            return next;
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e instanceof SQLException sql ? failure("reserving a version number", sql) : (RuntimeException) e;
        }
    }

    // ------------------------------------------------------------------ read

    @Override
    public synchronized Optional<Dataset> dataset(DatasetId id) {
        try (PreparedStatement s = connection.prepareStatement("SELECT json FROM datasets WHERE urn = ?")) {
            s.setString(1, id.urn());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Dataset d = ModelJson.readDataset(rs.getString(1));
                return Optional.of(withOwners(List.of(d)).get(0));
            }
        } catch (SQLException e) {
            rollback();
            throw failure("reading a dataset", e);
        }
    }

    /** Adds owners added by hand and drops owners removed by hand. */
    private List<Dataset> withOwners(List<Dataset> datasets) throws SQLException {
        Map<String, List<Owner>> added = new HashMap<>();
        Map<String, Set<String>> removed = new HashMap<>();
        try (Statement s = connection.createStatement()) {
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

    @Override
    public synchronized void forEachDataset(Consumer<Dataset> consumer) {
        try (Statement s = connection.createStatement()) {
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
            rollback();
            throw failure("listing datasets", e);
        }
    }

    @Override
    public synchronized List<Dataset> search(String query, int limit) {
        String match = ftsQuery(query);
        if (match.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement s = connection.prepareStatement(
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
            rollback();
            throw failure("searching", e);
        }
    }

    /** Each word of the query as a quoted prefix term, all required: no FTS syntax reaches SQLite. */
    static String ftsQuery(String query) {
        List<String> terms = new ArrayList<>();
        for (String word : query.split("[^\\p{L}\\p{N}_]+")) {
            if (!word.isEmpty()) {
                terms.add("\"" + word.replace("\"", "") + "\"*");
            }
        }
        return String.join(" AND ", terms);
    }

    @Override
    public synchronized List<LineageEdge> upstreamEdges(DatasetId id) {
        return edges(
                "SELECT upstream, downstream, type, confidence, created_at, created_by, columns FROM lineage "
                        + "WHERE downstream = ? ORDER BY upstream",
                id.urn());
    }

    @Override
    public synchronized List<LineageEdge> downstreamEdges(DatasetId id) {
        return edges(
                "SELECT upstream, downstream, type, confidence, created_at, created_by, columns FROM lineage "
                        + "WHERE upstream = ? ORDER BY downstream",
                id.urn());
    }

    /** One recursive query walks the graph inside SQLite, so a cold process never loads every edge. */
    @Override
    public synchronized List<LineageEdge> lineageClosure(DatasetId id, boolean downstream, int depth) {
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
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, id.urn());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getLong(1) > limit;
            }
        } catch (SQLException e) {
            throw failure("walking lineage", e);
        }
    }

    /**
     * The lineage as {@code lineage_adj} holds it, read in one pass into int arrays, with each
     * dataset's rank in URN order from the index on {@code lineage_nodes.urn}: no URN is read until
     * a caller asks for a dataset. (The ranks follow SQLite's byte order of the URNs, which is
     * Java's string order for every URN without characters beyond the Basic Multilingual Plane.)
     */
    @Override
    public synchronized Optional<IntLineage> lineageIndex(DatasetId from) {
        try (Statement s = connection.createStatement()) {
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
            throw failure("reading lineage", e);
        }
    }

    /** Dataset numbers to ids, looked up one by one, or all at once when many are asked for. */
    private final class Nodes implements IntLineage.Nodes {
        private static final int ONE_BY_ONE = 2048;
        private final Map<Integer, DatasetId> looked = new HashMap<>();
        private String[] all;

        @Override
        public int nodeOf(DatasetId id) {
            synchronized (LocalCatalog.this) {
                try (PreparedStatement s = connection.prepareStatement("SELECT id FROM lineage_nodes WHERE urn = ?")) {
                    s.setString(1, id.urn());
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? rs.getInt(1) : -1;
                    }
                } catch (SQLException e) {
                    throw failure("reading lineage", e);
                }
            }
        }

        @Override
        public DatasetId id(int node) {
            synchronized (LocalCatalog.this) {
                if (all == null && looked.size() >= ONE_BY_ONE) {
                    all = allUrns();
                }
                if (all != null) {
                    return LocalCatalog.this.id(all[node]);
                }
                return looked.computeIfAbsent(node, n -> LocalCatalog.this.id(urnOf(n)));
            }
        }

        private String urnOf(int node) {
            try (PreparedStatement s = connection.prepareStatement("SELECT urn FROM lineage_nodes WHERE id = ?")) {
                s.setInt(1, node);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new LumosException(
                                ErrorCode.CATALOG_FAILED,
                                "lineage names dataset number " + node + " that " + path + " does not have");
                    }
                    return text(rs, 1);
                }
            } catch (SQLException e) {
                throw failure("reading lineage", e);
            }
        }

        private String[] allUrns() {
            try (Statement s = connection.createStatement();
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
                throw failure("reading lineage", e);
            }
        }
    }

    @Override
    public synchronized List<LineageEdge> lineage() {
        return edges("SELECT upstream, downstream, type, confidence, created_at, created_by, columns FROM lineage "
                + "ORDER BY downstream, upstream");
    }

    private List<LineageEdge> edges(String sql, String... args) {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<LineageEdge> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String created = text(rs, 5);
                    String columns = text(rs, 7);
                    out.add(new LineageEdge(
                            id(text(rs, 1)),
                            id(text(rs, 2)),
                            LineageType.valueOf(text(rs, 3)),
                            rs.getDouble(4),
                            created == null ? null : instant(created),
                            text(rs, 6),
                            columns == null ? List.of() : columns(columns)));
                }
            }
            return out;
        } catch (SQLException e) {
            rollback();
            throw failure("reading lineage", e);
        }
    }

    /**
     * A text column read as its UTF-8 bytes: sqlite-jdbc's getString costs several times more per
     * call, which is most of reading a million lineage edges.
     */
    private static String text(ResultSet rs, int column) throws SQLException {
        byte[] b = rs.getBytes(column);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private final Map<String, Instant> instants = new HashMap<>();

    /** Edges written together share their time; parsing ISO text is slow, so parse each once. */
    private Instant instant(String text) {
        if (instants.size() > 4096) {
            instants.clear(); // edges from many runs: keep the cache small, it only saves parsing
        }
        return instants.computeIfAbsent(text, Instant::parse);
    }

    /** Ids repeat across a million edges: parse each once. */
    private DatasetId id(String urn) {
        return ids.computeIfAbsent(urn, u -> DatasetId.parse(u, "PROD"));
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

    @Override
    public synchronized List<DatasetVersion> versions(DatasetId id) {
        try (PreparedStatement s = connection.prepareStatement(
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
            rollback();
            throw failure("reading versions", e);
        }
    }

    @Override
    public synchronized Optional<Dataset> datasetAtVersion(DatasetId id, String version) {
        String v = version.startsWith("v") || version.startsWith("V") ? version.substring(1) : version;
        try (PreparedStatement s = connection.prepareStatement(
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
            rollback();
            throw failure("reading a version", e);
        }
    }

    @Override
    public synchronized CatalogSnapshot export() {
        List<Dataset> all = datasets();
        Map<DatasetId, List<DatasetVersion>> versions = new LinkedHashMap<>();
        for (Dataset d : all) {
            List<DatasetVersion> history = versions(d.id());
            if (!history.isEmpty()) {
                versions.put(d.id(), history);
            }
        }
        // The snapshot's time is the catalog's last change, so two exports of one catalog are identical.
        Instant newest = Instant.EPOCH;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT max(t) FROM (SELECT max(updated_at) AS t FROM datasets "
                                + "UNION ALL SELECT max(created_at) FROM lineage UNION ALL SELECT max(created_at) FROM versions)")) {
            if (rs.next() && rs.getString(1) != null) {
                newest = Instant.parse(rs.getString(1));
            }
        } catch (SQLException e) {
            rollback();
            throw failure("exporting", e);
        }
        return new CatalogSnapshot(CatalogSnapshot.FORMAT_VERSION, newest, "lumos", all, lineage(), versions);
    }

    // ------------------------------------------------------------------ runs

    @Override
    public synchronized void emitRun(io.lumos.spi.run.RunEvent event) {
        begin();
        try {
            new LocalRuns(connection).write(event);
            commit();
        } catch (SQLException e) {
            rollback();
            throw failure("recording a run", e);
        }
    }

    @Override
    public synchronized void emitRuns(List<io.lumos.spi.run.RunEvent> events) {
        begin();
        try {
            new LocalRuns(connection).writeAll(events);
            commit();
        } catch (SQLException e) {
            rollback();
            throw failure("recording runs", e);
        }
    }

    @Override
    public synchronized List<io.lumos.spi.run.RunRecord> runs(io.lumos.spi.run.RunQuery query) {
        try {
            return new LocalRuns(connection).find(query);
        } catch (SQLException e) {
            throw failure("reading runs", e);
        }
    }

    @Override
    public synchronized Optional<io.lumos.spi.run.RunRecord> run(java.util.UUID runId) {
        try {
            return new LocalRuns(connection).get(runId);
        } catch (SQLException e) {
            throw failure("reading a run", e);
        }
    }

    @Override
    public synchronized Optional<io.lumos.spi.run.RunRecord> lastRunOf(DatasetId dataset, boolean output) {
        try {
            return new LocalRuns(connection).lastOf(dataset, output);
        } catch (SQLException e) {
            throw failure("reading runs", e);
        }
    }

    /** Run events that went to a dead-letter file (kind lumos-run) are recorded again; returns how many failed. */
    @Override
    public int replay(List<io.lumos.spi.DeadLetter> letters) {
        int failed = 0;
        for (io.lumos.spi.DeadLetter letter : letters) {
            if (!io.lumos.spi.run.RunEventJson.KIND.equals(letter.kind())) {
                failed++;
                continue;
            }
            try {
                emitRun(io.lumos.spi.run.RunEventJson.fromJson(letter.payload()));
            } catch (LumosException e) {
                failed++;
            }
        }
        return failed;
    }

    @Override
    public synchronized void close() {
        try {
            if (!connection.isClosed()) {
                connection.close();
            }
        } catch (SQLException e) {
            throw failure("closing", e);
        }
    }
}
