package io.lumos.platform.marquez;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.spi.EmitReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The budget of issue 6: N datasets with lineage emitted to a fake Marquez (its own process) that
 * takes 5 ms per request; prints wall time, requests and heap. Usage:
 * {@code MarquezBench N [columns] [default|max_in_flight]}: {@code default} runs with the config's
 * defaults (adaptive in flight), a number with that many requests in flight, fixed.
 */
public final class MarquezBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        boolean columns = args.length > 1 && args[1].equals("columns");
        // "default": the config defaults (adaptive, up to 64 at once); a number: that many at once, fixed
        String inFlightArg = args.length > 2 ? args[2] : "default";
        boolean defaults = inFlightArg.equals("default");
        String cp = System.getProperty("java.class.path");
        // FAKE_JAVA_OPTS: extra flags for the fake's JVM (it stands in for a server on another machine)
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        String fakeOpts = System.getenv("FAKE_JAVA_OPTS");
        if (fakeOpts != null && !fakeOpts.isBlank()) {
            command.addAll(List.of(fakeOpts.strip().split("\\s+")));
        }
        command.addAll(List.of("-cp", cp, FakeMarquez.class.getName(), "5"));
        Process fake = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader fakeOut =
                new BufferedReader(new InputStreamReader(fake.getInputStream(), StandardCharsets.UTF_8));
        String url = fakeOut.readLine();
        while (url != null && !url.startsWith("http")) {
            url = fakeOut.readLine(); // e.g. JFR's "Started recording" when the fake is profiled
        }
        Path dir = Files.createTempDirectory("marquez-bench");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("url", url);
        if (!defaults) {
            s.put("max_in_flight", Integer.parseInt(inFlightArg));
            s.put("adaptive_in_flight", false);
        }
        s.put("dead_letter", dir.resolve("dead.jsonl").toString());
        if (args.length > 3 && args[3].equals("file")) {
            // the same work without HTTP: what building and serialising the events costs
            s.remove("url");
            s.put("transport", "file");
            s.put("file", dir.resolve("events.jsonl").toString());
        }
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        System.gc();
        long baseline = mem.getHeapMemoryUsage().getUsed();
        sampler.start();
        long t0 = System.nanoTime();
        EmitReport report;
        long afterGc;
        try (MarquezAdapter a = new Adapters().open(s, dir)) {
            int batch = 500;
            for (int start = 0; start < n; start += batch) {
                List<Dataset> ds = new ArrayList<>(batch);
                List<LineageEdge> edges = new ArrayList<>(batch);
                for (int i = start; i < Math.min(n, start + batch); i++) {
                    ds.add(dataset(i));
                    if (i > 0) {
                        LineageEdge e = LineageEdge.of(id(i - 1), id(i));
                        edges.add(
                                columns
                                        ? e.withColumns(
                                                List.of(new ColumnMapping(List.of("amount"), "total", "SUM(amount)")))
                                        : e);
                    }
                }
                a.writeDatasets(ds);
                a.writeLineage(edges);
            }
            a.flush();
            report = a.report();
            System.gc();
            afterGc = mem.getHeapMemoryUsage().getUsed();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
        String userSys = userSys();
        sampler.interrupt();
        fake.getOutputStream().close();
        fake.waitFor();
        System.out.printf(
                "n=%d lineage=%s max_in_flight=%s: %.2f s wall, %.2f s client CPU (%s), %d events sent, %d failed, %d retried; heap peak %d MB, after GC %d MB (baseline %d MB)%n",
                n,
                columns ? "dataset+column" : "dataset",
                defaults ? "default (adaptive, cap 64)" : inFlightArg + " (fixed)",
                millis / 1000.0,
                cpu / 1000.0,
                userSys,
                report.sent(),
                report.failed(),
                report.retried(),
                (peak.get()) >> 20,
                afterGc >> 20,
                baseline >> 20);
    }

    /** User and kernel CPU of this process (Linux), to tell socket time from our own work. */
    static String userSys() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return String.format(
                    "user %.2f s, sys %.2f s", Long.parseLong(f[11]) / 100.0, Long.parseLong(f[12]) / 100.0);
        } catch (Exception e) {
            return "user/sys unknown";
        }
    }

    static DatasetId id(int i) {
        return DatasetId.of("postgres", "shop.public.table_" + i);
    }

    static Dataset dataset(int i) {
        List<Field> fields = List.of(
                Field.builder("id", DataType.Primitive.INT64)
                        .nullable(false)
                        .primaryKey(true)
                        .build(),
                Field.of("customer", DataType.Primitive.STRING, true),
                Field.builder("amount", new DataType.Decimal(12, 2))
                        .description("amount in EUR")
                        .build(),
                Field.of("total", new DataType.Decimal(14, 2), true),
                Field.of("created_at", new DataType.Timestamp(io.lumos.domain.TimeUnit.MICROS, true), false));
        return Dataset.builder(id(i))
                .description("Table number " + i)
                .fields(fields)
                .tags(List.of("bench"))
                .owners(List.of(new Owner("group:data", null)))
                .build();
    }
}
