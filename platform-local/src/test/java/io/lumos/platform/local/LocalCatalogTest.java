package io.lumos.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCatalogTest {
    @TempDir
    Path dir;

    private LocalCatalog open() {
        return new LocalCatalog(dir.resolve("catalog.db"), Duration.ofSeconds(10), Clock.systemUTC());
    }

    private static Dataset dataset(String name, String description) {
        return Dataset.builder(DatasetId.of("csv", name))
                .description(description)
                .fields(List.of(Field.of("id", DataType.Primitive.INT64, false)))
                .build();
    }

    @Test
    void searchTreatsQuerySyntaxAsPlainWords() {
        try (LocalCatalog c = open()) {
            c.writeDatasets(List.of(dataset("orders", "all \"orders\" OR NOT customers")));
            assertThat(c.search("orders\" OR *", 10))
                    .extracting(d -> d.id().name())
                    .containsExactly("orders");
            assertThat(c.search("NEAR(", 10)).isEmpty();
            assertThat(LocalCatalog.ftsQuery("a-b \"c\"")).isEqualTo("\"a\"* AND \"b\"* AND \"c\"*");
        }
    }

    @Test
    void rewritingAnUnchangedDatasetDoesNotTouchIt() throws Exception {
        try (LocalCatalog c = open()) {
            c.writeDatasets(List.of(dataset("orders", "x")));
        }
        String before = updatedAt();
        Thread.sleep(5);
        try (LocalCatalog c = open()) {
            c.writeDatasets(List.of(dataset("orders", "x")));
        }
        assertThat(updatedAt()).isEqualTo(before);
        try (LocalCatalog c = open()) {
            c.writeDatasets(List.of(dataset("orders", "y")));
        }
        assertThat(updatedAt()).isNotEqualTo(before);
    }

    private String updatedAt() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
                ResultSet rs = c.createStatement().executeQuery("SELECT updated_at FROM datasets")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void columnLineageKeepsTheKindOfTransformation() {
        List<ColumnMapping> columns = List.of(
                new ColumnMapping(List.of("id"), "id", null, "DIRECT", "IDENTITY"),
                new ColumnMapping(List.of("amount"), "total", "sum(amount)", "DIRECT", "AGGREGATION"),
                new ColumnMapping(List.of("customer_id"), "total", "ON o.customer_id = c.id", "INDIRECT", "JOIN"),
                new ColumnMapping(List.of("x"), "y", "x + 1"));
        try (LocalCatalog c = open()) {
            c.writeLineage(List.of(LineageEdge.of(DatasetId.of("csv", "a"), DatasetId.of("csv", "b"))
                    .withColumns(columns)));
        }
        try (LocalCatalog c = open()) {
            assertThat(c.upstreamEdges(DatasetId.of("csv", "b")))
                    .singleElement()
                    .satisfies(e -> assertThat(e.columns()).isEqualTo(columns));
        }
    }

    @Test
    void ownersAddedByHandSurviveAReingest() {
        try (LocalCatalog c = open()) {
            c.writeDatasets(List.of(dataset("orders", "x").withOwners(List.of(new Owner("alice", null)))));
            c.addOwner(DatasetId.of("csv", "orders"), new Owner("bob", "DATA_STEWARD"));
            c.removeOwner(DatasetId.of("csv", "orders"), "urn:li:corpuser:alice");
            c.writeDatasets(List.of(dataset("orders", "x").withOwners(List.of(new Owner("alice", null)))));
            assertThat(c.dataset(DatasetId.of("csv", "orders")).orElseThrow().owners())
                    .extracting(Owner::urn)
                    .containsExactly("urn:li:corpuser:bob");
        }
    }

    @Test
    void versionCounterAdvancesAcrossProcesses() {
        long first;
        try (LocalCatalog c = open()) {
            first = c.nextVersionCounter();
        }
        try (LocalCatalog c = open()) {
            assertThat(c.nextVersionCounter()).isEqualTo(first + 1);
        }
    }

    @Test
    void aFileThatIsNotACatalogIsNamed() throws Exception {
        Path bogus = dir.resolve("bogus.db");
        Files.writeString(bogus, "this is not sqlite ".repeat(100));
        assertThatThrownBy(() -> new LocalCatalog(bogus, Duration.ofSeconds(1), Clock.systemUTC()))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("bogus.db")
                .hasMessageContaining("not a Lumos catalog")
                .extracting(e -> ((LumosException) e).code())
                .isEqualTo(ErrorCode.CATALOG_FAILED);
    }

    @Test
    void aNewerCatalogIsRefused() throws Exception {
        try (LocalCatalog c = open()) {
            c.writeDatasets(List.of(dataset("orders", "x")));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"))) {
            c.createStatement().execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        }
        assertThatThrownBy(this::open).hasMessageContaining("newer Lumos");
    }

    /** kill -9 in the middle of writing loses nothing that was committed and leaves a file that opens. */
    @Test
    void killNineLosesNothingCommitted() throws Exception {
        Path db = dir.resolve("catalog.db");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KillChild.class.getName(),
                        db.toString())
                .redirectErrorStream(true)
                .start();
        long committed = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    committed = Long.parseLong(line.substring(10));
                    if (committed >= 2000) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(committed).isGreaterThanOrEqualTo(2000);
        try (LocalCatalog c = open()) {
            assertThat((long) c.datasets().size()).isGreaterThanOrEqualTo(committed);
            assertThat(c.search("f19", 5)).isNotEmpty();
        }
    }
}
