import io.lumos.domain.Field;
import io.lumos.source.files.CsvFormatReader;
import io.lumos.source.files.JsonlFormatReader;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.FileSeekableInput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * In-process timings of the files source readers: the schema of a 1 GB CSV from a bounded sample,
 * a full scan of it (exact count and nullability), and the inference of a 100 MB JSONL file.
 * Usage: FilesBench CSV_FILE JSONL_FILE [passes]. The JSONL file is generated when absent.
 */
public final class FilesBench {
    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        Path jsonl = Path.of(args[1]);
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        only = args.length > 3 ? args[3] : "";
        if (!Files.exists(jsonl)) {
            generateJsonl(jsonl, 100L << 20);
        }
        System.out.printf("machine: %d cpus, java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        CsvFormatReader csvReader = new CsvFormatReader();
        JsonlFormatReader jsonReader = new JsonlFormatReader();
        long csvBytes = Files.size(csv);
        long jsonBytes = Files.size(jsonl);

        FileSchema s = time("csv sample schema (1000 rows / 16 MiB)", csvReader, csv, FileReadOptions.DEFAULT, 3, passes * 4, csvBytes);
        print(s);
        s = time("csv full_scan (exact rows and nulls)", csvReader, csv, FileReadOptions.DEFAULT.withFullScan(true), 1, passes, csvBytes);
        print(s);
        FileReadOptions withTypes = new FileReadOptions(1000, 16L << 20, true, java.util.Map.of("full_scan_types", "true"));
        s = time("csv full_scan + full_scan_types: true", csvReader, csv, withTypes, 1, passes, csvBytes);
        print(s);
        s = time("jsonl sample schema (1000 records)", jsonReader, jsonl, FileReadOptions.DEFAULT, 3, passes * 4, jsonBytes);
        print(s);
        s = time("jsonl full_scan (infer over every record)", jsonReader, jsonl, FileReadOptions.DEFAULT.withFullScan(true), 1, passes, jsonBytes);
        print(s);
        if ("walker".contains(only) || only.isEmpty()) {
            walker(jsonl.toAbsolutePath().getParent().resolve("walk"), passes);
        }
    }

