package io.lumos.platform.datahub;

import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.Owner;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.EmitReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Emit throughput against a local fake GMS that takes 5 ms per request (run by
 * bench/datahub/run.sh; not a unit test). Datasets are generated 100 at a time and handed to the
 * adapter, as a source streams them; peak heap is sampled to show memory stays flat.
 *
 * <p>Arguments: datasets [mode], mode = batch (default) or single (one proposal per request,
 * max_in_flight 5, like the jar's RestEmitter with its 5 pooled connections).
 */
public final class DataHubEmitBench {
    public static void main(String[] args) throws Exception {
        int datasets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String mode = args.length > 1 ? args[1] : "batch";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        for (int round = 1; round <= rounds; round++) {
            run(datasets, mode, round);
        }
    }

    private static void run(int datasets, String mode, int round) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        Path dir = Files.createTempDirectory("lumos-datahub-bench");
        try (FakeGms gms = new FakeGms()) {
            gms.record = false;
            gms.validate = false;
            gms.latencyMillis = Integer.getInteger("bench.latency", 5);
            boolean single = mode.equals("single");
            if (single) {
                gms.batchEndpoint = false;
            }
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AtomicLong peak = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            EmitReport report;
            try (CatalogAdapter a = Adapters.open(
                    dir,
                    Adapters.rest(
                            gms,
                            "max_in_flight",
                            single ? 5 : Integer.getInteger("bench.inflight", 8),
                            "batch_size",
                            100,
                            // -Dbench.semantics=overwrite: owners and tags as whole-aspect UPSERTs
                            "semantics",
                            System.getProperty("bench.semantics", "patch")))) {
                List<Dataset> chunk = new ArrayList<>(100);
                for (int i = 0; i < datasets; i++) {
                    chunk.add(dataset(i));
                    if (chunk.size() == 100) {
                        a.writeDatasets(chunk);
                        chunk = new ArrayList<>(100);
                    }
                }
                a.writeDatasets(chunk);
                a.flush();
                report = a.report();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            running.set(false);
            System.out.printf(
                    "round=%d cpu_s=%.2f load=%.1f mode=%s datasets=%d proposals=%d landed=%d failed=%d requests=%d seconds=%.2f"
                            + " proposals_per_s=%.0f peak_heap_mb=%.1f max_heap_mb=%d%n",
                    round,
                    cpu,
                    os.getSystemLoadAverage(),
                    mode,
                    datasets,
                    report.sent(),
                    gms.proposalsSeen.get(),
                    report.failed(),
                    gms.batchRequests.get() + gms.singleRequests.get(),
                    seconds,
                    report.sent() / seconds,
                    peak.get() / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576);
        }
    }

    /** A typical table: ten columns, two tags, an owner: six aspects. */
    static Dataset dataset(int i) {
        List<Field> fields = new ArrayList<>(10);
        fields.add(Field.builder("id", DataType.Primitive.INT64)
                .nullable(false)
                .primaryKey(true)
                .build());
        for (int c = 1; c < 10; c++) {
            fields.add(
                    Field.builder("column_" + c, c % 3 == 0 ? new DataType.Decimal(12, 2) : DataType.Primitive.STRING)
                            .description("column " + c + " of table " + i)
                            .build());
        }
        return Dataset.builder(DatasetId.of("postgres", "warehouse.sales.table_" + i))
                .description("Table number " + i)
                .fields(fields)
                .tags(List.of("sales", "bench"))
                .owners(List.of(new Owner("team-" + (i % 10), "TECHNICAL_OWNER")))
                .build();
    }
}
