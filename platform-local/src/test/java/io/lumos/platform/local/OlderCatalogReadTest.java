package io.lumos.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read command on a catalog an older Lumos wrote (fewer migrations): the read-only open upgrades
 * it in place when the file may be written, as any write would, and reads it; else it says what to do.
 */
class OlderCatalogReadTest {
    @TempDir
    Path dir;

    private static final DatasetId ORDERS = DatasetId.of("csv", "orders");
    private static final DatasetId DAILY = DatasetId.of("csv", "daily");

    /** A catalog with a dataset and a lineage edge, taken back to what migration 1 alone makes. */
    private Path schemaOneCatalog() throws SQLException {
        Path file = dir.resolve("catalog.db");
        try (LocalCatalog c = new LocalCatalog(file, Duration.ofSeconds(10), Clock.systemUTC())) {
            c.writeDatasets(List.of(
                    Dataset.builder(ORDERS)
                            .fields(List.of(Field.of("id", DataType.Primitive.INT64, false)))
                            .build(),
                    Dataset.builder(DAILY)
                            .fields(List.of(Field.of("day", DataType.Primitive.DATE, false)))
                            .build()));
            c.writeLineage(List.of(LineageEdge.of(ORDERS, DAILY)));
        }
        List<String> first;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            for (String ddl : Schema.MIGRATIONS.get(0).split(";\\s*\\n")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
            first = objects(s);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            for (String type : List.of("trigger", "table")) {
                for (String object : objects(s)) {
                    String[] typeAndName = object.split(" ", 2);
                    if (typeAndName[0].equals(type) && !first.contains(object)) {
                        s.execute("DROP " + type.toUpperCase(java.util.Locale.ROOT) + " IF EXISTS " + typeAndName[1]);
                    }
                }
            }
            s.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'");
            assertThat(objects(s)).as("the file is shaped as schema 1").isEqualTo(first);
        }
        return file;
    }

    private static List<String> objects(Statement s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')"
                + " AND name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    private static String schemaVersion(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aWritableOlderCatalogIsUpgradedAndRead() throws Exception {
        Path file = schemaOneCatalog();
        try (LocalCatalog c = LocalCatalog.openExisting(file, Duration.ofSeconds(10), Clock.systemUTC())
                .orElseThrow()) {
            assertThat(c.datasets()).extracting(Dataset::id).containsExactlyInAnyOrder(ORDERS, DAILY);
            assertThat(c.lineage()).extracting(LineageEdge::downstream).containsExactly(DAILY);
            // what the later migrations added answers as a new catalog would
            assertThat(c.products()).isEmpty();
        }
        assertThat(schemaVersion(file)).isEqualTo(Integer.toString(Schema.MIGRATIONS.size()));
    }

    @Test
    void anOlderCatalogThisUserCannotWriteSaysWhatToDo() throws Exception {
        Path file = schemaOneCatalog();
        assertThat(file.toFile().setWritable(false, false)).isTrue();
        assumeFalse(Files.isWritable(file), "this user writes read-only files (root); nothing to test");
        assertThatThrownBy(() -> LocalCatalog.openExisting(file, Duration.ofSeconds(10), Clock.systemUTC()))
                .hasMessageContaining("older Lumos (catalog schema 1)")
                .hasMessageContaining("lumos ingest");
        assertThat(schemaVersion(file)).isEqualTo("1");
    }
}
