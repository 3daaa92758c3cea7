package io.lumos.json;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ChangeType;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.domain.SemVer;
import io.lumos.domain.Statistics;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times {@link ModelJson#readSnapshot} (streaming) against the former tree reader on a generated
 * snapshot of N datasets x M fields. Usage: {@code SnapshotReadBench [file] [datasets] [fields] [passes]}.
 */
public final class SnapshotReadBench {
    private static final String[] TYPES = {
        "int64",
        "string",
        "double",
        "boolean",
        "date",
        "timestamptz(us)",
        "decimal(18,2)",
        "int32",
        "struct<id:int64,name:string>",
        "array<string>"
    };

    public static void main(String[] args) throws Exception {
        Path file = Path.of(
                args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/lumos-bench-snapshot.json");
        int datasets = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int fields = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        if (!Files.exists(file)) {
            CatalogSnapshot s = generate(datasets, fields);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                ModelJson.writeSnapshot(out, s);
            }
        }
        System.out.printf("snapshot %s: %.1f MB%n", file, Files.size(file) / 1e6);
        CatalogSnapshot a = time("tree  ", file, passes, true);
        CatalogSnapshot b = time("stream", file, passes, false);
        System.out.println("equal: " + a.equals(b) + " (" + b.datasets().size() + " datasets, "
                + b.lineage().size() + " edges, " + b.versions().size() + " version lists)");
    }

    private static CatalogSnapshot time(String label, Path file, int passes, boolean tree) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] proc = new double[passes];
        double[] wall = new double[passes];
        double[] cpu = new double[passes];
        CatalogSnapshot last = null;
        for (int i = 0; i < passes + 1; i++) { // pass 0 warms up
            System.gc(); // each pass starts from the same heap
            long p0 = os.getProcessCpuTime();
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                last = tree ? TreeSnapshotReader.readSnapshot(in, "bench") : ModelJson.readSnapshot(in, "bench");
            }
            if (i > 0) {
                wall[i - 1] = (System.nanoTime() - w0) / 1e9;
                cpu[i - 1] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                proc[i - 1] = (os.getProcessCpuTime() - p0) / 1e9;
            }
        }
        System.out.printf(
                "%s readSnapshot: median wall %.3f s, thread CPU %.3f s, process CPU (incl. GC) %.3f s; walls %s%n",
                label, median(wall), median(cpu), median(proc), Arrays.toString(wall));
        return last;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static CatalogSnapshot generate(int datasets, int fieldsPer) {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        List<Dataset> out = new ArrayList<>();
        List<LineageEdge> lineage = new ArrayList<>();
        Map<DatasetId, List<DatasetVersion>> versions = new LinkedHashMap<>();
        for (int d = 0; d < datasets; d++) {
            DatasetId id = DatasetId.of("postgres", "shop.schema" + (d % 20) + ".table_" + d);
            List<Field> fields = new ArrayList<>();
            for (int f = 0; f < fieldsPer; f++) {
                Field.Builder b = Field.builder("column_" + f, DataTypes.parse(TYPES[f % TYPES.length]))
                        .nullable(f % 3 != 0)
                        .nativeType(f % 2 == 0 ? "bigint" : "text");
                if (f == 0) {
                    b.primaryKey(true);
                }
                if (f % 5 == 0) {
                    b.description("column " + f + " of table " + d);
                }
                if (f % 7 == 0) {
                    b.tags(List.of("pii"));
                }
                if (f % 10 == 0) {
                    b.properties(Map.of("presence", "0.9"));
                }
                fields.add(b.build());
            }
            DatasetVersion v = new DatasetVersion(
                    "v" + d,
                    SemVer.parse("1.2.0"),
                    t,
                    "alice",
                    ChangeType.SCHEMA_CHANGE,
                    "added column",
                    "v0",
                    "fp" + d);
            out.add(Dataset.builder(id)
                    .description("table " + d)
                    .fields(fields)
                    .tags(List.of("core"))
                    .owners(List.of(new Owner("alice", null)))
                    .properties(Map.of("owner.team", "sales"))
                    .statistics(new Statistics(1000L * d, 4096L * d, t))
                    .location("jdbc:postgresql://db/shop")
                    .version(v)
                    .build());
            versions.put(id, List.of(v));
            if (d > 0) {
                DatasetId up = DatasetId.of("postgres", "shop.schema" + ((d - 1) % 20) + ".table_" + (d - 1));
                lineage.add(new LineageEdge(
                        up,
                        id,
                        LineageType.TRANSFORMED,
                        0.9,
                        t,
                        "bench",
                        List.of(new ColumnMapping(List.of("column_1"), "column_1", "IDENTITY"))));
            }
        }
        return new CatalogSnapshot(1, t, "lumos-bench", out, lineage, versions);
    }
}
