import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.diff.Gate;
import io.lumos.domain.diff.GateOptions;
import io.lumos.domain.diff.GateReport;
import io.lumos.json.ModelJson;
import io.lumos.spi.report.DiffReportWriter;
import io.lumos.spi.report.ReportOptions;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;

/**
 * Budget of issue 7: two snapshots of 10,000 datasets x 50 fields, 2% of the fields changed;
 * diff + lineage impact + all six report formats, in process. Usage:
 * DiffGateBench generate DIR | DiffGateBench run DIR [ITERATIONS]
 */
public final class DiffGateBench {
    static final int DATASETS = 10_000;
    static final int FIELDS = 50;
    static final int LAYERS = 10;
    static final String[] TYPES = {"int32", "int64", "string", "decimal(12,2)", "timestamptz(us)", "float32",
        "boolean", "date", "enum(NEW,PAID,SHIPPED)", "struct<a:int32,b:string>"};

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bench");
        if (args[0].equals("generate")) {
            generate(dir);
        } else {
            run(dir, args.length > 2 ? Integer.parseInt(args[2]) : 5);
        }
    }

    static DatasetId id(int i) {
        return DatasetId.of("s3", "lake/layer" + (i / (DATASETS / LAYERS)) + "/table_" + i);
    }

    static void generate(Path dir) throws Exception {
        Files.createDirectories(dir);
        Random rnd = new Random(42);
        List<Dataset> base = new ArrayList<>(DATASETS);
        List<Dataset> cur = new ArrayList<>(DATASETS);
        int changed = 0;
        int perLayer = DATASETS / LAYERS;
        for (int i = 0; i < DATASETS; i++) {
            List<Field> o = new ArrayList<>(FIELDS);
            for (int c = 0; c < FIELDS; c++) {
                o.add(Field.builder("c" + c, DataTypes.parse(TYPES[(i + c) % TYPES.length]))
                        .nullable(c % 3 != 0)
                        .description(c % 5 == 0 ? "column " + c : null)
                        .build());
            }
            List<Field> n = new ArrayList<>(o);
            // 2% of 500,000 fields = 10,000: one change per dataset on average, spread at random.
            int changes = rnd.nextDouble() < 0.5 ? 0 : 2;
            for (int k = 0; k < changes; k++) {
                int c = rnd.nextInt(n.size());
                Field f = n.get(c);
                switch ((changed++) % 7) {
                    case 0 -> n.set(c, f.toBuilder().nullable(!f.nullable()).build());
                    case 1 -> n.remove(c);
                    case 2 -> n.add(Field.of("added_" + k, DataTypes.parse("string"), true));
                    case 3 -> n.set(c, Field.builder(f.name(), widen(f.type())).nullable(f.nullable()).build());
                    case 4 -> n.set(c, f.toBuilder().description("changed " + k).build());
                    case 5 -> n.set(c, Field.builder(f.name() + "_renamed", f.type()).nullable(f.nullable()).build());
                    default -> n.set(c, Field.builder(f.name(), DataTypes.parse("decimal(12,4)")).nullable(f.nullable()).build());
                }
            }
            base.add(Dataset.builder(id(i)).fields(o).build());
            cur.add(Dataset.builder(id(i)).fields(n).build());
        }
        List<LineageEdge> lineage = new ArrayList<>();
        List<ColumnMapping> mappings = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            mappings.add(ColumnMapping.parse("c" + c + "=c" + c));
        }
        for (int i = perLayer; i < DATASETS; i++) {
            lineage.add(LineageEdge.of(id(i - perLayer), id(i)).withColumns(mappings));
            if (i % 10 == 0) {
                lineage.add(LineageEdge.of(id(i - perLayer + 1), id(i))); // dataset lineage only
            }
        }
        Instant at = Instant.parse("2026-11-22T00:00:00Z");
        write(dir.resolve("baseline.json"), CatalogSnapshot.of(at, base, lineage));
        write(dir.resolve("current.json"), CatalogSnapshot.of(at, cur, lineage));
        System.out.println("generated " + DATASETS + " datasets x " + FIELDS + " fields, " + changed
                + " field changes, " + lineage.size() + " lineage edges in " + dir);
    }

    static DataType widen(DataType t) {
        return switch (t.print()) {
            case "int32" -> DataTypes.parse("int64");
            case "float32" -> DataTypes.parse("float64");
            case "decimal(12,2)" -> DataTypes.parse("decimal(14,2)");
            default -> DataTypes.parse("string");
        };
    }

    static void write(Path p, CatalogSnapshot s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelJson.writeSnapshot(out, s); // it closes its stream before the final newline: buffer
        Files.write(p, out.toByteArray());
    }

    static CatalogSnapshot read(Path p) throws Exception {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
            return ModelJson.readSnapshot(in, p.toString());
        }
    }

    static void run(Path dir, int iterations) throws Exception {
        List<DiffReportWriter> writers = new ArrayList<>();
        ServiceLoader.load(DiffReportWriter.class).forEach(writers::add);
        long[][] times = new long[iterations][4];
        long[][] cpu = new long[iterations][4];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        GateReport last = null;
        for (int it = 0; it < iterations; it++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            CatalogSnapshot base = read(dir.resolve("baseline.json"));
            // as the CLI reads the current side: recording where datasets and fields are, for the reports
            io.lumos.json.SnapshotLineRecorder lines = new io.lumos.json.SnapshotLineRecorder();
            CatalogSnapshot cur;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve("current.json")), 1 << 16)) {
                cur = lines.read(in, "current.json");
            }
            long t1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            GateReport report = Gate.run("baseline.json", base, "current.json", cur, GateOptions.defaults());
            long t2 = System.nanoTime();
            long c2 = os.getProcessCpuTime();
            ReportOptions options = new ReportOptions(dir.resolve("current.json"), "current.json", Map.of(), 10, lines);
            for (DiffReportWriter w : writers) {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("report." + w.format())))) {
                    w.write(report, out, options);
                }
            }
            long t3 = System.nanoTime();
            long c3 = os.getProcessCpuTime();
            cpu[it] = new long[] {c1 - c0, c2 - c1, c3 - c2, c3 - c0};
            times[it] = new long[] {t1 - t0, t2 - t1, t3 - t2, t3 - t0};
            last = report;
            System.out.printf("iteration %d: read %d ms, diff+impact %d ms, %d reports %d ms, total %d ms"
                            + " (process CPU: %d / %d / %d / %d ms)%n", it + 1,
                    ms(t1 - t0), ms(t2 - t1), writers.size(), ms(t3 - t2), ms(t3 - t0),
                    ms(c1 - c0), ms(c2 - c1), ms(c3 - c2), ms(c3 - c0));
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("findings %d (breaking %d), datasets changed %d, downstream impacts %d%n",
                last.findings().size(), last.counts().get(io.lumos.domain.diff.Severity.BREAKING),
                last.datasets().size(), last.findings().stream().mapToLong(f -> f.downstream().size()).sum());
        System.out.printf("median: read %d ms, diff+impact %d ms, reports %d ms, total %d ms; peak heap %d MB (max %d MB)%n",
                median(times, 0), median(times, 1), median(times, 2), median(times, 3), peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("median process CPU: read %d ms, diff+impact %d ms, reports %d ms, total %d ms%n",
                median(cpu, 0), median(cpu, 1), median(cpu, 2), median(cpu, 3));
    }

    static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    static long median(long[][] t, int col) {
        long[] v = Arrays.stream(t).mapToLong(r -> r[col]).sorted().toArray();
        return ms(v[v.length / 2]);
    }
}