    /**
     * The handler's own cost per file: 2,000 files of 11 KB in 20 table folders (the shape of the
     * Parquet lake), read by a stand-in reader that does what a footer reader does (one tail read),
     * so the figure is the walk, grouping, pool and dataset building, without any format's parsing.
     */
    private static void walker(Path dir, int passes) throws Exception {
        if (!Files.exists(dir)) {
            byte[] body = new byte[11 * 1024];
            new Random(1).nextBytes(body);
            for (int t = 0; t < 20; t++) {
                Path table = dir.resolve("t%02d".formatted(t));
                Files.createDirectories(table);
                for (int f = 0; f < 100; f++) {
                    Files.write(table.resolve("part-%04d.fake".formatted(f)), body);
                }
            }
        }
        FileFormatReader tail = new FileFormatReader() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public java.util.List<String> extensions() {
                return java.util.List.of(".fake");
            }

            @Override
            public FileSchema read(io.lumos.spi.file.SeekableInput input, FileReadOptions options) throws IOException {
                java.nio.ByteBuffer b = input.readTail(8);
                return FileSchema.of(java.util.List.of(Field.of("x" + (b.get(0) & 3), io.lumos.domain.DataType.Primitive.INT64, false)), 10L);
            }
        };
        io.lumos.spi.PluginContext ctx = io.lumos.spi.PluginContext.basic(dir, java.util.List.of(tail));
        java.util.concurrent.atomic.AtomicInteger datasets = new java.util.concurrent.atomic.AtomicInteger();
        io.lumos.spi.ScanSink sink = new io.lumos.spi.ScanSink() {
            @Override
            public void dataset(io.lumos.domain.Dataset dataset) {
                datasets.incrementAndGet();
            }

            @Override
            public void problem(io.lumos.spi.ScanProblem problem) {
                throw new IllegalStateException(problem.toString());
            }
        };
        io.lumos.spi.SourceHandlerFactory factory = new io.lumos.source.files.FileSourceFactory();
        int warmup = 3;
        int runs = Math.max(5, passes * 2);
        double[] ms = new double[runs];
        for (int i = -warmup; i < runs; i++) {
            long t = System.nanoTime();
            try (io.lumos.spi.SourceHandler h = factory.create(io.lumos.spi.Settings.of("bench", java.util.Map.of("path", dir.toString())), ctx)) {
                h.scan(sink);
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf("%-45s 2,000 files in 20 table folders -> %d datasets per pass: wall min %.1f / median %.1f / max %.1f ms; %.3f ms a file%n",
                "handler walk+group+tail read+merge", datasets.get() / (warmup + runs), ms[0], ms[runs / 2], ms[runs - 1], ms[runs / 2] / 2000);
    }

    /** Runs only the benchmarks whose name contains this (all when empty). */
    private static String only = "";

    private static FileSchema time(String what, FileFormatReader reader, Path file, FileReadOptions o, int warmup, int passes, long bytes)
            throws IOException {
        FileSchema last = null;
        if (!what.contains(only)) {
            return null;
        }
        for (int i = 0; i < warmup; i++) {
            last = read(reader, file, o);
        }
        double[] ms = new double[passes];
        double[] cpu = new double[passes];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < passes; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            last = read(reader, file, o);
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        double median = ms[passes / 2];
        double cpuMedian = cpu[passes / 2];
        // on a shared box wall time includes waiting for a core; the reader is single-threaded, so
        // its own CPU time is the figure that does not depend on the neighbours
        System.out.printf("%-45s %,d bytes: wall min %.1f / median %.1f / max %.1f ms; thread CPU median %.1f ms; "
                        + "%d passes (%d warm-up); %.0f MB/s wall, %.0f MB/s CPU%n",
                what, bytes, ms[0], median, ms[passes - 1], cpuMedian, passes, warmup,
                bytes / 1e6 / (median / 1000), bytes / 1e6 / (cpuMedian / 1000));
        return last;
    }

    private static FileSchema read(FileFormatReader reader, Path file, FileReadOptions o) throws IOException {
        try (FileSeekableInput in = new FileSeekableInput(file)) {
            return reader.read(in, o);
        }
    }

    private static void print(FileSchema s) {
        if (s == null) {
            return;
        }
        System.out.println("    rows " + s.rowCount() + (s.rowCountExact() ? " (exact)" : " (estimate)") + ": "
                + s.fields().stream().map(f -> f.name() + ":" + f.type().print() + (f.nullable() ? "?" : ""))
                        .collect(Collectors.joining(", ")));
    }

    /** Deterministic event records with nesting, arrays, optional and mixed-type fields. */
    static void generateJsonl(Path out, long targetBytes) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Random r = new Random(42);
        String[] kinds = {"click", "view", "purchase", "signup"};
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (long i = 0; written < targetBytes; i++) {
                StringBuilder b = new StringBuilder(256);
                b.append("{\"id\":").append(i)
                        .append(",\"kind\":\"").append(kinds[r.nextInt(kinds.length)]).append('"')
                        .append(",\"at\":\"2024-0").append(1 + r.nextInt(9)).append("-1").append(r.nextInt(10))
                        .append("T1").append(r.nextInt(10)).append(":0").append(r.nextInt(10)).append(":00Z\"")
                        .append(",\"amount\":").append(r.nextBoolean() ? String.valueOf(r.nextInt(1000)) : String.format("%.2f", r.nextDouble() * 1000))
                        .append(",\"user\":{\"id\":").append(r.nextInt(100_000))
                        .append(",\"name\":\"user ").append(r.nextInt(100_000)).append('"')
                        .append(",\"geo\":{\"lat\":").append(r.nextDouble()).append(",\"lon\":").append(r.nextDouble()).append("}}")
                        .append(",\"tags\":[");
                int tags = r.nextInt(4);
                for (int t = 0; t < tags; t++) {
                    b.append(t == 0 ? "" : ",").append("\"t").append(r.nextInt(50)).append('"');
                }
                b.append(']');
                if (i % 7 == 0) {
                    b.append(",\"coupon\":null");
                } else if (i % 5 == 0) {
                    b.append(",\"coupon\":\"C").append(r.nextInt(999)).append('"');
                }
                if (i % 3 == 0) {
                    b.append(",\"items\":[{\"sku\":\"S").append(r.nextInt(9999)).append("\",\"qty\":").append(1 + r.nextInt(5)).append("}]");
                }
                b.append("}\n");
                w.write(b.toString());
                written += b.length();
            }
        }
    }
}
