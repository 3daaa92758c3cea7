package io.lumos.source.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Reporter;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import io.lumos.spi.Settings;
import io.lumos.spi.file.FileFormatReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against s3proxy in this JVM over a temporary folder (with authentication on): one server for the class. */
class S3SourceIT {
    static final String KEY = "lumos";
    static final String SECRET = "lumos-secret";
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final String ORDERS_NEW = "id:int64;amount:decimal(10,2);note:string";
    static final long BIG = 64L << 20;

    @TempDir
    static Path base;

    static S3Proxy proxy;
    static String endpoint;

    @BeforeAll
    static void start() throws Exception {
        put(
                "lake",
                "warehouse/orders/dt=2024-01-01/part-0.parquet",
                TrailerReader.object("id:int64;amount:decimal(10,2)", 300_000),
                1);
        put("lake", "warehouse/orders/dt=2024-01-02/part-0.parquet", TrailerReader.object(ORDERS_NEW, 300_000), 5);
        put("lake", "warehouse/orders/dt=2024-01-02/_SUCCESS", new byte[0], 6);
        put("lake", "warehouse/orders/_temporary/x.parquet", "garbage".getBytes(StandardCharsets.UTF_8), 7);
        // a footer larger than one 64 KiB tail read
        String wide = wideFooter(3000);
        put("lake", "warehouse/wide/w.parquet", TrailerReader.object(wide, 1000), 2);
        put("lake", "warehouse/events/2024/01/e.lines", lines("user,action,at", 10), 3);
        put("lake", "warehouse/events/2024/02/e.lines", lines("user,action,at,device", 10), 4);
        put("lake", "warehouse/customers/region=eu/c.lines", lines("id,name", 2), 2);
        put("lake", "warehouse/notes.lines", lines("text", 1), 2);
        put("lake", "warehouse/readme.txt", "no reader for this".getBytes(StandardCharsets.UTF_8), 2);
        put(
                "lake",
                "bad/orders/part-0.parquet",
                "this is not parquet at all, honest".getBytes(StandardCharsets.UTF_8),
                9);
        put("lake", "bad/good/part-0.parquet", TrailerReader.object("ok:boolean", 10), 9);
        // Hive and Spark write data files without an extension, with side files beside them
        put("hive", "warehouse/orders/000000_0", TrailerReader.object("id:int64;amount:decimal(10,2)", 100), 1);
        put("hive", "warehouse/orders/000000_0.crc", "crc".getBytes(StandardCharsets.UTF_8), 1);
        put("hive", "warehouse/orders/_SUCCESS", new byte[0], 1);
        put("hive", "warehouse/logs/part-00000", lines("user,action", 3), 1);
        put("hive", "warehouse/junk/part-00000", new byte[] {1, 0, 2, 0}, 1);
        put("hive", "warehouse/junk/part-00001", new byte[] {1, 0, 3, 0}, 1);
        for (int t = 0; t < 3; t++) {
            for (int f = 0; f < 400; f++) {
                put("paged", "many/t" + t + "/f" + f + ".lines", lines("a,b", 1), f);
            }
        }
        Path big = base.resolve("lake/big/huge.lines");
        Files.createDirectories(big.getParent());
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.write("x,y,z\n".getBytes(StandardCharsets.UTF_8));
            raf.setLength(BIG); // the rest is zeros, and sparse on disk
        }

        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", base.toString());
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem-nio2", p))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        endpoint = "http://127.0.0.1:" + proxy.getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
    }

    static void put(String bucket, String key, byte[] data, int minutesAfterT0) throws IOException {
        Path f = base.resolve(bucket).resolve(key);
        Files.createDirectories(f.getParent());
        Files.write(f, data);
        Files.setLastModifiedTime(f, FileTime.from(T0.plusSeconds(60L * minutesAfterT0)));
    }

    static byte[] lines(String header, int rows) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            b.append("v".repeat(header.split(",").length)).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String wideFooter(int fields) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            parts.add("column_with_a_long_name_" + i + ":string");
        }
        return String.join(";", parts);
    }

    static final class Collecting implements ScanSink {
        final Map<String, Dataset> datasets = Collections.synchronizedMap(new HashMap<>());
        final List<ScanProblem> problems = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void dataset(Dataset dataset) {
            datasets.put(dataset.name(), dataset);
        }

        @Override
        public void problem(ScanProblem problem) {
            problems.add(problem);
        }
    }

    static PluginContext context(List<FileFormatReader> readers) {
        return new PluginContext(
                Path.of("."), Path.of(".lumos"), "PROD", Clock.systemUTC(), Map.of(), readers, Reporter.SILENT);
    }

    static S3Source source(Map<String, Object> settings, List<FileFormatReader> readers) {
        return source(settings, readers, Reporter.SILENT);
    }

    static S3Source source(Map<String, Object> settings, List<FileFormatReader> readers, Reporter reporter) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putIfAbsent("endpoint", endpoint);
        all.putIfAbsent("access_key_id", KEY);
        all.putIfAbsent("secret_access_key", SECRET);
        PluginContext context = new PluginContext(
                Path.of("."), Path.of(".lumos"), "PROD", Clock.systemUTC(), Map.of(), readers, reporter);
        return (S3Source) new S3SourceFactory().create(Settings.of("sources[0]", all), context);
    }

    /** Warnings, kept. */
    static final class Warnings implements Reporter {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void warn(String message) {
            lines.add(message);
        }

        @Override
        public Progress progress(String task, long total) {
            return Progress.NONE;
        }
    }

    @Test
    void objectsWithoutAnExtensionAreReadByTheirFirstBytesOrTheDefaultExtension() {
        Warnings warnings = new Warnings();
        Collecting sink = scan(source(Map.of("path", "s3://hive/warehouse"), TEST_READERS, warnings));
        assertThat(sink.problems).isEmpty();
        assertThat(sink.datasets.keySet()).containsExactly("hive/warehouse/orders");
        assertThat(sink.datasets.get("hive/warehouse/orders").fields())
                .extracting(Field::name)
                .containsExactly("id", "amount");
        // the CSV-looking logs have no reader among these, the junk is binary: one line names them
        assertThat(warnings.lines)
                .singleElement()
                .asString()
                .contains("skipped 3 object(s) without an extension")
                .contains("s3://hive/warehouse/junk/part-00000");

        Collecting logs = scan(source(
                Map.of(
                        "path_specs",
                        List.of(Map.of("include", "s3://hive/warehouse/{table}/*", "default_extension", "lines"))),
                TEST_READERS));
        assertThat(logs.datasets.get("hive/warehouse/logs").fields())
                .extracting(Field::name)
                .containsExactly("user", "action");
    }

    static final List<FileFormatReader> TEST_READERS = List.of(new LinesReader(), new TrailerReader());

    static Collecting scan(S3Source source) {
        Collecting sink = new Collecting();
        try (source) {
            source.scan(sink);
        }
        return sink;
    }

    static Field field(Dataset d, String name) {
        return d.field(name).orElseThrow(() -> new AssertionError(d.name() + " has no field " + name));
    }

    @Test
    void pathSpecsGroupObjectsIntoTablesWithPartitionsAndTheNewestSchema() {
        S3Source source = source(
                Map.of("path_specs", List.of("s3://lake/warehouse/{table}/dt={partition[0]}/*.parquet")), TEST_READERS);
        Collecting sink = scan(source);
        assertThat(sink.problems).isEmpty();
        assertThat(sink.datasets.keySet()).containsExactly("lake/warehouse/orders");
        Dataset orders = sink.datasets.get("lake/warehouse/orders");
        assertThat(orders.platform()).isEqualTo("s3");
        assertThat(orders.subtype()).isEqualTo("table");
        assertThat(orders.location()).isEqualTo("s3://lake/warehouse/orders/");
        assertThat(orders.fields()).extracting(Field::name).containsExactly("id", "amount", "note", "dt");
        assertThat(field(orders, "amount").type().print()).isEqualTo("decimal(10,2)");
        Field dt = field(orders, "dt");
        assertThat(dt.partitionKey()).isTrue();
        assertThat(dt.type().print()).isEqualTo("string");
        assertThat(dt.nullable()).isFalse();
        assertThat(orders.properties())
                .containsEntry("number_of_files", "2")
                .containsEntry("partition_keys", "dt")
                .containsEntry("schema_inferred_from", "s3://lake/warehouse/orders/dt=2024-01-02/part-0.parquet");
        long size = TrailerReader.object("id:int64;amount:decimal(10,2)", 300_000).length
                + TrailerReader.object(ORDERS_NEW, 300_000).length;
        assertThat(orders.statistics().sizeBytes()).isEqualTo(size);
        assertThat(orders.statistics().lastModified()).isEqualTo(T0.plusSeconds(300));
        // one suffix-range GET, and no more than the footer plus 64 KiB
        assertThat(source.transferStats().requests()).isEqualTo(1);
        assertThat(source.transferStats().bytes()).isLessThanOrEqualTo(ORDERS_NEW.length() + 8 + 64 * 1024);
    }

    @Test
    void aSampleOfSeveralFilesIsMerged() {
        Collecting sink = scan(source(
                Map.of(
                        "path_specs",
                        List.of("s3://lake/warehouse/{table}/dt={partition[0]}/*.parquet"),
                        "sample_files",
                        2),
                TEST_READERS));
        assertThat(sink.datasets.get("lake/warehouse/orders").properties()).containsEntry("sampled_files", "2");
    }

    @Test
    void aBarePrefixMakesATableOfEachFolder() {
        Map<String, Object> target =
                new S3SourceFactory().settingsForTarget("s3://lake/warehouse").orElseThrow();
        S3Source source = source(target, TEST_READERS);
        Collecting sink = scan(source);
        assertThat(sink.problems).isEmpty();
        assertThat(sink.datasets.keySet())
                .containsExactlyInAnyOrder(
                        "lake/warehouse/orders",
                        "lake/warehouse/wide",
                        "lake/warehouse/events",
                        "lake/warehouse/customers",
                        "lake/warehouse/notes.lines");
        Dataset events = sink.datasets.get("lake/warehouse/events");
        assertThat(events.fields())
                .extracting(Field::name)
                .containsExactly("user", "action", "at", "device", "partition_0", "partition_1");
        assertThat(sink.datasets.get("lake/warehouse/customers").fields())
                .extracting(Field::name)
                .containsExactly("id", "name", "region");
        Dataset notes = sink.datasets.get("lake/warehouse/notes.lines");
        assertThat(notes.subtype()).isEqualTo("file");
        assertThat(notes.location()).isEqualTo("s3://lake/warehouse/notes.lines");
        // hidden _temporary and _SUCCESS are not files of the table
        assertThat(sink.datasets.get("lake/warehouse/orders").properties()).containsEntry("number_of_files", "2");
        // a footer over 64 KiB costs exactly one more ranged read
        Dataset wide = sink.datasets.get("lake/warehouse/wide");
        assertThat(wide.fields()).hasSize(3000);
    }

    @Test
    void everyPageOfTheListingIsRead() {
        Collecting sink = scan(source(Map.of("path", "s3://paged/many"), TEST_READERS));
        assertThat(sink.datasets).hasSize(3);
        for (Dataset d : sink.datasets.values()) {
            assertThat(d.properties()).containsEntry("number_of_files", "400");
            assertThat(d.statistics().lastModified()).isEqualTo(T0.plusSeconds(60L * 399));
        }
    }

    @Test
    void anObjectThatIsNotWhatItClaimsIsOneLineAndTheRestGoesOn() {
        Collecting sink = scan(source(
                Map.of(
                        "path_specs",
                        List.of("s3://lake/bad/{table}/*.parquet", "s3://missing-bucket/{table}/*.parquet")),
                TEST_READERS));
        assertThat(sink.datasets.keySet()).containsExactly("lake/bad/good");
        assertThat(sink.problems).hasSize(2);
        assertThat(sink.problems)
                .anySatisfy(p -> {
                    assertThat(p.location()).isEqualTo("s3://lake/bad/orders/part-0.parquet");
                    assertThat(p.toString()).contains("no PAR1 magic");
                    assertThat(p.code()).isEqualTo(ErrorCode.BAD_INPUT);
                })
                .anySatisfy(p -> {
                    assertThat(p.location()).isEqualTo("s3://missing-bucket");
                    assertThat(p.message()).contains("the bucket does not exist");
                });
    }

    @Test
    void anObjectDeletedAfterTheListingIsOneLineAndTheNextNewestServes() {
        S3Source source = source(Map.of("path", "s3://lake/warehouse"), TEST_READERS);
        TableGroup table = new TableGroup("lake/warehouse/orders", true);
        table.add(
                new ObjectRef("lake", "warehouse/orders/dt=2024-01-03/gone.parquet", 500, T0.plusSeconds(9999)),
                List.of());
        table.add(
                new ObjectRef(
                        "lake",
                        "warehouse/orders/dt=2024-01-02/part-0.parquet",
                        TrailerReader.object(ORDERS_NEW, 300_000).length,
                        T0.plusSeconds(300)),
                List.of());
        Collecting sink = new Collecting();
        try (source) {
            Dataset orders = source.read(table, sink).orElseThrow();
            assertThat(orders.fields()).extracting(Field::name).containsExactly("id", "amount", "note");
        }
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("s3://lake/warehouse/orders/dt=2024-01-03/gone.parquet");
            assertThat(p.message()).contains("deleted while scanning");
        });
    }

    @Test
    void wrongCredentialsStopTheSourceWithOneLine() {
        assertThatThrownBy(() ->
                        scan(source(Map.of("path", "s3://lake/warehouse", "secret_access_key", "wrong"), TEST_READERS)))
                .isInstanceOf(LumosException.class)
                .matches(e -> ((LumosException) e).code() == ErrorCode.SOURCE_UNREACHABLE)
                .hasMessageContaining("refused the credentials")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void anUnreachableEndpointStopsTheSourceQuickly() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> scan(source(
                        Map.of("path", "s3://lake", "endpoint", "http://127.0.0.1:" + closed, "connect_timeout", "1s"),
                        TEST_READERS)))
                .isInstanceOf(LumosException.class)
                .matches(e -> ((LumosException) e).code() == ErrorCode.SOURCE_UNREACHABLE)
                .hasMessageContaining("http://127.0.0.1:" + closed)
                .hasMessageContaining("did not answer");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(30_000);
    }

    @Test
    void closingAStreamEarlyAbortsInsteadOfDrainingTheObject() throws Exception {
        try (TrafficProxy relay = new TrafficProxy(proxy.getPort())) {
            S3Source source = source(
                    Map.of("path", "s3://lake/big/huge.lines", "endpoint", "http://127.0.0.1:" + relay.port()),
                    TEST_READERS);
            Collecting sink = scan(source);
            assertThat(sink.datasets.get("lake/big/huge.lines").fields())
                    .extracting(Field::name)
                    .containsExactly("x", "y", "z");
            assertThat(sink.datasets.get("lake/big/huge.lines").statistics().sizeBytes())
                    .isEqualTo(BIG);
            // draining would move all 64 MiB; an abort leaves at most what the socket buffers held
            assertThat(relay.bytesFromServer()).isLessThan(16L << 20);
        }
    }

    /** The real readers, once the lead puts them on this module's test classpath. */
    @Test
    void realReadersFoundByServiceLoaderReadCorpusFilesFromS3() throws Exception {
        List<FileFormatReader> real = new ArrayList<>();
        ServiceLoader.load(FileFormatReader.class).forEach(real::add);
        assumeTrue(
                !real.isEmpty(), "no FileFormatReader on the test classpath yet; add the parquet/avro/files modules");
        Path corpora = shared().resolve("corpora");
        assumeTrue(Files.isDirectory(corpora), "the shared corpora are absent (set lumos.shared or LUMOS_SHARED)");
        List<String> files = List.of(
                "parquet/generated/parquet-mr-logical-types.zstd.parquet",
                "avro/apache-avro/person-10.avro",
                "csv/csv-spectrum/simple_crlf.csv",
                "json/duckdb/14167.json");
        int uploaded = 0;
        for (String f : files) {
            Path src = corpora.resolve(f);
            if (Files.isRegularFile(src)
                    && FileFormatReader.find(real, src.getFileName().toString()).isPresent()) {
                put("real", src.getFileName().toString(), Files.readAllBytes(src), 1);
                uploaded++;
            }
        }
        assumeTrue(uploaded > 0, "no corpus file has a reader on the classpath");
        S3Source source = source(Map.of("path", "s3://real"), real);
        Collecting sink = scan(source);
        assertThat(sink.problems).isEmpty();
        assertThat(sink.datasets).hasSize(uploaded);
        for (Dataset d : sink.datasets.values()) {
            assertThat(d.fields()).as(d.name()).isNotEmpty();
        }
    }

    static Path shared() {
        String prop = System.getProperty("lumos.shared");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        String env = System.getenv("LUMOS_SHARED");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        return Path.of("../../../shared").toAbsolutePath().normalize(); // from source-handlers/s3
    }
}
