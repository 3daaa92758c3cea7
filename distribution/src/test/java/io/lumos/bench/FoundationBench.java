package io.lumos.bench;

import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.lineage.LineageGraph;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.CatalogAdapterFactory;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The foundation's budgets, in-process: 100,000 datasets of 20 fields into the local catalog, and
 * lineage impact on a graph of 1,000,000 edges (load, then query). Prints one line per figure.
 *
 * <pre>
 * bench/foundation/run.sh
 * </pre>
 */
public final class FoundationBench {
    private FoundationBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        int n = Integer.parseInt(args[2]);
        switch (mode) {
            case "ingest" -> ingest(dir, n);
            case "lineage-db" -> lineageDb(dir, n);
            case "impact" -> impact(n);
            default -> throw new IllegalArgumentException("mode: ingest | lineage-db | impact");
        }
    }

    private static CatalogAdapter local(Path db) {
        CatalogAdapterFactory f = ServiceLoader.load(CatalogAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("local"))
                .findFirst()
                .orElseThrow();
        return f.create(
                Settings.of("platforms.local", Map.of("path", db.toString())),
                PluginContext.basic(db.getParent(), List.of()));
    }

    private static Dataset dataset(int i) {
        List<Field> fields = new ArrayList<>(20);
        DataType[] types = {
            DataType.Primitive.INT64,
            DataType.Primitive.STRING,
            new DataType.Decimal(12, 2),
            DataType.Primitive.BOOLEAN,
            new DataType.Timestamp(io.lumos.domain.TimeUnit.MICROS, true)
        };
        for (int f = 0; f < 20; f++) {
            fields.add(Field.builder("column_" + f, types[f % types.length])
                    .description(f % 3 == 0 ? "field " + f : null)
                    .build());
        }
        return Dataset.builder(DatasetId.of("postgres", "warehouse.schema_" + (i % 50) + ".table_" + i))
                .description("synthetic table " + i)
                .fields(fields)
                .tags(List.of("bench"))
                .build();
    }

    /** 100,000 datasets of 20 fields, in batches of 500 as ingest writes them. */
    private static void ingest(Path dir, int n) throws Exception {
        Path db = dir.resolve("ingest-" + System.nanoTime() + ".db");
        long t0 = System.nanoTime();
        try (CatalogAdapter c = local(db)) {
            List<Dataset> batch = new ArrayList<>(500);
            for (int i = 0; i < n; i++) {
                batch.add(dataset(i));
                if (batch.size() == 500) {
                    c.writeDatasets(batch);
                    batch.clear();
                }
            }
            c.writeDatasets(batch);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "ingest %d datasets x 20 fields: %.2f s (%.0f datasets/s), file %d MB%n",
                n, s, n / s, Files.size(db) >> 20);
        Files.deleteIfExists(db);
    }

    /** A catalog file with {@code n} lineage edges: a layered DAG, each dataset feeding 4 below it. */
    private static void lineageDb(Path dir, int n) throws Exception {
        Path db = dir.resolve("lineage-" + n + ".db");
        Files.deleteIfExists(db);
        try (CatalogAdapter c = local(db)) {
            c.writeDatasets(List.of(Dataset.builder(DatasetId.of("bench", "n0")).build()));
            List<LineageEdge> batch = new ArrayList<>(10_000);
            for (int e = 0; e < n; e++) {
                batch.add(edge(e));
                if (batch.size() == 10_000) {
                    c.writeLineage(batch);
                    batch.clear();
                }
            }
            c.writeLineage(batch);
        }
        System.out.println("wrote " + n + " edges to " + db);
    }

    private static LineageEdge edge(int e) {
        int up = e / 4;
        int down = e + 1;
        return LineageEdge.of(DatasetId.of("bench", "n" + up), DatasetId.of("bench", "n" + down));
    }

    /** In-process impact on a million edges: graph build, then several queries. */
    private static void impact(int n) {
        List<LineageEdge> edges = new ArrayList<>(n);
        for (int e = 0; e < n; e++) {
            edges.add(edge(e));
        }
        long t0 = System.nanoTime();
        LineageGraph g = LineageGraph.of(edges);
        double build = (System.nanoTime() - t0) / 1e6;
        for (String node : new String[] {"n0", "n1000"}) {
            double[] wall = new double[7];
            double[] cpu = new double[7];
            int affected = 0;
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int r = 0; r < wall.length; r++) {
                long t = System.nanoTime();
                long c = threads.getCurrentThreadCpuTime();
                affected = g.impact(DatasetId.of("bench", node), null, LineageGraph.UNBOUNDED)
                        .affected()
                        .size();
                cpu[r] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
                wall[r] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf(
                    "impact on %d edges (graph built in %.0f ms): bench:%s, %d datasets affected: "
                            + "median %.0f ms wall, %.0f ms CPU (7 runs, wall min %.0f max %.0f)%n",
                    n, build, node, affected, wall[3], cpu[3], wall[0], wall[6]);
        }
    }
}
