package io.lumos.platform.local;

import io.lumos.domain.DatasetId;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
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
import java.util.HashMap;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The SQLite file under the local catalog: WAL, immediate transactions and a busy timeout, so that
 * two processes take turns and a killed process loses nothing it committed. It opens (and migrates)
 * the file, runs the hand-run transactions every store writes in, and words SQLite's failures for
 * the user. All of it is used under {@link #lock}.
 */
final class CatalogDatabase {

    final Path path;
    final Connection connection;
    /** The catalog's lock: the {@link LocalCatalog} every store is called through. */
    final Object lock;

    private final Clock clock;
    private final Map<String, DatasetId> ids = new HashMap<>();

    private boolean inTransaction;

    CatalogDatabase(Path path, Duration busyTimeout, Clock clock, boolean readOnly, Object lock) {
        this(path, busyTimeout, clock, readOnly ? ReadOpen.choose(path) : null, lock);
    }

    /** Opens the file for reading as {@code read} says, or for writing (and migrates it) when it is null. */
    CatalogDatabase(Path path, Duration busyTimeout, Clock clock, ReadOpen read, Object lock) {
        this.path = path;
        this.lock = lock;
        this.clock = clock;
        boolean inMemory = path.toString().equals(LocalCatalog.IN_MEMORY);
        boolean readOnly = read != null;
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
        String file = inMemory ? LocalCatalog.IN_MEMORY : path.toAbsolutePath().toString();
        if (read == null) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: a commit is on disk before the write returns, so a power cut loses nothing a
            // command reported done (NORMAL may roll back the last commits); kill -9 loses nothing either way.
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        } else if (read == ReadOpen.QUERY_ONLY) {
            config.resetOpenMode(SQLiteOpenMode.CREATE); // a read never creates the file
        } else {
            config.setReadOnly(true);
            if (read == ReadOpen.IMMUTABLE && !inMemory) {
                file = path.toAbsolutePath().toUri() + "?immutable=1";
            }
        }
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        config.enforceForeignKeys(false);
        try {
            connection = config.createConnection("jdbc:sqlite:" + file);
            if (read == ReadOpen.QUERY_ONLY) {
                try (Statement s = connection.createStatement()) {
                    s.execute("PRAGMA query_only = 1");
                }
            }
            if (readOnly) {
                checkSchema();
            } else {
                migrate();
            }
        } catch (SQLException e) {
            throw failure("open", e);
        }
    }

    /**
     * How a read command opens the file: it must leave the folder as it found it and read a catalog
     * this user may not write. SQLite removes a WAL database's -wal and -shm files when the last
     * connection closes, after a checkpoint, which a connection opened read-only never runs
     * (sqlite.org/wal.html): every read-only open left both files behind; and to read in WAL mode
     * SQLite must create them (or find them), so in a folder this user may not write it could not
     * open at all.
     */
    enum ReadOpen {
        /**
         * This user may write the file and its folder: opened for writing, with every write refused
         * ({@code PRAGMA query_only}). It reads in WAL mode beside the writers, so it sees what they
         * committed; when it is the last connection, its close checkpoints (nothing to copy when no
         * writer was there) and removes the -wal and -shm files, as a writer's close does.
         */
        QUERY_ONLY,
        /**
         * This user may not write, and a -wal file is there: a writer is at work, or stopped with
         * commits in it. Read-only through the -wal and -shm that are there (SQLite 3.22+ reads them
         * without write access), so those commits are seen.
         */
        READ_ONLY,
        /**
         * This user may not write, and there is no -wal file: every commit is in the file itself.
         * Opened {@code immutable=1}, which creates no -wal or -shm (this user could not) and takes
         * no locks: a writer starting during the read would need the write access this user lacks,
         * and could then make this read fail or see part of its checkpoint.
         */
        IMMUTABLE;

        static ReadOpen choose(Path path) {
            if (path.toString().equals(LocalCatalog.IN_MEMORY)) {
                return READ_ONLY;
            }
            Path file = path.toAbsolutePath();
            Path folder = file.getParent();
            if (Files.isWritable(file) && folder != null && Files.isWritable(folder)) {
                return QUERY_ONLY;
            }
            return Files.exists(file.resolveSibling(file.getFileName() + "-wal")) ? READ_ONLY : IMMUTABLE;
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
            throw new LocalCatalog.OlderSchema(version);
        }
    }

    private LumosException newer(int version) {
        return new LumosException(
                ErrorCode.CATALOG_FAILED,
                path + " was written by a newer Lumos (catalog schema " + version + ", this Lumos knows "
                        + Schema.MIGRATIONS.size() + "); upgrade Lumos");
    }

    LumosException failure(String what, SQLException e) {
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
                    for (String ddl : Schema.MIGRATIONS.get(v).split(";\\s*\\n", -1)) {
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

    String now() {
        return clock.instant().toString();
    }

    /**
     * BEGIN IMMEDIATE: the write lock is taken before the first read, so what a write reads is what
     * it writes over; a second writer waits (busy timeout) until the first commits. Transactions
     * are run by hand: sqlite-jdbc's commit() would open the next transaction, and take the lock, at once.
     */
    void begin() {
        TestHooks.beforeWrite();
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            inTransaction = true;
        } catch (SQLException e) {
            throw failure("starting a transaction", e);
        }
    }

    void commit() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("COMMIT");
        }
        inTransaction = false;
    }

    void rollback() {
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

    void update(String what, String sql, Object... args) {
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

    /**
     * A text column read as its UTF-8 bytes: sqlite-jdbc's getString costs several times more per
     * call, which is most of reading a million lineage edges.
     */
    static String text(ResultSet rs, int column) throws SQLException {
        byte[] b = rs.getBytes(column);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Ids repeat across a million edges: parse each once. */
    DatasetId id(String urn) {
        return ids.computeIfAbsent(urn, u -> DatasetId.parse(u, "PROD"));
    }

    void close() {
        try {
            if (!connection.isClosed()) {
                connection.close();
            }
        } catch (SQLException e) {
            throw failure("closing", e);
        }
    }
}
