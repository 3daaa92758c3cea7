package io.lumos.source.parquet.bench;

import io.lumos.source.parquet.ParquetFormatReader;
import io.lumos.spi.file.CountingSeekableInput;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.FileSeekableInput;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * In-process timing of the Parquet reader over the speed-test lake: every schema of a folder of
 * files read by N threads, one pass after another (the median leaves JIT warm-up to the first
 * passes). Not a test: run by bench/parquet-avro/run.sh.
 *
 * <p>args: DIR [threads=2] [passes=7]
 */
public final class ParquetLakeBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        ParquetFormatReader reader = new ParquetFormatReader();

        List<Path> files;
        try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            files = s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .parquet files under " + dir + "; generate the lake first");
        }
        System.out.printf("files: %d under %s, threads: %d, passes: %d%n", files.size(), dir, threads, passes);

        // bytes and reads per file, in a pass of its own so counting costs nothing in the timed ones
        AtomicLong bytes = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        long maxBytes = 0;
        long columns = 0;
        long rows = 0;
        for (Path p : files) {
            try (CountingSeekableInput in = new CountingSeekableInput(new FileSeekableInput(p))) {
                FileSchema s = reader.read(in, FileReadOptions.DEFAULT);
                columns += s.fields().size();
                rows += s.rowCount();
                bytes.addAndGet(in.bytesRead());
                reads.addAndGet(in.reads());
                maxBytes = Math.max(maxBytes, in.bytesRead());
            }
        }
        System.out.printf(
                "columns: %d, rows: %d, bytes read: %d (%.1f KiB a file, max %d), reads: %d (%.2f a file)%n",
                columns,
                rows,
                bytes.get(),
                bytes.get() / 1024.0 / files.size(),
                maxBytes,
                reads.get(),
                reads.get() / (double) files.size());

        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        double[] ms = new double[passes];
        double[] cpu = new double[passes];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try {
            for (int pass = 0; pass < passes; pass++) {
                AtomicInteger next = new AtomicInteger();
                AtomicLong fields = new AtomicLong();
                long t0 = System.nanoTime();
                long cpu0 = os.getProcessCpuTime();
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    workers.add(pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < files.size()) {
                            try (FileSeekableInput in = new FileSeekableInput(files.get(i))) {
                                fields.addAndGet(reader.read(in, FileReadOptions.DEFAULT)
                                        .fields()
                                        .size());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> w : workers) {
                    w.get();
                }
                ms[pass] = (System.nanoTime() - t0) / 1e6;
                cpu[pass] = (os.getProcessCpuTime() - cpu0) / 1e6;
                if (fields.get() != columns) {
                    throw new AssertionError(
                            "pass " + pass + " read " + fields.get() + " columns, expected " + columns);
                }
                System.out.printf(
                        "pass %d: %.1f ms wall, %.1f ms CPU (process, all threads incl. GC/JIT), load average %.1f%n",
                        pass + 1, ms[pass], cpu[pass], os.getSystemLoadAverage());
            }
        } finally {
            pool.shutdownNow();
        }
        long peakHeap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peakHeap += p.getPeakUsage().getUsed();
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double[] sortedCpu = cpu.clone();
        Arrays.sort(sortedCpu);
        double median = sorted[passes / 2];
        System.out.printf(
                "RESULT wall min %.1f ms, median %.1f ms, max %.1f ms; %.3f ms a file (median); CPU median %.1f ms;"
                        + " peak heap used %.1f MB%n",
                sorted[0], median, sorted[passes - 1], median / files.size(), sortedCpu[passes / 2], peakHeap / 1e6);
    }
}
