package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage and assertions end to end on a real PostgreSQL: usage is a time series beside the
 * metadata (no version, no snapshot change), assertions are checked at ingest and in the gate.
 */
class UsageAndAssertionsIT extends CliTestSupport {
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
        sql("CREATE DATABASE shop");
        shop("CREATE TABLE public.orders (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL, note text)");
        shop("INSERT INTO public.orders SELECT g, g * 1.5, 'n' FROM generate_series(1, 40) g");
        shop("CREATE TABLE public.audit (x int)");
        shop("ANALYZE");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static void shop(String... statements) throws Exception {
        try (Connection c = pg.getDatabase("postgres", "shop").getConnection();
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
            // Statistics reach the shared counters when a transaction ends after this call.
            st.executeQuery("SELECT pg_stat_force_next_flush()").close();
            st.executeQuery("SELECT 1").close();
        }
    }

    private static String source() {
        return """
                  sources:
                    - name: shop
                      type: postgres
                      url: "jdbc:postgresql://localhost:%d/shop"
                      user: postgres
                      include: ["public.*"]
                """
                .formatted(pg.getPort());
    }

    private Path config(Path dir, String extra) throws Exception {
        Path file = dir.resolve("lumos.yaml");
        Files.writeString(
                file,
                """
                lumos_config:
                  platform: local
                  platforms:
                    local: { path: catalog.db }
                """
                        + source() + extra);
        return file;
    }

