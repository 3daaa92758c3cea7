package io.lumos.source.postgres;

import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The budget of issue 4: a scan of 1,000 tables of 20 columns against a local server in under 5 s.
 * Starts an embedded PostgreSQL, creates the tables (keys, foreign keys, comments, a spread of
 * types), then times whole scans (connect included). Run by {@code bench/postgres/run.sh}.
 *
 * <p>Arguments: tables (1000), columns per table (20), timed runs (7), views (0), view_query_check
 * (true).
 */
public final class PostgresScanBench {
    private static final String[] TYPES = {
        "int", "bigint", "text", "varchar(50)", "numeric(12,2)", "timestamptz", "date", "jsonb", "uuid", "boolean",
        "smallint", "double precision", "timestamp", "bytea", "text[]", "char(3)", "real", "interval", "time", "numeric"
    };

    public static void main(String[] args) throws Exception {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int columns = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int views = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        boolean check = args.length <= 4 || Boolean.parseBoolean(args[4]);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            long t0 = System.nanoTime();
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE bench");
            }
            try (Connection c = pg.getDatabase("postgres", "bench").getConnection();
                    Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA app");
                StringBuilder sql = new StringBuilder();
                for (int t = 0; t < tables; t++) {
                    sql.append("CREATE TABLE app.t").append(t).append(" (id bigint PRIMARY KEY");
                    for (int k = 1; k < columns; k++) {
                        sql.append(", c").append(k).append(' ').append(TYPES[(t + k) % TYPES.length]);
                        if (k % 5 == 0) {
                            sql.append(" NOT NULL DEFAULT ").append(defaultFor(TYPES[(t + k) % TYPES.length]));
                        }
                    }
                    if (t > 0 && t % 10 == 0) {
                        sql.append(", parent_id bigint REFERENCES app.t")
                                .append(t - 1)
                                .append(" (id)");
                    }
                    sql.append(");\n");
                    sql.append("COMMENT ON TABLE app.t")
                            .append(t)
                            .append(" IS 'table ")
                            .append(t)
                            .append("';\n");
                    sql.append("COMMENT ON COLUMN app.t")
                            .append(t)
                            .append(".id IS 'key of ")
                            .append(t)
                            .append("';\n");
                    if (t % 100 == 99) {
                        st.execute(sql.toString());
                        sql.setLength(0);
                    }
                }
                for (int v = 0; v < views; v++) {
                    sql.append("CREATE VIEW app.v")
                            .append(v)
                            .append(" AS SELECT a.id, a.c1, b.c2, upper(b.c2::text) AS u")
                            .append(" FROM app.t")
                            .append(v)
                            .append(" a JOIN app.t")
                            .append(v + 1)
                            .append(" b ON b.id = a.id;\n");
                }
                if (!sql.isEmpty()) {
                    st.execute(sql.toString());
                }
                st.execute("ANALYZE");
            }
            System.out.printf(
                    "fixture: %d tables x %d columns, %d views, created in %d ms (PostgreSQL %s)%n",
                    tables, columns, views, (System.nanoTime() - t0) / 1_000_000, version(pg));

            PostgresSource source = (PostgresSource) new PostgresSourceFactory()
                    .create(
                            Settings.of(
                                    "bench",
                                    Map.of(
                                            "name",
                                            "bench",
                                            "url",
                                            "jdbc:postgresql://localhost:" + pg.getPort() + "/bench",
                                            "user",
                                            "postgres",
                                            "view_query_check",
                                            check)),
                            PluginContext.basic(Path.of("."), List.of()));
            RecordingSink warm = new RecordingSink();
            source.scan(warm);
            long fields =
                    warm.datasets.stream().mapToLong(d -> d.fields().size()).sum();
            System.out.printf(
                    "warm-up: %d datasets, %d fields, %d lineage edges, %d problems%n",
                    warm.datasets.size(), fields, warm.lineage.size(), warm.problems.size());
            List<Long> times = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                RecordingSink sink = new RecordingSink();
                long start = System.nanoTime();
                source.scan(sink);
                long ms = (System.nanoTime() - start) / 1_000_000;
                times.add(ms);
                System.out.printf(
                        "run %d: %d ms, %d datasets, phases %s%n", r + 1, ms, sink.datasets.size(), source.timings());
            }
            Collections.sort(times);
            System.out.printf(
                    "RESULT tables=%d columns=%d views=%d runs=%d min=%d ms median=%d ms max=%d ms%n",
                    tables,
                    columns,
                    views,
                    runs,
                    times.get(0),
                    times.get(times.size() / 2),
                    times.get(times.size() - 1));
        }
    }

    private static String defaultFor(String type) {
        return switch (type) {
            case "text", "varchar(50)", "char(3)" -> "'x'";
            case "timestamptz", "timestamp" -> "now()";
            case "date" -> "current_date";
            case "jsonb" -> "'{}'";
            case "uuid" -> "'00000000-0000-0000-0000-000000000000'";
            case "boolean" -> "false";
            case "bytea" -> "'\\x00'";
            case "text[]" -> "'{}'";
            case "interval" -> "'1 day'";
            case "time" -> "'00:00'";
            default -> "0";
        };
    }

    private static String version(EmbeddedPostgres pg) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement st = c.createStatement();
                var rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
