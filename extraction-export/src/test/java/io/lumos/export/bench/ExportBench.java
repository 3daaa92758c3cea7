package io.lumos.export.bench;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.domain.Statistics;
import io.lumos.export.SnapshotExporter;
import io.lumos.spi.ExportRequest;
import io.lumos.spi.PluginContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The export budgets, one scenario per JVM (run it with -Xmx512m through bench/export/run.sh):
 * {@code comprehensive DATASETS FIELDS OUT.xlsx}, {@code schema DATASETS FIELDS OUT.xlsx} (the
 * million-row case), {@code html NODES OUT.html}. Prints one line of figures.
 */
public final class ExportBench {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final List<DataType> TYPES = List.of(
            DataTypes.parse("int64"),
            DataTypes.parse("string"),
            DataTypes.parse("decimal(12,2)"),
            DataTypes.parse("timestamp(us)"),
            DataTypes.parse("boolean"),
            DataTypes.parse("float64"));

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (mode.equals("html")) {
            int n = Integer.parseInt(args[1]);
            Path out = Path.of(args[2]);
            CatalogSnapshot s = snapshot(n, 5, 10);
            long t0 = System.nanoTime();
            String summary = export(s, "lineage", "html", out, Map.of("products", products(n)));
            System.out.printf(
                    "html nodes=%d write_ms=%d bytes=%d  (%s)%n",
                    n, (System.nanoTime() - t0) / 1_000_000, Files.size(out), summary);
            return;
        }
        int datasets = Integer.parseInt(args[1]);
        int fields = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        CatalogSnapshot s = snapshot(datasets, fields, 10);
        System.gc();
        long snapshotHeap = usedHeap();
        resetPeaks();
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        String summary = export(s, mode, "xlsx", out);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long cpuMs = (cpu() - cpu0) / 1_000_000;
        System.out.printf(
                "%s datasets=%d fields=%d export_ms=%d export_cpu_ms=%d snapshot_heap_mb=%d peak_heap_mb=%d max_heap_mb=%d file_mb=%.1f  (%s)%n",
                mode,
                datasets,
                datasets * fields,
                ms,
                cpuMs,
                snapshotHeap >> 20,
                peakHeap() >> 20,
                Runtime.getRuntime().maxMemory() >> 20,
                Files.size(out) / 1048576.0,
                summary);
    }

    static String export(CatalogSnapshot s, String type, String format, Path out) {
        return export(s, type, format, out, Map.of());
    }

    static String export(CatalogSnapshot s, String type, String format, Path out, Map<String, Object> options) {
        return new SnapshotExporter(
                        Map.of(), PluginContext.basic(out.toAbsolutePath().getParent(), List.of()))
                .export(new ExportRequest(type, format, out, s, null, options));
    }

    /** 20 data products holding every 7th dataset between them, so the page draws product groups. */
    static List<io.lumos.domain.DataProduct> products(int datasets) {
        List<io.lumos.domain.DataProduct> out = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            List<DatasetId> assets = new ArrayList<>();
            for (int i = p * 7; i < datasets; i += 140) {
                assets.add(id(i));
            }
            out.add(new io.lumos.domain.DataProduct(
                    "product_" + p, null, null, List.of(), List.of("bench"), assets, null));
        }
        return out;
    }

    /** Datasets in layers of {@code perLayer... }: each takes two upstreams from the layer before. */
    static CatalogSnapshot snapshot(int datasets, int fieldsPer, int layers) {
        Random rnd = new Random(42);
        List<Dataset> out = new ArrayList<>(datasets);
        List<LineageEdge> edges = new ArrayList<>();
        int perLayer = Math.max(1, datasets / layers);
        String[] domains = {"sales", "finance", "web", "ops", "hr"};
        String[] teams = {"team-a", "team-b", "team-c", "team-d", "team-e", "team-f", "team-g"};
        for (int i = 0; i < datasets; i++) {
            DatasetId id = id(i);
            List<Field> fields = new ArrayList<>(fieldsPer);
            for (int f = 0; f < fieldsPer; f++) {
                Field.Builder b =
                        Field.builder("col_" + f, TYPES.get(f % TYPES.size())).nullable(f % 3 != 0);
                if (f % 2 == 0) {
                    b.description("column " + f + " of table " + i);
                }
                if (f == 0) {
                    b.primaryKey(true).nativeType("bigint");
                }
                fields.add(b.build());
            }
            Dataset.Builder d = Dataset.builder(id)
                    .fields(fields)
                    .domain(domains[i % domains.length])
                    .statistics(new Statistics(
                            (long) rnd.nextInt(10_000_000),
                            (long) rnd.nextInt(1 << 30),
                            NOW.minusSeconds(rnd.nextInt(30_000_000))))
                    .properties(i % 10 == 0 ? Map.of("cost.monthly", Integer.toString(100 + i % 900)) : Map.of());
            if (i % 3 != 0) {
                d.description(i % 17 == 0 ? "=cmd|' /C calc'!A0 hostile " + i : "table number " + i);
            }
            if (i % 4 != 0) {
                d.owners(List.of(new Owner("group:" + teams[i % teams.length], null)));
            }
            if (i % 5 == 0) {
                d.tags(List.of("core"));
            }
            out.add(d.build());
            int layer = i / perLayer;
            if (layer > 0) {
                int base = (layer - 1) * perLayer;
                for (int k = 0; k < 2; k++) {
                    int up = base + rnd.nextInt(perLayer);
                    if (edges.stream()
                            .skip(Math.max(0, edges.size() - 2))
                            .anyMatch(e -> e.upstream().equals(id(up))
                                    && e.downstream().equals(id))) {
                        continue;
                    }
                    edges.add(new LineageEdge(
                            id(up),
                            id,
                            LineageType.TRANSFORMED,
                            1.0,
                            NOW,
                            "bench",
                            List.of(ColumnMapping.parse("col_0=col_0"))));
                }
            }
        }
        return CatalogSnapshot.of(NOW, out, edges);
    }

    static DatasetId id(int i) {
        return DatasetId.of(
                i % 2 == 0 ? "postgres" : "s3", String.format("warehouse.schema_%02d.table_%05d", i % 50, i));
    }

    /** CPU time of the whole process: on a shared machine wall time says more about the neighbours. */
    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long usedHeap() {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                used += p.getUsage().getUsed();
            }
        }
        return used;
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap used at any one time. */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
