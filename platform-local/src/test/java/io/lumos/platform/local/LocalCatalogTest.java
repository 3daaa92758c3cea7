package io.lumos.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.ChangeType;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.domain.VersionPolicy;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.VersionAssigner;
import io.lumos.spi.VersionedDataset;
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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
            assertThat(DatasetStore.ftsQuery("a-b \"c\"")).isEqualTo("\"a\"* AND \"b\"* AND \"c\"*");
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

    // ------------------------------------------------------------------ versions in the write

    private static final VersionPolicy POLICY = new VersionPolicy("S-");

    /** What ingest does: the stored version when the fingerprint is the same, else a first or next one. */
    private static final VersionAssigner BY_DESCRIPTION = (in, current, counter) -> {
        DatasetVersion was = current.map(Dataset::version).orElse(null);
        String fingerprint = String.valueOf(in.description());
        if (was != null && fingerprint.equals(was.schemaFingerprint())) {
            return was;
        }
        return POLICY.next(
                was, counter.getAsLong(), ChangeType.METADATA_UPDATE, Instant.EPOCH, "t", "changed", fingerprint);
    };

    private long count(String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aDatasetAndItsVersionCommitTogetherOrNotAtAll() throws Exception {
        try (LocalCatalog c = open()) {
            List<VersionedDataset> first =
                    c.writeVersionedDatasets(List.of(dataset("a", "1"), dataset("b", "1")), BY_DESCRIPTION);
            assertThat(first).allMatch(VersionedDataset::newVersion);
            assertThat(first)
                    .extracting(v -> v.dataset().version().cloudVersion())
                    .containsExactly("S-1", "S-2");
            // The assigner fails on the second dataset: the first one's row, version and number go too.
            assertThatThrownBy(() -> c.writeVersionedDatasets(
                            List.of(dataset("a", "2"), dataset("c", "1")), (in, current, counter) -> {
                                if (in.id().name().equals("c")) {
                                    throw new IllegalStateException("stop");
                                }
                                return BY_DESCRIPTION.assign(in, current, counter);
                            }))
                    .hasMessage("stop");
            assertThat(c.dataset(DatasetId.of("csv", "a")).orElseThrow().description())
                    .isEqualTo("1");
            assertThat(c.versions(DatasetId.of("csv", "a"))).hasSize(1);
            assertThat(c.dataset(DatasetId.of("csv", "c"))).isEmpty();
            // The numbers the rolled-back write took are given back.
            List<VersionedDataset> again = c.writeVersionedDatasets(List.of(dataset("a", "2")), BY_DESCRIPTION);
            assertThat(again.get(0).dataset().version().cloudVersion()).isEqualTo("S-3");
            assertThat(again.get(0).dataset().version().previousVersion()).isEqualTo("S-1");
            // Unchanged: no new version, the stored one is kept.
            List<VersionedDataset> same = c.writeVersionedDatasets(List.of(dataset("a", "2")), BY_DESCRIPTION);
            assertThat(same.get(0).newVersion()).isFalse();
            assertThat(same.get(0).dataset().version().cloudVersion()).isEqualTo("S-3");
        }
        assertThat(count("datasets")).isEqualTo(2);
        assertThat(count("versions")).isEqualTo(3);
    }

    @Test
    void aDatasetLeftWithoutAVersionRowGetsItsFirstVersion() throws Exception {
        // What a kill between two transactions of an older Lumos left: the dataset says S-9, no row has it.
        DatasetVersion lost = POLICY.initial(9, Instant.EPOCH, "t", "1");
        try (LocalCatalog c = open()) {
            c.writeDatasets(List.of(dataset("a", "1").withVersion(lost)));
            List<VersionedDataset> out = c.writeVersionedDatasets(List.of(dataset("a", "1")), BY_DESCRIPTION);
            assertThat(out.get(0).newVersion()).isTrue();
            assertThat(c.versions(DatasetId.of("csv", "a")))
                    .extracting(DatasetVersion::cloudVersion)
                    .containsExactly("S-1");
            assertThat(c.dataset(DatasetId.of("csv", "a"))
                            .orElseThrow()
                            .version()
                            .cloudVersion())
                    .isEqualTo("S-1");
        }
    }

    /** Two connections, as two processes have: the second writer waits for the lock, then sees the first's versions. */
    @Test
    void aSecondWriterSeesTheVersionsTheFirstCommitted() throws Exception {
        List<Dataset> batch = List.of(dataset("a", "1"), dataset("b", "1"), dataset("c", "1"));
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (LocalCatalog one = open();
                LocalCatalog two = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<List<VersionedDataset>> first =
                        pool.submit(() -> one.writeVersionedDatasets(batch, (in, cur, n) -> {
                            firstInside.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return BY_DESCRIPTION.assign(in, cur, n);
                        }));
                assertThat(firstInside.await(30, TimeUnit.SECONDS)).isTrue();
                // The first holds the write lock from its first read: the second cannot read stale state.
                Future<List<VersionedDataset>> second =
                        pool.submit(() -> two.writeVersionedDatasets(batch, BY_DESCRIPTION));
                release.countDown();
                assertThat(first.get(60, TimeUnit.SECONDS)).allMatch(VersionedDataset::newVersion);
                assertThat(second.get(60, TimeUnit.SECONDS)).noneMatch(VersionedDataset::newVersion);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(count("versions")).isEqualTo(3);
    }

    // ------------------------------------------------------------------ read-only

    @Test
    void openingAMissingCatalogForReadingCreatesNothing() {
        Path missing = dir.resolve("no/such/catalog.db");
        assertThat(LocalCatalog.openExisting(missing, Duration.ofSeconds(1), Clock.systemUTC()))
                .isEmpty();
        assertThat(dir.resolve("no")).doesNotExist();
    }

    @Test
    void aCatalogOpenedForReadingReadsAndRefusesToWrite() throws Exception {
        try (LocalCatalog c = open()) {
            c.writeVersionedDatasets(List.of(dataset("a", "1")), BY_DESCRIPTION);
        }
        byte[] before = Files.readAllBytes(dir.resolve("catalog.db"));
        try (LocalCatalog c = LocalCatalog.openExisting(
                        dir.resolve("catalog.db"), Duration.ofSeconds(1), Clock.systemUTC())
                .orElseThrow()) {
            assertThat(c.datasets()).extracting(d -> d.id().name()).containsExactly("a");
            assertThat(c.versions(DatasetId.of("csv", "a"))).hasSize(1);
            assertThatThrownBy(() -> c.writeDatasets(List.of(dataset("b", "1"))))
                    .isInstanceOf(LumosException.class)
                    .hasMessageContaining("readonly");
        }
        assertThat(Files.readAllBytes(dir.resolve("catalog.db"))).isEqualTo(before);
    }

    @Test
    void aSqliteFileWithoutLumosTablesIsNotReadAsACatalog() throws Exception {
        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other)) {
            c.createStatement().execute("CREATE TABLE t (x)");
        }
        assertThatThrownBy(() -> LocalCatalog.openExisting(other, Duration.ofSeconds(1), Clock.systemUTC()))
                .hasMessageContaining("not a Lumos catalog");
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
