package io.lumos.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.usage.UsageSample;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Reporter;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.Settings;
import io.lumos.spi.SourceHandler;
import io.lumos.spi.SourceHandlerFactory;
import io.lumos.testing.postgres.PasswordPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The postgres source against a real PostgreSQL 17 (zonky embedded), one server for the class. */
class PostgresSourceIT {
    private static final String SCANNER_PASSWORD = "S3cret-scanner-pw";
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        // the superuser keeps trust; every other role must give a password, so that a wrong one
        // is refused as on a real server
        pg = PasswordPostgres.start("shop", "scanner", SCANNER_PASSWORD);
        try (Connection c = pg.getDatabase("postgres", "shop").getConnection();
                Statement st = c.createStatement()) {
            st.execute(resource("/shop.sql"));
            // a view the scanner may read whose table lies in a schema it may not use
            st.execute("CREATE SCHEMA secret; CREATE TABLE secret.salaries (who text, amount int);"
                    + " CREATE VIEW public.v_salaries AS SELECT who, amount * 12 AS yearly FROM secret.salaries;"
                    + " CREATE TABLE public.visible (id int PRIMARY KEY);"
                    + " GRANT SELECT ON public.v_salaries, public.visible TO scanner;"
                    + " CREATE TABLE public.doomed (id int); CREATE TABLE public.survivor (id int);");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PostgresSourceIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> base() {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "shop");
        m.put("url", "jdbc:postgresql://localhost:" + pg.getPort() + "/shop");
        m.put("user", "postgres");
        return m;
    }

    private static PostgresSource source(Map<String, Object> values, Reporter reporter) {
        PluginContext ctx =
                new PluginContext(Path.of("."), Path.of(".lumos"), null, null, Map.of(), List.of(), reporter);
        return (PostgresSource) new PostgresSourceFactory().create(Settings.of("sources[0]", values), ctx);
    }

    private static PostgresSource source(Map<String, Object> values) {
        return source(values, Reporter.SILENT);
    }

    private static RecordingSink scan(Map<String, Object> values) {
        RecordingSink sink = new RecordingSink();
        try (SourceHandler s = source(values, sink.reporter())) {
            s.scan(sink);
        }
        return sink;
    }

    private static RecordingSink sales() {
        Map<String, Object> m = base();
        m.put("include", List.of("sales.*"));
        return scan(m);
    }

    @Test
    void everyKindOfRelationIsOneDatasetAndPartitionsAreSkipped() {
        RecordingSink sink = sales();
        assertThat(sink.problems).isEmpty();
        assertThat(sink.names())
                .containsExactly(
                        "shop.sales.customers",
                        "shop.sales.events",
                        "shop.sales.mv_daily",
                        "shop.sales.order_items",
                        "shop.sales.orders",
                        "shop.sales.remote_things",
                        "shop.sales.v_customer_totals",
                        "shop.sales.v_events_2024",
                        "shop.sales.v_mix",
                        "shop.sales.v_top",
                        "shop.sales.v_union",
                        "shop.sales.v_vip");
        assertThat(sink.expected).isEqualTo(12);
        assertThat(sink.warnings).isEmpty();
        assertThat(sink.edge("shop.sales.customers", "shop.sales.v_vip").columns())
                .containsExactly(
                        new ColumnMapping(List.of("id"), "id", "IDENTITY"),
                        new ColumnMapping(List.of("doc"), "doc", "IDENTITY"));
        assertThat(sink.dataset("shop.sales.customers").subtype()).isEqualTo("table");
        assertThat(sink.dataset("shop.sales.v_top").subtype()).isEqualTo("view");
        assertThat(sink.dataset("shop.sales.mv_daily").subtype()).isEqualTo("materialized_view");
        assertThat(sink.dataset("shop.sales.events").subtype()).isEqualTo("partitioned_table");
        assertThat(sink.dataset("shop.sales.remote_things").subtype()).isEqualTo("foreign_table");
        Dataset any = sink.dataset("shop.sales.customers");
        assertThat(any.platform()).isEqualTo("postgres");
        assertThat(any.id().env()).isEqualTo("PROD");
        assertThat(any.properties()).containsEntry("relkind", "r").containsEntry("owner", "postgres");
        assertThat(any.location()).isEqualTo("postgresql://localhost:" + pg.getPort() + "/shop?table=sales.customers");
        assertThat(sink.dataset("shop.sales.remote_things").properties())
                .containsEntry("foreign_server", "remote_shop");
    }

