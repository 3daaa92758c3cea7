package io.lumos.source.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.Dataset;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import io.lumos.spi.Settings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The budget: 10,000 objects in 100 tables listed and their schemas read against a local
 * s3proxy, bounded concurrency, and bytes per Parquet object at most footer + 64 KiB. Not a unit
 * test (no timed assertions): run by bench/mongo-s3/run.sh, which writes target/bench-s3.md.
 */
class S3Benchmark {
    static final int TABLES = 100;
    static final int PARTITIONS = 10;
    static final int FILES_PER_PARTITION = 10;
    static final int RUNS = Integer.getInteger("bench.runs", 5);

    @TempDir
    Path base;

    @Test
    void tenThousandObjectsInOneHundredTables() throws Exception {
        String footer = footer(40);
        long seedStart = System.nanoTime();
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        for (int t = 0; t < TABLES; t++) {
            for (int p = 0; p < PARTITIONS; p++) {
                for (int f = 0; f < FILES_PER_PARTITION; f++) {
                    boolean newest = p == PARTITIONS - 1 && f == FILES_PER_PARTITION - 1;
                    // the newest object (the one read) is 1 MiB, so a whole-object read would show
                    byte[] body = TrailerReader.object(footer, newest ? 1 << 20 : 2048);
                    Path file = base.resolve("bench/t" + t + "/dt=2024-01-" + (10 + p) + "/part-" + f + ".parquet");
                    Files.createDirectories(file.getParent());
                    Files.write(file, body);
                    Files.setLastModifiedTime(file, FileTime.from(t0.plusSeconds(60L * (p * FILES_PER_PARTITION + f))));
                }
            }
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", base.toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem-nio2", props))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "bench", "bench-secret")
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        StringBuilder out = new StringBuilder();
        out.append(
                "| mode | max_concurrency | datasets | GETs | bytes received | bytes/object | budget/object | median s | runs (s) |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        try {
            String endpoint = "http://127.0.0.1:" + proxy.getPort();
            long budget = footer.getBytes(StandardCharsets.UTF_8).length + 8 + 64 * 1024;
            Map<String, Object> specs = Map.of("path_specs", List.of("s3://bench/{table}/dt={partition[0]}/*.parquet"));
            // no reader: every object is listed and dropped, so this is the listing alone
            out.append(measure("listing only", specs, endpoint, 16, budget, List.of(), 0));
            for (int concurrency : new int[] {16, 4, 1}) {
                out.append(measure(
                        "path_specs", specs, endpoint, concurrency, budget, List.of(new TrailerReader()), TABLES));
            }
            out.append(measure(
                    "bare prefix",
                    Map.of("path", "s3://bench"),
                    endpoint,
                    16,
                    budget,
                    List.of(new TrailerReader()),
                    TABLES));
        } finally {
            proxy.stop();
        }
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        String report = "10,000 objects (" + TABLES + " tables x " + PARTITIONS + " partitions x " + FILES_PER_PARTITION
                + " files), seeded on disk in " + String.format("%.2f", seedSeconds) + " s; s3proxy 4.1.0 in-process,"
                + " filesystem-nio2, AWS v4 auth; " + RUNS
                + " runs each, fresh client per run; load average at the end "
                + load + " (2 vCPU)\n\n" + out;
        Path target = Path.of("target", "bench-s3.md");
        Files.writeString(target, report);
        System.out.println(report);
    }

    private String measure(
            String mode,
            Map<String, Object> spec,
            String endpoint,
            int concurrency,
            long budget,
            List<io.lumos.spi.file.FileFormatReader> readers,
            int tables) {
        List<Double> seconds = new ArrayList<>();
        long requests = 0;
        long bytes = 0;
        int datasets = 0;
        for (int run = 0; run < RUNS; run++) {
            Map<String, Object> settings = new HashMap<>(spec);
            settings.put("endpoint", endpoint);
            settings.put("access_key_id", "bench");
            settings.put("secret_access_key", "bench-secret");
            settings.put("max_concurrency", concurrency);
            S3Source source = (S3Source)
                    new S3SourceFactory().create(Settings.of("bench", settings), S3SourceIT.context(readers));
            AtomicInteger found = new AtomicInteger();
            List<ScanProblem> problems = new ArrayList<>();
            long start = System.nanoTime();
            try (source) {
                source.scan(new ScanSink() {
                    @Override
                    public void dataset(Dataset dataset) {
                        found.incrementAndGet();
                    }

                    @Override
                    public synchronized void problem(ScanProblem problem) {
                        problems.add(problem);
                    }
                });
            }
            seconds.add((System.nanoTime() - start) / 1e9);
            assertThat(problems).isEmpty();
            assertThat(found.get()).isEqualTo(tables);
            requests = source.transferStats().requests();
            bytes = source.transferStats().bytes();
            datasets = found.get();
        }
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        double median = sorted.get(sorted.size() / 2);
        long perObject = requests == 0 ? 0 : bytes / requests;
        assertThat(perObject).isLessThanOrEqualTo(budget);
        StringBuilder runs = new StringBuilder();
        for (double s : seconds) {
            runs.append(runs.length() == 0 ? "" : ", ").append(String.format("%.2f", s));
        }
        return "| " + mode + " | " + concurrency + " | " + datasets + " | " + requests + " | " + bytes + " | "
                + perObject + " | " + budget + " | " + String.format("%.2f", median) + " | " + runs + " |\n";
    }

    private static String footer(int fields) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            parts.add("col_" + i + ":" + (i % 2 == 0 ? "int64" : "string"));
        }
        return String.join(";", parts);
    }
}
