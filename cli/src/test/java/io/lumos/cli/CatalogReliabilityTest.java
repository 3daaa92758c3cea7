package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.Dataset;
import io.lumos.json.ModelJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local catalog under {@code kill -9} and two writers, with the real CLI in child JVMs against a
 * real catalog file. The child stops where the test says (the catalog's test hooks), not after a
 * timer, so the test does the same on a loaded two-core CI machine as on a laptop.
 */
class CatalogReliabilityTest extends CliTestSupport {
    /** Three write transactions of the ingest's 500-dataset batches. */
    private static final int FILES = 1100;

    @TempDir
    Path dir;

    private void writeFiles(int changed) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (int i = 0; i < FILES; i++) {
            // The first `changed` files gain a column: a new version of those datasets.
            String csv = i < changed ? "id,name,extra\n" + i + ",x,1\n" : "id,name\n" + i + ",x\n";
            Files.writeString(data.resolve("t" + i + ".csv"), csv);
        }
        Files.writeString(
                dir.resolve("lumos.yaml"),
                """
                lumos_config:
                  platform: local
                  features: { schema_tracking: true }
                  sources:
                    - { name: files, type: csv, path: "data/*.csv" }
                """);
    }

    /** `lumos ingest` in a child JVM; {@code properties} are the catalog's test hooks. */
    private Process child(String catalog, String... properties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(List.of(properties));
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "ingest",
                "-c",
                "lumos.yaml",
                "--catalog-path",
                catalog));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("err-" + System.nanoTime() + ".txt").toFile())
                .start();
    }

    private static int exit(Process p) throws InterruptedException {
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the child ended").isTrue();
        return p.exitValue();
    }

    private void ingestInProcess(String catalog) {
        Result r = run(dir, "ingest", "-c", "lumos.yaml", "--catalog-path", catalog, "-q");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void aRerunAfterKillsConvergesToTheStateOfOneCleanRun() throws Exception {
        writeFiles(0);
        ingestInProcess("clean.db");

        // Killed after the first committed transaction, then inside one (before its commit), then run to the end.
        assertThat(exit(child("killed.db", "-Dlumos.local.test.halt=after-commit:1")))
                .isEqualTo(137);
        assertThat(exit(child("killed.db", "-Dlumos.local.test.halt=before-commit:1000")))
                .isEqualTo(137);
        assertThat(datasetsIn("killed.db")).isBetween(500, FILES - 100);
        assertThat(exit(child("killed.db"))).isZero();
        assertSameState(state("killed.db"), state("clean.db"));

        // A second ingest where 300 datasets changed, killed half-way, then run again.
        writeFiles(300);
        ingestInProcess("clean.db");
        assertThat(exit(child("killed.db", "-Dlumos.local.test.halt=after-commit:500")))
                .isEqualTo(137);
        ingestInProcess("killed.db");
        Map<String, String> clean = state("clean.db");
        assertSameState(state("killed.db"), clean);
        // Each changed dataset has a second version after its first; the others only their first.
        assertThat(clean.values().stream().filter(v -> v.contains("first, ")).count())
                .isEqualTo(300);
    }

    @Test
    void twoIngestsAtOnceMakeOneHistory() throws Exception {
        writeFiles(0);
        Path barrier = Files.createDirectories(dir.resolve("barrier"));
        String hook = "-Dlumos.local.test.barrier=" + barrier;
        Process a = child("shared.db", hook);
        Process b = child("shared.db", hook);
        // Both are about to write their first transaction: let them go together.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (countReady(barrier) < 2 && a.isAlive() && b.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Files.writeString(barrier.resolve("go"), "");
        assertThat(exit(a)).as(stderr()).isZero();
        assertThat(exit(b)).as(stderr()).isZero();

        Map<String, String> state = state("shared.db");
        assertThat(state).hasSize(FILES + 1);
        List<String> wrong = state.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("~") && !e.getValue().endsWith("[1.0.0 SCHEMA_CHANGE first]"))
                .map(e -> e.getKey() + ": " + brief(e.getValue()))
                .toList();
        assertThat(wrong).as("datasets without exactly one first version").isEmpty();
        assertThat(state.get("~counters"))
                .isEqualTo(FILES + " versions, " + FILES + " distinct, no gap true, counter " + FILES);
        // The second writer saw what the first wrote: between them, one new version per dataset.
        Matcher m = Pattern.compile("; (\\d+) new version\\(s\\)").matcher(stderr());
        int versions = 0;
        while (m.find()) {
            versions += Integer.parseInt(m.group(1));
        }
        assertThat(versions).isEqualTo(FILES);
    }

    /** Fails naming the first datasets whose state differs, not with two maps of thousands of entries. */
    private static void assertSameState(Map<String, String> actual, Map<String, String> expected) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            String a = actual.get(key);
            String e = expected.get(key);
            if (!java.util.Objects.equals(a, e)) {
                differences.add(key + ": " + brief(a) + " instead of " + brief(e)
                        + (a != null && e != null && !a.split(" current ")[0].equals(e.split(" current ")[0])
                                ? " (the dataset differs too)"
                                : ""));
            }
        }
        assertThat(differences.size())
                .as(differences.size() + " of " + keys.size() + " entries differ from one clean run, first:\n"
                        + String.join("\n", differences.subList(0, Math.min(20, differences.size()))))
                .isZero();
    }

    private static String brief(String value) {
        if (value == null) {
            return "nothing";
        }
        int at = value.indexOf(" current ");
        return at < 0 ? value : value.substring(at + 1);
    }

    private static long countReady(Path barrier) throws IOException {
        try (var files = Files.list(barrier)) {
            return files.filter(p -> p.getFileName().toString().startsWith("ready-"))
                    .count();
        }
    }

    private String stderr() throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("err-"))
                    .sorted()
                    .toList()) {
                out.append(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    private int datasetsIn(String catalog) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(catalog));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM datasets")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * What a catalog holds, in terms that do not depend on the order datasets arrived in: each
     * dataset (without its version) with its version history, oldest first; and, under the key
     * {@code ~counters}, the cloud versions used and the counter, which must have no gap or
     * duplicate.
     */
    private Map<String, String> state(String catalog) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(catalog));
                Statement s = c.createStatement()) {
            Map<String, String> schemaOf = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("SELECT cloud_version, schema_version FROM versions")) {
                while (rs.next()) {
                    schemaOf.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT urn, json FROM datasets")) {
                while (rs.next()) {
                    Dataset d = ModelJson.readDataset(rs.getString(2));
                    String current = d.version() == null
                            ? "-"
                            : d.version().schemaVersion() + " " + d.version().schemaFingerprint();
                    out.put(rs.getString(1), ModelJson.toJson(d.withVersion(null)) + " current " + current);
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT urn, schema_version, change_type, previous, fingerprint FROM versions ORDER BY urn, rowid")) {
                Map<String, List<String>> histories = new TreeMap<>();
                while (rs.next()) {
                    String previous = rs.getString(4) == null ? "first" : "after " + schemaOf.get(rs.getString(4));
                    histories
                            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2) + " " + rs.getString(3) + " " + previous);
                }
                histories.forEach((urn, h) -> out.merge(urn, " " + h, String::concat));
            }
            for (Map.Entry<String, String> e : out.entrySet()) {
                if (!e.getValue().endsWith("]")) {
                    e.setValue(e.getValue() + " NO VERSION");
                }
            }
            TreeSet<Long> counters = new TreeSet<>();
            try (ResultSet rs = s.executeQuery("SELECT cloud_version FROM versions")) {
                while (rs.next()) {
                    counters.add(Long.parseLong(rs.getString(1).substring(2)));
                }
            }
            long versions;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM versions")) {
                rs.next();
                versions = rs.getLong(1);
            }
            String counter;
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'version_counter'")) {
                rs.next();
                counter = rs.getString(1);
            }
            boolean noGap = counters.isEmpty() || (counters.first() == 1 && counters.last() == counters.size());
            out.put(
                    "~counters",
                    versions + " versions, " + counters.size() + " distinct, no gap " + noGap + ", counter " + counter);
        }
        return out;
    }
}