    @Test
    void tableStatisticsBecomeUsageSamplesBesideTheDatasets() throws Exception {
        try (Connection c = pg.getDatabase("postgres", "shop").getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE scratch.used (id int PRIMARY KEY, v text)");
            st.execute("INSERT INTO scratch.used VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            st.execute("UPDATE scratch.used SET v = 'z' WHERE id = 2");
            st.execute("DELETE FROM scratch.used WHERE id = 3");
            st.execute("ANALYZE scratch.used");
            for (int i = 0; i < 4; i++) {
                st.executeQuery("SELECT count(*) FROM scratch.used").close();
            }
            // Statistics reach the shared counters when a transaction ends after this call.
            st.executeQuery("SELECT pg_stat_force_next_flush()").close();
            st.executeQuery("SELECT 1").close();
        }
        Map<String, Object> m = base();
        m.put("include", List.of("scratch.used", "scratch.tmp_a"));
        RecordingSink sink;
        try {
            sink = scan(m);
        } finally {
            // other tests list whole schemas: leave the database as the class started it
            try (Connection c = pg.getDatabase("postgres", "shop").getConnection();
                    Statement st = c.createStatement()) {
                st.execute("DROP TABLE scratch.used");
            }
        }
        UsageSample used = sink.usage("shop.scratch.used");
        assertThat(used.origin()).isEqualTo("postgres");
        assertThat(used.counter(UsageSample.ROWS_INSERTED)).isEqualTo(3L);
        assertThat(used.counter(UsageSample.ROWS_UPDATED)).isEqualTo(1L);
        assertThat(used.counter(UsageSample.ROWS_DELETED)).isEqualTo(1L);
        assertThat(used.writes()).isEqualTo(5L);
        assertThat(used.counter(UsageSample.SEQ_SCANS)).isGreaterThanOrEqualTo(4L);
        assertThat(used.reads()).isEqualTo(used.counter(UsageSample.SEQ_SCANS) + used.counter(UsageSample.INDEX_SCANS));
        assertThat(used.times()).containsKey(UsageSample.LAST_ANALYZE);
        assertThat(sink.usage("shop.scratch.tmp_a").writes()).isZero();
        // usage is not part of the dataset: the dataset carries no counters
        assertThat(sink.dataset("shop.scratch.used").properties()).doesNotContainKeys("seq_scans", "reads");
    }

    @Test
    void columnTypesMapToTheTypeStringsAndKeepTheNativeType() {
        RecordingSink sink = sales();
        Map<String, String> types = new HashMap<>();
        Map<String, String> natives = new HashMap<>();
        for (Field f : sink.dataset("shop.sales.customers").fields()) {
            types.put(f.name(), f.type().print());
            natives.put(f.name(), f.nativeType());
        }
        assertThat(types)
                .containsEntry("id", "int64")
                .containsEntry("name", "string")
                .containsEntry("country", "string")
                .containsEntry("mood", "enum(sad,ok,`very happy`)")
                .containsEntry("address", "struct<street:string,zip:string,geo:array<float64>>")
                .containsEntry("tags", "array<string>")
                .containsEntry("created_at", "timestamptz(us)")
                .containsEntry("born", "date")
                .containsEntry("wake_up", "time(us)")
                .containsEntry("local_ts", "timestamp(us)")
                .containsEntry("doc", "json")
                .containsEntry("meta", "json")
                .containsEntry("raw", "bytes")
                .containsEntry("uid", "uuid")
                .containsEntry("ratio", "float32")
                .containsEntry("score", "float64")
                .containsEntry("n_small", "int16")
                .containsEntry("n_int", "int32")
                .containsEntry("amount_any", "decimal(38,18)")
                .containsEntry("span", "interval")
                .containsEntry("active", "boolean")
                .containsEntry("pos", "unknown");
        assertThat(natives)
                .containsEntry("name", "character varying(20)")
                .containsEntry("country", "character(2)")
                .containsEntry("mood", "sales.mood")
                .containsEntry("local_ts", "timestamp(3) without time zone")
                .containsEntry("pos", "point")
                .containsEntry("amount_any", "numeric");
        // a domain is its base type; the native type names the domain
        Field amount = sink.field("shop.sales.orders", "amount");
        assertThat(amount.type().print()).isEqualTo("decimal(10,2)");
        assertThat(amount.nativeType()).isEqualTo("sales.positive_amount");
        // the struct's members are nested fields
        assertThat(sink.field("shop.sales.customers", "address.zip").type().print())
                .isEqualTo("string");
    }

    @Test
    void columnsCarryNullabilityDefaultsCommentsKeysAndAttnum() {
        RecordingSink sink = sales();
        Dataset customers = sink.dataset("shop.sales.customers");
        assertThat(customers.description()).isEqualTo("People who buy");
        Field id = sink.field("shop.sales.customers", "id");
        assertThat(id.primaryKey()).isTrue();
        assertThat(id.nullable()).isFalse();
        assertThat(id.identity()).isEqualTo("attnum:1");
        assertThat(id.defaultValue()).isEqualTo("nextval('sales.customers_id_seq'::regclass)");
        Field name = sink.field("shop.sales.customers", "name");
        assertThat(name.description()).isEqualTo("Full name");
        assertThat(name.nullable()).isFalse();
        assertThat(name.primaryKey()).isFalse();
        assertThat(name.identity()).isEqualTo("attnum:2");
        assertThat(sink.field("shop.sales.customers", "country").defaultValue()).isEqualTo("'DE'::bpchar");
        assertThat(sink.field("shop.sales.customers", "country").nullable()).isTrue();
        Field generated = sink.field("shop.sales.customers", "name_len");
        assertThat(generated.properties()).containsEntry("generated", "length((name)::text)");
        assertThat(generated.defaultValue()).isNull();
        assertThat(sink.field("shop.sales.orders", "id").properties()).containsEntry("identity", "always");
        assertThat(sink.dataset("shop.sales.v_top").description()).isEqualTo("Best customers");

        Dataset items = sink.dataset("shop.sales.order_items");
        assertThat(items.properties()).containsEntry("primary_key", "order_id, line");
        assertThat(items.fields().stream().filter(Field::primaryKey).map(Field::name))
                .containsExactly("order_id", "line");
        assertThat(sink.field("shop.sales.order_items", "order_id").properties())
                .containsEntry("foreign_key.constraint", "items_order_fk")
                .containsEntry("foreign_key.dataset", "postgres:shop.sales.orders")
                .containsEntry("foreign_key.column", "id");
        assertThat(items.properties())
                .containsEntry("foreign_keys", "items_order_fk (order_id) -> postgres:shop.sales.orders (id)");
    }

    /**
     * When the data last changed, as the server knows it without reading the table: autoanalyze
     * runs only after rows were written. Autovacuum is made to visit at once and the test waits
     * for it (a condition, bounded), then the scan must report exactly that time.
     */
    @Test
    void lastModifiedIsTheLastAutoanalyzeOrAutovacuum() throws Exception {
        try (Connection c = pg.getDatabase("postgres", "shop").getConnection();
                Statement st = c.createStatement()) {
            // a schema of its own, so that the other tests' listings do not change
            st.execute("CREATE SCHEMA fresh");
            st.execute("CREATE TABLE fresh.busy (id int)");
            st.execute("CREATE TABLE fresh.quiet (id int)");
            st.execute("ALTER TABLE fresh.busy SET (autovacuum_analyze_threshold = 0, "
                    + "autovacuum_analyze_scale_factor = 0, autovacuum_vacuum_threshold = 0, "
                    + "autovacuum_vacuum_scale_factor = 0)");
            st.execute("ALTER TABLE fresh.quiet SET (autovacuum_enabled = false)");
            st.execute("ALTER SYSTEM SET autovacuum_naptime = 1");
            st.execute("SELECT pg_reload_conf()");
            st.execute("INSERT INTO fresh.busy SELECT g FROM generate_series(1, 100) g");
            st.execute("INSERT INTO fresh.quiet SELECT g FROM generate_series(1, 100) g");
        }
        java.sql.Timestamp changed = null;
        for (int i = 0; i < 120 && changed == null; i++) {
            try (Connection c = pg.getDatabase("postgres", "shop").getConnection();
                    Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("SELECT greatest(last_autoanalyze, last_autovacuum) "
                            + "FROM pg_stat_user_tables WHERE schemaname = 'fresh' AND relname = 'busy'")) {
                changed = rs.next() ? rs.getTimestamp(1) : null;
            }
            if (changed == null) {
                Thread.sleep(500);
            }
        }
        assertThat(changed).as("autovacuum visited fresh.busy within a minute").isNotNull();
        Map<String, Object> m = base();
        m.put("include", List.of("fresh.busy", "fresh.quiet"));
        RecordingSink sink = scan(m);
        assertThat(sink.dataset("shop.fresh.busy").statistics().lastModified()).isEqualTo(changed.toInstant());
        // never visited: the server cannot tell, so neither can we
        assertThat(sink.dataset("shop.fresh.quiet").statistics().lastModified()).isNull();
    }

    @Test
    void statisticsComeFromTheCatalogNotFromCounting() {
        RecordingSink sink = sales();
        Dataset customers = sink.dataset("shop.sales.customers");
        assertThat(customers.statistics().rowCount()).isEqualTo(500L);
        assertThat(customers.statistics().sizeBytes()).isPositive();
        Dataset events = sink.dataset("shop.sales.events");
        assertThat(events.statistics().rowCount()).isEqualTo(1000L);
        assertThat(events.statistics().sizeBytes()).isPositive();
        assertThat(events.properties())
                .containsEntry("partition_key", "RANGE (at)")
                .containsEntry("partitions", "2");
        assertThat(sink.field("shop.sales.events", "at").partitionKey()).isTrue();
        assertThat(sink.field("shop.sales.events", "id").partitionKey()).isFalse();
        assertThat(sink.dataset("shop.sales.v_top").statistics().rowCount()).isNull();
        assertThat(sink.dataset("shop.sales.v_top").statistics().sizeBytes()).isNull();

        // exact sizes also count the free-space and visibility maps the page counts leave out
        Map<String, Object> m = base();
        m.put("include", List.of("sales.customers", "sales.events"));
        m.put("exact_sizes", true);
        RecordingSink exact = scan(m);
        assertThat(exact.dataset("shop.sales.customers").statistics().sizeBytes())
                .isGreaterThanOrEqualTo(customers.statistics().sizeBytes());
        assertThat(exact.dataset("shop.sales.events").statistics().sizeBytes())
                .isGreaterThanOrEqualTo(events.statistics().sizeBytes());
        assertThat(exact.dataset("shop.sales.events").statistics().rowCount()).isEqualTo(1000L);
        assertThat(sink.dataset("shop.sales.mv_daily").statistics().rowCount()).isPositive();
    }

    @Test
    void foreignKeysAreDerivedLineageFromTheReferencedTable() {
        RecordingSink sink = sales();
        LineageEdge fk = sink.edge("shop.sales.customers", "shop.sales.orders");
        assertThat(fk.type()).isEqualTo(LineageType.DERIVED);
        assertThat(fk.columns())
                .containsExactly(
                        new ColumnMapping(List.of("id"), "customer_id", "FOREIGN KEY orders_customer_id_fkey"));
    }

    @Test
    void viewLineageLinksPassThroughColumnsAndMarksExpressions() {
        RecordingSink sink = sales();
        LineageEdge fromCustomers = sink.edge("shop.sales.customers", "shop.sales.v_customer_totals");
        assertThat(fromCustomers.type()).isEqualTo(LineageType.VIEW);
        assertThat(fromCustomers.columns())
                .contains(
                        new ColumnMapping(List.of("id"), "customer_id", "IDENTITY"),
                        new ColumnMapping(List.of("country"), "country", "IDENTITY"));
        assertThat(fromCustomers.columns())
                .contains(new ColumnMapping(List.of("name"), "name_upper", "TRANSFORMED"))
                .hasSize(3);
        assertThat(sink.edge("shop.sales.orders", "shop.sales.v_customer_totals")
                        .columns())
                .containsExactly(new ColumnMapping(List.of("amount"), "total", "TRANSFORMED"));

        // a view on a view follows the rename
        LineageEdge top = sink.edge("shop.sales.v_customer_totals", "shop.sales.v_top");
        assertThat(top.columns())
                .contains(new ColumnMapping(List.of("total"), "top_total", "IDENTITY"))
                .contains(new ColumnMapping(List.of("customer_id"), "customer_id", "IDENTITY"));
        assertThat(sink.lineage)
                .noneMatch(e -> e.upstream().name().equals("shop.sales.customers")
                        && e.downstream().name().equals("shop.sales.v_top"));
        // materialized views, and a partition read directly stands for its table
        assertThat(sink.edge("shop.sales.orders", "shop.sales.mv_daily").columns())
                .extracting(ColumnMapping::downstreamColumn)
                .contains("day", "amount");
        assertThat(sink.edge("shop.sales.events", "shop.sales.v_events_2024").columns())
                .contains(new ColumnMapping(List.of("id"), "id", "IDENTITY"));
    }

    @Test
    void expressionsThroughCtesSubSelectsAndUnionsReachTheirTableColumns() {
        RecordingSink sink = sales();
        assertThat(sink.edge("shop.sales.customers", "shop.sales.v_mix").columns())
                .containsExactly(
                        new ColumnMapping(List.of("id"), "id", "IDENTITY"),
                        new ColumnMapping(List.of("id"), "mx", "TRANSFORMED"));
        assertThat(sink.edge("shop.sales.orders", "shop.sales.v_mix").columns())
                .containsExactly(
                        new ColumnMapping(List.of("customer_id", "amount"), "mx", "TRANSFORMED"),
                        new ColumnMapping(List.of("amount"), "cte_amount", "IDENTITY"),
                        new ColumnMapping(List.of("amount"), "a1", "TRANSFORMED"));
        assertThat(sink.edge("shop.sales.customers", "shop.sales.v_union").columns())
                .containsExactly(
                        new ColumnMapping(List.of("id"), "id", "TRANSFORMED"),
                        new ColumnMapping(List.of("name"), "name", "TRANSFORMED"));
        assertThat(sink.edge("shop.sales.orders", "shop.sales.v_union").columns())
                .containsExactly(new ColumnMapping(List.of("id"), "id", "TRANSFORMED"));
    }

    @Test
    void withoutTheQueryCheckTheRuleAloneGivesTheSameLineage() {
        RecordingSink checked = sales();
        Map<String, Object> m = base();
        m.put("include", List.of("sales.*"));
        m.put("view_query_check", false);
        RecordingSink ruleOnly = scan(m);
        assertThat(ruleOnly.lineage).hasSameElementsAs(checked.lineage).hasSize(checked.lineage.size());
    }

    @Test
    void hostileNamesAreQuotedEverywhere() {
        Map<String, Object> m = base();
        m.put("include", List.of("we\"ird sch.*"));
        RecordingSink sink = scan(m);
        assertThat(sink.problems).isEmpty();
        assertThat(sink.names()).containsExactly("shop.we\"ird sch.tåble \"x\" 1", "shop.we\"ird sch.v \"q\"");
        assertThat(sink.field("shop.we\"ird sch.tåble \"x\" 1", "co l").primaryKey())
                .isTrue();
        assertThat(sink.dataset("shop.we\"ird sch.tåble \"x\" 1").location())
                .endsWith("?table=\"we\"\"ird sch\".\"tåble \"\"x\"\" 1\"");
        LineageEdge e = sink.edge("shop.we\"ird sch.tåble \"x\" 1", "shop.we\"ird sch.v \"q\"");
        assertThat(e.columns())
                .containsExactly(
                        new ColumnMapping(List.of("co l"), "co l", "IDENTITY"),
                        new ColumnMapping(List.of("ünï \"q\""), "renamed", "IDENTITY"));
    }

    @Test
    void includeAndExcludePatternsChooseTables() {
        Map<String, Object> m = base();
        m.put("include", List.of("scratch", "sales.v_*"));
        m.put("exclude", List.of("scratch.TMP_B", "*.v_top", "sales.v_?????"));
        RecordingSink sink = scan(m);
        assertThat(sink.names())
                .containsExactly(
                        "shop.sales.v_customer_totals",
                        "shop.sales.v_events_2024",
                        "shop.sales.v_mix",
                        "shop.sales.v_vip",
                        "shop.scratch.empty_one",
                        "shop.scratch.tmp_a");
        assertThat(sink.dataset("shop.scratch.empty_one").fields()).isEmpty();

        m.put("include_views", false);
        m.put("exclude", List.of());
        assertThat(scan(m).names())
                .containsExactly("shop.scratch.empty_one", "shop.scratch.tmp_a", "shop.scratch.tmp_b");
    }

    @Test
    void theFactoryIsFoundByNameAndTakesScanTargets() {
        SourceHandlerFactory f = ServiceLoader.load(SourceHandlerFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(x -> x.aliases().contains("postgresql"))
                .findFirst()
                .orElseThrow();
        Map<String, Object> target = new HashMap<>(
                f.settingsForTarget("postgresql://scanner:" + SCANNER_PASSWORD + "@localhost:" + pg.getPort() + "/shop")
                        .orElseThrow());
        assertThat(target.get("url").toString()).doesNotContain(SCANNER_PASSWORD);
        Settings settings = Settings.of("scan", target);
        assertThat(settings.toString()).doesNotContain(SCANNER_PASSWORD);
        target.put("include", List.of("public.visible"));
        RecordingSink sink = new RecordingSink();
        try (SourceHandler h = f.create(Settings.of("scan", target), PluginContext.basic(Path.of("."), List.of()))) {
            assertThat(h.name()).isEqualTo("shop");
            h.scan(sink);
        }
        assertThat(sink.names()).containsExactly("shop.public.visible");
    }

    @Test
    void theScanSessionIsReadOnlyAndBoundedByTheQueryTimeout() throws SQLException {
        Map<String, Object> m = base();
        m.put("query_timeout", "1500ms");
        try (Connection c = PgConnections.open(PostgresSettings.from(Settings.of("s", m)));
                Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT current_setting('transaction_read_only'),"
                    + " current_setting('statement_timeout'), current_setting('application_name')");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
            assertThat(rs.getString(2)).isEqualTo("1500ms");
            assertThat(rs.getString(3)).isEqualTo("lumos");
            assertThatThrownBy(() -> st.execute("CREATE TABLE public.nope (id int)"))
                    .hasMessageContaining("read-only transaction");
            assertThatThrownBy(() -> st.execute("SELECT pg_sleep(5)")).hasMessageContaining("statement timeout");
        }
    }

    @Test
    void aWrongPasswordIsOneLineNamingTheSettingAndNeverThePassword() {
        Map<String, Object> m = base();
        m.put("user", "scanner");
        m.put("password", "not-the-password");
        assertThatThrownBy(() -> scan(m))
                .isInstanceOfSatisfying(LumosException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
                    assertThat(e.exitCode()).isEqualTo(3);
                })
                .hasMessageContaining("source 'shop'")
                .hasMessageContaining("localhost:" + pg.getPort())
                .hasMessageContaining("rejected the password of user 'scanner'")
                .hasMessageContaining("'password'")
                .hasMessageNotContaining("not-the-password")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingDatabaseNamesTheDatabaseSetting() {
        Map<String, Object> m = base();
        m.put("database", "nope");
        assertThatThrownBy(() -> scan(m))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("has no database 'nope'")
                .hasMessageContaining("'database'");
    }

    @Test
    void anUnreachableHostFailsFastNamingHostAndPort() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> m = base();
        m.put("url", "postgresql://127.0.0.1:" + closedPort + "/shop");
        m.put("connect_timeout", "2s");
        long start = System.nanoTime();
        assertThatThrownBy(() -> scan(m))
                .isInstanceOfSatisfying(
                        LumosException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE))
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("'url'")
                .hasMessageContaining("connect_timeout");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void aServerThatNeverAnswersIsCutOffByTheConnectTimeout() throws IOException {
        // accepts TCP connections (backlog) but never speaks: the login must time out, not hang
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Map<String, Object> m = base();
            m.put("url", "postgresql://127.0.0.1:" + silent.getLocalPort() + "/shop");
            m.put("connect_timeout", "1s");
            long start = System.nanoTime();
            assertThatThrownBy(() -> scan(m))
                    .isInstanceOfSatisfying(
                            LumosException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE))
                    .hasMessageContaining("could not be reached within 1000 ms");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
        }
    }

    @Test
    void aTableDroppedWhileScanningIsOneProblemAndTheRestGoesOn() {
        Map<String, Object> m = base();
        m.put("include", List.of("public.doomed", "public.survivor"));
        PostgresSource source = source(m);
        source.afterListing(() -> {
            try (Connection c = pg.getDatabase("postgres", "shop").getConnection();
                    Statement st = c.createStatement()) {
                st.execute("DROP TABLE public.doomed");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        RecordingSink sink = new RecordingSink();
        source.scan(sink);
        assertThat(sink.names()).containsExactly("shop.public.survivor");
        assertThat(sink.problems).hasSize(1);
        ScanProblem p = sink.problems.get(0);
        assertThat(p.toString())
                .isEqualTo("shop: public.doomed: was dropped while the scan ran;"
                        + " nothing to do unless it should exist, then re-run the scan");
    }

    @Test
    void aViewWhoseQueryFailsIsOneWarningAndKeepsItsLineageFromTheRule() {
        Map<String, Object> m = base();
        m.put("user", "scanner");
        m.put("password", SCANNER_PASSWORD);
        m.put("include", List.of("public.v_salaries", "public.visible"));
        List<String> warnings = new ArrayList<>();
        Reporter reporter = new Reporter() {
            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public Progress progress(String task, long total) {
                return Progress.NONE;
            }
        };
        PluginContext ctx =
                new PluginContext(Path.of("."), Path.of(".lumos"), "DEV", null, Map.of(), List.of(), reporter);
        RecordingSink sink = new RecordingSink();
        try (SourceHandler h = new PostgresSourceFactory().create(Settings.of("sources[0]", m), ctx)) {
            h.scan(sink);
        }
        assertThat(sink.names()).containsExactly("shop.public.v_salaries", "shop.public.visible");
        assertThat(sink.dataset("shop.public.v_salaries").id().env()).isEqualTo("DEV");
        assertThat(sink.dataset("shop.public.v_salaries").fields())
                .extracting(Field::name)
                .containsExactly("who", "yearly");
        assertThat(sink.problems).isEmpty();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0))
                .startsWith("shop: public.v_salaries: the view's query could not run (")
                .contains("permission denied for schema secret")
                .contains("grant the scanning user USAGE")
                .doesNotContain("\n");
        LineageEdge edge = sink.edge("shop.secret.salaries", "shop.public.v_salaries");
        assertThat(edge.columns())
                .containsExactly(
                        new ColumnMapping(List.of("who"), "who", "IDENTITY"),
                        new ColumnMapping(List.of("amount"), "yearly", "TRANSFORMED"));
    }
}
