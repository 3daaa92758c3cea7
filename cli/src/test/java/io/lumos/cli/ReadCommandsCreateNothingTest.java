package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read command never creates a catalog: a mistyped path is an error, a missing default an empty answer. */
class ReadCommandsCreateNothingTest extends CliTestSupport {
    @TempDir
    Path dir;

    /** Every read command, each with what it needs to run. */
    private static final List<List<String>> READS = List.of(
            List.of("datasets", "list"),
            List.of("datasets", "search", "orders"),
            List.of("datasets", "get", "csv:orders"),
            List.of("lineage", "upstream", "csv:orders"),
            List.of("lineage", "downstream", "csv:orders"),
            List.of("lineage", "impact", "csv:orders"),
            List.of("owner", "list", "csv:orders"),
            List.of("version", "history", "csv:orders"),
            List.of("version", "compare", "csv:orders", "1.0.0", "1.1.0"),
            List.of("snapshot", "export", "-o", "out.json"),
            List.of("extract", "-t", "schema", "-o", "out.xlsx"));

    /** The reads that list things: on a catalog that is not there yet, an empty answer. */
    private static final List<String> LISTINGS = List.of(
            "datasets list", "datasets search orders", "snapshot export -o out.json", "extract -t schema -o out.xlsx");

    private static String[] args(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    private List<String> filesIn() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir))
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void aMistypedCatalogPathIsAnErrorAndCreatesNothing() throws Exception {
        for (List<String> read : READS) {
            Result r = run(dir, args(read, "--catalog-path", "typo/catalgo.db"));
            assertThat(r.code()).as(read + "\n" + r).isEqualTo(2);
            assertThat(r.err())
                    .as(read.toString())
                    .contains("no catalog at " + dir.resolve("typo/catalgo.db"))
                    .contains("check --catalog-path")
                    .contains("lumos ingest");
            assertThat(filesIn()).as(read.toString()).isEmpty();
        }
    }

    @Test
    void aConfiguredCatalogThatIsNotThereIsAnError() throws Exception {
        Files.writeString(
                dir.resolve("lumos.yaml"),
                """
                lumos_config:
                  platform: local
                  platforms:
                    local: { path: "catalogs/main.db" }
                """);
        for (List<String> read : READS) {
            Result r = run(dir, args(read, "-c", "lumos.yaml"));
            assertThat(r.code()).as(read + "\n" + r).isEqualTo(2);
            assertThat(r.err())
                    .as(read.toString())
                    .contains("no catalog at " + dir.resolve("catalogs/main.db"))
                    .contains("platforms.local.path");
            assertThat(filesIn()).as(read.toString()).containsExactly("lumos.yaml");
        }
    }

    @Test
    void theDefaultCatalogNotThereYetIsAnEmptyAnswerWithAHint() throws Exception {
        for (List<String> read : READS) {
            Result r = run(dir, args(read));
            String line = String.join(" ", read);
            assertThat(r.err()).as(line).contains("no catalog yet at .lumos/catalog.db", "lumos ingest");
            if (LISTINGS.contains(line)) {
                assertThat(r.code()).as(line + "\n" + r).isZero();
            } else {
                // A question about one dataset: it is not there, as in an empty catalog.
                assertThat(r.code()).as(line + "\n" + r).isEqualTo(2);
                assertThat(r.err()).as(line).contains("no dataset csv:orders");
            }
            assertThat(Files.exists(dir.resolve(".lumos"))).as(line).isFalse();
        }
        assertThat(run(dir, "datasets", "list", "-f", "json").out()).containsPattern("\"datasets\" : \\[ ]");
        assertThat(Files.readString(dir.resolve("out.json"))).contains("\"datasets\"");
        // -q: no hint, still nothing created.
        Result quiet = run(dir, "datasets", "list", "-q");
        assertThat(quiet.code()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(Files.exists(dir.resolve(".lumos"))).isFalse();
    }

    @Test
    void writesStillMakeTheCatalogAndReadsThenFindIt() throws Exception {
        // A write that needs an existing dataset fails on a missing catalog without making one.
        Result owner = run(dir, "owner", "add", "csv:a", "alice", "--catalog-path", "new/c.db");
        assertThat(owner.code()).as(owner.toString()).isEqualTo(2);
        assertThat(owner.err()).contains("no catalog at");
        assertThat(Files.exists(dir.resolve("new"))).isFalse();

        Result add = run(dir, "lineage", "add", "csv:a", "csv:b", "--catalog-path", "new/c.db");
        assertThat(add.code()).as(add.toString()).isZero();
        assertThat(Files.exists(dir.resolve("new/c.db"))).isTrue();
        Result down = run(dir, "lineage", "downstream", "csv:a", "--catalog-path", "new/c.db");
        assertThat(down.code()).as(down.toString()).isZero();
        assertThat(down.out()).contains("csv:b");
        assertThat(down.err()).doesNotContain("no catalog");
    }

    @Test
    void readCommandsLeaveTheCatalogsFolderAsTheyFoundIt() throws Exception {
        Result add = run(dir, "lineage", "add", "csv:orders", "csv:daily", "--catalog-path", "cat/c.db");
        assertThat(add.code()).as(add.toString()).isZero();
        Path folder = dir.resolve("cat");
        assertThat(names(folder)).containsExactly("c.db");
        for (List<String> read : READS) {
            Result r = run(dir, args(read, "--catalog-path", "cat/c.db"));
            assertThat(r.err()).as(read.toString()).doesNotContain("no catalog");
            // SQLite's -wal and -shm of a read-only open stayed behind after every read
            assertThat(names(folder)).as(read + "\n" + r).containsExactly("c.db");
        }
        Result down = run(dir, "lineage", "downstream", "csv:orders", "--catalog-path", "cat/c.db");
        assertThat(down.out()).contains("csv:daily");
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFileThatIsNotACatalogIsNamedByAReadCommand() throws Exception {
        Files.writeString(dir.resolve("notes.db"), "not sqlite ".repeat(200));
        Result r = run(dir, "datasets", "list", "--catalog-path", "notes.db");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("notes.db").contains("not a Lumos catalog");
    }
}
