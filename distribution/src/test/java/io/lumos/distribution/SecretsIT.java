package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.lumos.distribution.DistributionHarness.Run;
import io.lumos.testing.postgres.PasswordPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One password, planted in the URLs of a real PostgreSQL and a real MongoDB, given on the command
 * line and in a config, then every output the distribution makes is searched for it: stdout and
 * stderr (with -v), each gate report format, the xlsx (unzipped), csv and json extracts, the
 * snapshot, the SQLite catalog and its -wal, DataHub proposal and Marquez event files and the
 * dead-letter file.
 */
class SecretsIT {
    private static final String PASSWORD = "Pl4nted-pw-7q";
    private static EmbeddedPostgres pg;
    private static MongoServer mongo;
    private static int mongoPort;

    @TempDir
    Path dir;

    private final List<String> printed = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        pg = PasswordPostgres.start("shop", "app", PASSWORD);
        try (Connection c = pg.getDatabase("postgres", "shop").getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE public.orders (id int PRIMARY KEY, amount numeric(10,2), note text);"
                    + " CREATE VIEW public.big_orders AS SELECT id, amount FROM public.orders WHERE amount > 100;"
                    + " GRANT SELECT ON public.orders, public.big_orders TO app;");
        }
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress a = mongo.bind();
        mongoPort = a.getPort();
    }

    @AfterAll
    static void stop() throws IOException {
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private String pgUrl() {
        return "postgresql://app:" + PASSWORD + "@127.0.0.1:" + pg.getPort() + "/shop";
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/shop?user=app&password=" + PASSWORD;
    }

    private String mongoUrl() {
        return "mongodb://reader:" + PASSWORD + "@127.0.0.1:" + mongoPort + "/app?serverSelectionTimeoutMS=2000";
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Run lumos(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Run r = DistributionHarness.run(dir, out, err, Duration.ofSeconds(180), args);
        printed.add(String.join(" ", args).replace(PASSWORD, "<planted>") + "\n" + r.out() + r.err());
        assertThat(r.out() + r.err()).as("the output of %s", List.of(args)).doesNotContain(PASSWORD);
        return r;
    }

    @Test
    void thePasswordReachesNoOutputNoReportNoFile() throws Exception {
        // the command line, -v and not: what scan prints, on success and on failure
        Run scan = lumos("-v", "scan", pgUrl());
        assertThat(scan.code()).as(scan.err()).isZero();
        assertThat(scan.out()).contains("orders").contains("big_orders");
        Run jdbc = lumos("scan", "-f", "json", jdbcUrl());
        assertThat(jdbc.code()).as(jdbc.err()).isZero();
        assertThat(jdbc.out()).contains("orders").contains("\"location\"");
        String unreachable = "postgresql://app:" + PASSWORD + "@127.0.0.1:" + closedPort() + "/shop";
        Run down = lumos("-v", "scan", unreachable);
        assertThat(down.code()).isNotZero();
        assertThat(down.err())
                .contains("source 'shop': PostgreSQL at 127.0.0.1")
                .contains("Caused by");
        assertThat(lumos("scan", unreachable).err()).contains("source 'shop': PostgreSQL at 127.0.0.1");
        Run mongoScan = lumos("-v", "scan", mongoUrl());
        assertThat(mongoScan.err()).contains("reader:****@127.0.0.1");
        assertThat(lumos("scan", mongoUrl()).code()).isNotZero();

        // a config that names the password in its urls: every catalog kind and the dead letters
        int closed = closedPort();
        Files.writeString(
                dir.resolve("lumos.yaml"),
                """
                lumos_config:
                  platform: [local, datahub, marquez]
                  platforms:
                    local: { path: cat/catalog.db }
                    datahub: { transport: file, file: out/mcps.json }
                    marquez: { transport: file, file: out/openlineage.jsonl }
                  sources:
                    - { name: shop, type: postgres, url: "%s" }
                    - { name: jdbc, type: postgres, url: "%s", include: ["public.orders"], platform: pg2 }
                """
                        .formatted(pgUrl(), jdbcUrl()));
        Run ingest = lumos("-v", "ingest", "-c", "lumos.yaml");
        assertThat(ingest.code()).as(ingest.err()).isZero();
        Files.writeString(
                dir.resolve("dead.yaml"),
                """
                lumos_config:
                  platform: datahub
                  platforms:
                    datahub:
                      server: "http://lumos:%s@127.0.0.1:%d"
                      retries: 0
                      timeout: 2s
                      dead_letter: out/dead-letters.jsonl
                  sources:
                    - { name: shop, type: postgres, url: "%s" }
                """
                        .formatted(PASSWORD, closed, pgUrl()));
        Run dead = lumos("-v", "ingest", "-c", "dead.yaml");
        assertThat(dead.code()).isNotZero();
        assertThat(dir.resolve("out/dead-letters.jsonl")).exists();

        // what reads the catalog back: snapshots and extracts
        String catalog = "--catalog-path=cat/catalog.db";
        Run export = lumos("snapshot", "export", catalog, "-o", "snap.json");
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(Files.readString(dir.resolve("snap.json"))).contains("orders");
        for (String output : List.of("x.xlsx", "x.json")) {
            Run extract = lumos("extract", catalog, "-t", "comprehensive", "-o", output);
            assertThat(extract.code()).as(extract.err()).isZero();
        }
        Run csv = lumos("extract", catalog, "-t", "comprehensive", "-f", "csv", "-o", "csv");
        assertThat(csv.code()).as(csv.err()).isZero();

        // diff and gate against the live source: `current` and every report format
        Run diff = lumos("diff", "snap.json", pgUrl(), "-f", "json");
        assertThat(diff.out()).contains("app:****@127.0.0.1");
        Run gate = lumos(
                "gate",
                "--baseline",
                "snap.json",
                "--current",
                pgUrl(),
                "-f",
                "json",
                "-o",
                "reports/gate.json",
                "-f",
                "markdown",
                "-o",
                "reports/gate.md",
                "-f",
                "github",
                "-o",
                "reports/gate.github",
                "-f",
                "junit",
                "-o",
                "reports/gate.xml",
                "-f",
                "sarif",
                "-o",
                "reports/gate.sarif",
                "-f",
                "text");
        assertThat(Files.readString(dir.resolve("reports/gate.json"))).contains("app:****@127.0.0.1");

        List<Path> searched = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            // the configs are where the password was given; everything else Lumos wrote
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().endsWith(".yaml"))
                    .toList()) {
                searched.add(dir.relativize(f));
                assertThat(contains(f))
                        .as("%s holds the password", dir.relativize(f))
                        .isFalse();
            }
        }
        assertThat(searched)
                .extracting(Path::toString)
                .contains(
                        "cat/catalog.db",
                        "out/mcps.json",
                        "out/openlineage.jsonl",
                        "out/dead-letters.jsonl",
                        "snap.json",
                        "x.xlsx",
                        "x.json",
                        "reports/gate.json",
                        "reports/gate.md",
                        "reports/gate.github",
                        "reports/gate.xml",
                        "reports/gate.sarif");
        assertThat(searched).anyMatch(p -> p.startsWith("csv"));
        assertThat(printed).hasSizeGreaterThan(10);
    }

    /** Whether a file holds the password: as bytes, and inside each entry of a zip (xlsx). */
    private static boolean contains(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (indexOf(bytes, PASSWORD.getBytes(StandardCharsets.UTF_8)) >= 0) {
            return true;
        }
        if (bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K') {
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    try (InputStream in = zip.getInputStream(e)) {
                        if (indexOf(readAll(in), PASSWORD.getBytes(StandardCharsets.UTF_8)) >= 0) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
