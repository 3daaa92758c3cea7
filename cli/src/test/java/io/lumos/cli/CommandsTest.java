package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands that need no source: usage errors, help, completion, lineage and owners on an empty catalog. */
class CommandsTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void helpListsTheCommands() {
        Result r = run(dir, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("scan", "ingest", "datasets", "lineage", "snapshot", "plugins");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Result r = run(dir, "datasets", "list", "--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option").contains("lumos datasets list --help");
    }

    @Test
    void anUnknownDatasetIsAUsageErrorWithAHint() {
        Result r = run(dir, "datasets", "get", "csv:nothing");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("no dataset csv:nothing").contains("lumos datasets list");
    }

    @Test
    void aMalformedIdSaysWhatAnIdLooksLike() {
        Result r = run(dir, "datasets", "get", "orders");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("PLATFORM:NAME");
    }

    @Test
    void lineageAndOwnersRoundTripThroughAChain() throws Exception {
        Result r = run(
                dir,
                "snapshot",
                "import",
                write("seed.json"),
                "+",
                "lineage",
                "add",
                "csv:a",
                "csv:b",
                "--column",
                "x=y",
                "+",
                "lineage",
                "add",
                "csv:b",
                "csv:c",
                "+",
                "owner",
                "add",
                "csv:a",
                "group:team",
                "+",
                "lineage",
                "impact",
                "csv:a.x",
                "-f",
                "json",
                "+",
                "owner",
                "list",
                "csv:a");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("\"direct\" : 1")
                .contains("\"indirect\" : 1")
                .containsPattern("\"columns\" : \\[\\s*\"y\"\\s*]")
                .contains("\"possiblyAffected\" : true")
                .contains("urn:li:corpGroup:team");
        Result down = run(dir, "lineage", "downstream", "csv:a");
        assertThat(down.out()).contains("csv:b").contains("csv:c");
    }

    @Test
    void confidenceIsShownAndFiltersWalks() {
        Result r = run(
                dir,
                "lineage",
                "add",
                "csv:a",
                "csv:b",
                "--confidence",
                "0.9",
                "+",
                "lineage",
                "add",
                "csv:b",
                "csv:c",
                "--confidence",
                "0.5",
                "+",
                "lineage",
                "add",
                "csv:a",
                "csv:d");
        assertThat(r.code()).as(r.toString()).isZero();
        Result all = run(dir, "lineage", "impact", "csv:a");
        assertThat(all.out())
                .contains("CONFIDENCE")
                .containsPattern("csv:c\\s+2\\s+indirect\\s+0\\.50")
                .containsPattern("csv:b\\s+1\\s+direct\\s+0\\.90");
        Result sure = run(dir, "lineage", "impact", "csv:a", "--min-confidence", "0.8");
        assertThat(sure.code()).as(sure.toString()).isZero();
        assertThat(sure.out()).contains("csv:b").contains("csv:d").doesNotContain("csv:c");
        Result down = run(dir, "lineage", "downstream", "csv:a", "--min-confidence", "0.8", "-f", "json");
        assertThat(down.out()).contains("csv,b,PROD").doesNotContain("csv,c,PROD");
        Result up = run(dir, "lineage", "upstream", "csv:c");
        assertThat(up.out()).containsPattern("csv:b\\s+1\\s+\\S+\\s+0\\.50");
        Result bad = run(dir, "lineage", "upstream", "csv:c", "--min-confidence", "2");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--min-confidence 2.0 must be between 0 and 1");
    }

    @Test
    void theChainStopsAtTheFirstFailingStep() {
        Result r = run(dir, "datasets", "get", "csv:missing", "+", "plugins");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).doesNotContain("KIND");
    }

    @Test
    void completionPrintsABashScript() {
        Result r = run(dir, "completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F").contains("lumos");
    }

    @Test
    void snapshotExportIsByteStableAndImportsIntoAnotherCatalog() throws Exception {
        String seed = write("seed.json");
        assertThat(run(dir, "snapshot", "import", seed).code()).isZero();
        assertThat(run(dir, "snapshot", "export", "-o", "a.json").code()).isZero();
        assertThat(run(dir, "snapshot", "export", "-o", "b.json").code()).isZero();
        assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo(Files.readString(dir.resolve("b.json")));
        Result other = run(dir, "snapshot", "import", "a.json", "--catalog-path", "other.db", "+", "datasets", "list");
        assertThat(other.code()).as(other.toString()).isZero();
        assertThat(other.out()).contains("csv:a").contains("csv:b");
        assertThat(run(dir, "snapshot", "export", "-o", "c.json", "--catalog-path", "other.db")
                        .code())
                .isZero();
        String c = Files.readString(dir.resolve("c.json"));
        assertThat(c.substring(c.indexOf("\"datasets\"")))
                .isEqualTo(Files.readString(dir.resolve("a.json"))
                        .substring(Files.readString(dir.resolve("a.json")).indexOf("\"datasets\"")));
    }

    @Test
    void versionsBumpAndCompare() throws Exception {
        assertThat(run(dir, "snapshot", "import", write("seed.json")).code()).isZero();
        Result bump = run(
                dir,
                "version",
                "bump",
                "csv:a",
                "--change",
                "minor",
                "+",
                "version",
                "bump",
                "csv:a",
                "--change",
                "breaking",
                "+",
                "version",
                "history",
                "csv:a");
        assertThat(bump.code()).as(bump.toString()).isZero();
        assertThat(bump.out())
                .contains("- -> 1.0.0")
                .contains("1.0.0 -> 2.0.0")
                .contains("S-1")
                .contains("S-2");
    }

    private String write(String name) throws Exception {
        Files.writeString(
                dir.resolve(name),
                """
                {"formatVersion":1,"createdAt":"2026-01-01T00:00:00Z","producer":"test","datasets":[
                 {"id":"urn:li:dataset:(urn:li:dataPlatform:csv,a,PROD)","subtype":"file","description":"A",
                  "fields":[{"name":"x","type":"int64","nullable":false},{"name":"s","type":"struct<p:string>","nullable":true,
                    "fields":[{"name":"p","path":"s.p","type":"string","nullable":true}]}]},
                 {"id":"urn:li:dataset:(urn:li:dataPlatform:csv,b,PROD)","fields":[{"name":"y","type":"int64","nullable":true}]},
                 {"id":"urn:li:dataset:(urn:li:dataPlatform:csv,c,PROD)","fields":[{"name":"z","type":"string","nullable":true}]}
                ],"lineage":[],"versions":[]}
                """);
        return name;
    }
}