    @Test
    void usageChangingMakesNoVersionAndNoSnapshotByteChange(@TempDir Path dir) throws Exception {
        config(dir, "");
        Result first = run(dir, "ingest", "-c", "lumos.yaml");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(run(dir, "-c", "lumos.yaml", "snapshot", "export", "-o", "a.json")
                        .code())
                .isZero();

        shop(
                "SELECT count(*) FROM public.orders",
                "SELECT count(*) FROM public.orders",
                "SELECT * FROM public.orders WHERE id = 7");
        Result second = run(dir, "ingest", "-c", "lumos.yaml");
        assertThat(second.code()).as(second.toString()).isZero();
        assertThat(second.err() + second.out()).contains("0 new version(s)");
        assertThat(run(dir, "-c", "lumos.yaml", "snapshot", "export", "-o", "b.json")
                        .code())
                .isZero();
        assertThat(Files.readAllBytes(dir.resolve("b.json"))).isEqualTo(Files.readAllBytes(dir.resolve("a.json")));

        Result json = run(dir, "-c", "lumos.yaml", "extract", "-t", "usage", "-f", "json", "-o", "usage.json");
        assertThat(json.code()).as(json.toString()).isZero();
        JsonNode usage = new ObjectMapper().readTree(dir.resolve("usage.json").toFile());
        JsonNode rows = part(usage, "usage");
        assertThat(rows.get(0).get("dataset").asText()).isEqualTo("postgres:shop.public.orders");
        assertThat(rows.get(0).get("reads").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(rows.get(0).get("writes").asLong()).isEqualTo(40);
        JsonNode unused = part(usage, "unused");
        assertThat(unused).hasSize(1);
        assertThat(unused.get(0).get("dataset").asText()).isEqualTo("postgres:shop.public.audit");
        // two ingests, two points of the time series per table
        assertThat(part(usage, "usage_history")).hasSize(4);

        assertThat(run(dir, "-c", "lumos.yaml", "extract", "-t", "usage", "-o", "usage.xlsx")
                        .code())
                .isZero();
        assertThat(dir.resolve("usage.xlsx")).isNotEmptyFile();
        assertThat(run(dir, "-c", "lumos.yaml", "extract", "-t", "usage", "-f", "csv", "-o", "usage-csv")
                        .code())
                .isZero();
        assertThat(Files.readString(dir.resolve("usage-csv/usage.csv")))
                .startsWith("Rank,Dataset,Reads,Writes")
                .contains("postgres:shop.public.orders");
    }

    private static JsonNode part(JsonNode extract, String name) {
        JsonNode rows = extract.get("parts").get(name);
        if (rows == null) {
            throw new AssertionError("no part " + name + " in " + extract);
        }
        return rows;
    }

    private static final String ASSERTIONS =
            """
              assertions:
                - dataset: "postgres:shop.public.orders"
                  row_count: { min: 1, max: 1000 }
                  fields:
                    amount: { type: "decimal(12,2)", nullable: false }
                    note: { nullable: false }
                  unique: [id]
                  schema: BACKWARD
                - dataset: "*audit"
                  severity: NON_BREAKING
                  unique: [x]
            """;

    @Test
    void assertionsAreCheckedAtIngestListedFailingFirstAndGateTheChange(@TempDir Path dir) throws Exception {
        config(dir, ASSERTIONS);
        Result ingest = run(dir, "ingest", "-c", "lumos.yaml");
        assertThat(ingest.code())
                .as("failures are printed, the exit code stays")
                .isZero();
        assertThat(ingest.err())
                .contains(
                        "assertion failed (BREAKING): postgres:shop.public.orders not_null:note: field note is nullable")
                .contains("assertion failed (NON_BREAKING): postgres:shop.public.audit unique_key:x");
        assertThat(ingest.out() + ingest.err()).contains("assertions: 6 of 8 passed");

        Result blocking = run(dir, "ingest", "-c", "lumos.yaml", "--fail-on", "breaking");
        assertThat(blocking.code()).as(blocking.toString()).isEqualTo(1);

        Result list = run(dir, "-c", "lumos.yaml", "assertions");
        assertThat(list.code()).as(list.toString()).isZero();
        String[] lines = list.out().split("\n");
        assertThat(lines[1]).startsWith("FAIL");
        assertThat(lines[2]).startsWith("FAIL");
        assertThat(lines).hasSize(9);
        assertThat(list.out()).contains("row_count").contains("40 row(s), within 1 <= rows <= 1000");

        Result json = run(dir, "-c", "lumos.yaml", "assertions", "postgres:shop.public.audit", "-f", "json");
        JsonNode results = new ObjectMapper().readTree(json.out()).get("assertions");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("status").asText()).isEqualTo("FAIL");
        assertThat(results.get(0).get("reason").asText()).contains("declares no key");

        Result history =
                run(dir, "-c", "lumos.yaml", "extract", "-t", "assertions", "-f", "json", "-o", "assertions.json");
        assertThat(history.code()).as(history.toString()).isZero();
        JsonNode extract =
                new ObjectMapper().readTree(dir.resolve("assertions.json").toFile());
        assertThat(part(extract, "assertions")).hasSize(8);
        assertThat(part(extract, "assertion_history")).hasSize(16);
        assertThat(run(dir, "-c", "lumos.yaml", "extract", "-t", "assertions", "-o", "assertions.xlsx")
                        .code())
                .isZero();
        assertThat(run(dir, "-c", "lumos.yaml", "extract", "-t", "assertions", "-f", "csv", "-o", "a-csv")
                        .code())
                .isZero();
        assertThat(Files.readString(dir.resolve("a-csv/assertions.csv"))).startsWith("Status,Severity,Dataset");

        // The gate: the change makes amount nullable; the declared assertion blocks it.
        assertThat(run(dir, "-c", "lumos.yaml", "snapshot", "export", "-o", "main.json")
                        .code())
                .isZero();
        shop("ALTER TABLE public.orders ALTER COLUMN amount DROP NOT NULL");
        try {
            Result gate = run(dir, "gate", "-c", "lumos.yaml", "--baseline", "main.json", "-f", "json");
            assertThat(gate.code()).as(gate.toString()).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(gate.out());
            assertThat(report.toString())
                    .contains("ASSERTION_FAILED")
                    .contains("assertion not_null:amount (not nullable): field amount is nullable");
            Result lenient =
                    run(dir, "gate", "-c", "lumos.yaml", "--baseline", "main.json", "--fail-on", "none", "-f", "text");
            assertThat(lenient.code()).as(lenient.toString()).isZero();
            assertThat(lenient.out()).contains("BREAKING ASSERTION_FAILED postgres:shop.public.orders");
        } finally {
            shop("ALTER TABLE public.orders ALTER COLUMN amount SET NOT NULL");
        }
    }

    @Test
    void anUnknownAssertionKeyIsAConfigErrorWithItsPlace(@TempDir Path dir) throws Exception {
        config(
                dir,
                """
              assertions:
                - dataset: "postgres:shop.public.orders"
                  row_cuont: { min: 1 }
                  freshness: soon
            """);
        Result r = run(dir, "ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .contains("lumos.yaml:13:7: unknown key 'assertions[].row_cuont'")
                .contains("did you mean 'row_count'")
                .contains("freshness 'soon' is not a duration");
    }
}
