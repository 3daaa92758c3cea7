package io.lumos.cli.commands;

import io.lumos.cli.Session;
import io.lumos.cli.config.LumosConfig;
import io.lumos.cli.service.CompatibilityModes;
import io.lumos.cli.service.IgnoreFile;
import io.lumos.cli.service.IngestService;
import io.lumos.cli.service.ScanResult;
import io.lumos.cli.service.ScanService;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.domain.diff.FailOn;
import io.lumos.domain.diff.Gate;
import io.lumos.domain.diff.GateOptions;
import io.lumos.domain.diff.GateReport;
import io.lumos.domain.diff.IgnoreEntry;
import io.lumos.json.SnapshotLineRecorder;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Redaction;
import io.lumos.spi.report.DiffReportWriter;
import io.lumos.spi.report.ReportOptions;
import io.lumos.spi.report.SnapshotLineIndex;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** What {@code diff} and {@code gate} share: reading each side, the options, writing the reports. */
final class DiffSupport {
    private DiffSupport() {}

    /**
     * One side of a diff: the snapshot, how to name it, its file when it is a snapshot file, and
     * where its datasets and fields are in that file (the current side's, for reports).
     */
    record Side(CatalogSnapshot snapshot, String label, Path snapshotFile, SnapshotLineIndex lines) {
        Side {
            // The label is what reports call this side (`current` in JSON): a target without its password.
            label = Redaction.redactUrl(label);
        }

        Side(CatalogSnapshot snapshot, String label, Path snapshotFile) {
            this(snapshot, label, snapshotFile, null);
        }
    }

    /** A snapshot file as is; anything else is scanned like {@code lumos scan TARGET}. */
    static Side load(Session session, ScanService scans, String target) {
        Path path = session.workingDirectory().resolve(target);
        if (Files.isRegularFile(path) && looksLikeSnapshot(path)) {
            // reports point at lines of the current side: the reader records them as it parses
            SnapshotLineRecorder lines = new SnapshotLineRecorder();
            return new Side(SnapshotCommand.read(path, lines), target, path, lines);
        }
        if (isProcessPipe(path)) {
            // `lumos diff a.json <(lumos snapshot export -o -)`: a pipe can be read once, so as a snapshot
            return new Side(readPipe(path), target, null);
        }
        // Relative paths are relative to the command's working folder, as everywhere in the CLI.
        String resolved = !target.contains("://") && Files.exists(path) ? path.toString() : target;
        ScanResult result = scans.scan(List.of(scans.sourceForTarget(resolved)));
        failOnProblems(result, target);
        return new Side(
                CatalogSnapshot.of(session.clock().instant(), result.datasets(), result.lineage()), target, null);
    }

    /**
     * Both sides, as {@link #load} gives them; two snapshot files are read at the same time (the
     * reads are independent and each is most of a large gate's time). Errors surface as when read
     * one after the other: the first side's first.
     */
    static Side[] loadPair(Session session, ScanService scans, String first, String second) {
        Path a = session.workingDirectory().resolve(first);
        Path b = session.workingDirectory().resolve(second);
        if (!(Files.isRegularFile(a) && looksLikeSnapshot(a) && Files.isRegularFile(b) && looksLikeSnapshot(b))) {
            Side one = load(session, scans, first);
            return new Side[] {one, load(session, scans, second)};
        }
        FutureTask<CatalogSnapshot> one = new FutureTask<>(() -> SnapshotCommand.read(a));
        Thread reader = new Thread(one, "lumos-read-" + first);
        reader.setDaemon(true);
        reader.start();
        CatalogSnapshot two = null;
        RuntimeException twoError = null;
        // the reports point at lines of the current side: Jackson counts them while it parses
        SnapshotLineRecorder lines = new SnapshotLineRecorder();
        try {
            two = SnapshotCommand.read(b, lines);
        } catch (RuntimeException e) {
            twoError = e;
        }
        CatalogSnapshot got;
        try {
            got = one.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LumosException(ErrorCode.USAGE, first + ": reading was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        if (twoError != null) {
            throw twoError;
        }
        return new Side[] {new Side(got, first, a), new Side(two, second, b, lines)};
    }

    /**
     * The configured sources as {@code ingest} would write them on top of {@code baseline}: the
     * same code path applies the config's owners and metadata and adds its lineage.
     */
    static Side fromConfig(Session session, IngestService ingest, CatalogSnapshot baseline) {
        LumosConfig config = session.config();
        if (config.sources().isEmpty()) {
            throw new LumosException(
                    ErrorCode.USAGE, "the config has no sources to gate; give --current FILE or add sources:");
        }
        Map<DatasetId, Dataset> before = new java.util.HashMap<>();
        baseline.datasets().forEach(d -> before.put(d.id(), d));
        ScanResult result = ingest.plan(config.sources(), id -> java.util.Optional.ofNullable(before.get(id)));
        failOnProblems(result, "the configured sources");
        String label = session.options().config() == null
                ? "config"
                : session.options().config().toString();
        return new Side(
                CatalogSnapshot.of(session.clock().instant(), result.datasets(), result.lineage()), label, null);
    }

    private static void failOnProblems(ScanResult result, String what) {
        if (!result.problems().isEmpty()) {
            throw new LumosException(
                    ErrorCode.SOURCE_FAILED,
                    // each problem was printed as a warning already: this line does not repeat them
                    Redaction.redactUrl(what) + ": " + result.problems().size()
                            + " problem(s) reading the source (the warning(s) above); fix the source,"
                            + " the comparison needs all of it");
        }
    }

    /**
     * A pipe the shell opened for this process (process substitution gives /dev/fd/N): it has its
     * writer already, so reading it cannot block forever as a named FIFO without one would.
     */
    static boolean isProcessPipe(Path path) {
        String p = path.toString().replace('\\', '/');
        return (p.startsWith("/dev/fd/") || p.startsWith("/proc/self/fd/") || p.matches("/proc/\\d+/fd/.*"))
                && Files.exists(path)
                && !Files.isRegularFile(path)
                && !Files.isDirectory(path);
    }

    // A FileInputStream, not a channel: a channel asks a pipe its size and position ("Illegal seek").
    private static CatalogSnapshot readPipe(Path path) {
        try (InputStream in = new java.io.BufferedInputStream(new java.io.FileInputStream(path.toFile()), 1 << 16)) {
            return io.lumos.json.ModelJson.readSnapshot(in, path.toString());
        } catch (IOException e) {
            throw new LumosException(ErrorCode.USAGE, path + ": " + io.lumos.spi.IoProblems.describe(e));
        }
    }

    private static boolean looksLikeSnapshot(Path path) {
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            String head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            return head.stripLeading().startsWith("{") && head.contains("\"formatVersion\"");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Two sides that each hold exactly one dataset under different ids ({@code lumos diff a.avsc
     * b.avsc}) are compared with each other: the old one is taken under the new one's id.
     */
    static CatalogSnapshot pairSingles(CatalogSnapshot old, CatalogSnapshot current) {
        if (old.datasets().size() == 1
                && current.datasets().size() == 1
                && !old.datasets().get(0).id().equals(current.datasets().get(0).id())) {
            Dataset o = old.datasets().get(0);
            Dataset renamed = io.lumos.domain.Dataset.builder(
                            current.datasets().get(0).id())
                    .description(o.description())
                    .subtype(o.subtype())
                    .fields(o.fields())
                    .tags(o.tags())
                    .glossaryTerms(o.glossaryTerms())
                    .owners(o.owners())
                    .domain(o.domain())
                    .status(o.status())
                    .properties(o.properties())
                    .statistics(o.statistics())
                    .location(o.location())
                    .version(o.version())
                    .build();
            return CatalogSnapshot.of(old.createdAt(), List.of(renamed), List.of());
        }
        return old;
    }

    /** The gate options with the mode of each dataset still to resolve against the snapshots. */
    record Options(GateOptions gate, CompatibilityModes modes) {}

    /**
     * The options of {@code diff} and {@code gate}; {@code mode} is null when {@code --mode} was not
     * given, so that the config's {@code compatibility.default} applies.
     */
    static Options options(
            Session session, String mode, List<String> modeFor, String failOn, Path ignore, Integer depth) {
        CompatibilityMode m;
        FailOn f;
        Map<DatasetId, CompatibilityMode> modes = new LinkedHashMap<>();
        try {
            m = mode == null ? null : CompatibilityMode.parse(mode);
            f = FailOn.parse(failOn);
            for (String entry : modeFor == null ? List.<String>of() : modeFor) {
                int eq = entry.lastIndexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(
                            "--mode-for '" + entry + "' must look like DATASET=MODE (e.g. avro:orders=FULL)");
                }
                modes.put(
                        DatasetId.parse(entry.substring(0, eq), session.environment()),
                        CompatibilityMode.parse(entry.substring(eq + 1)));
            }
        } catch (IllegalArgumentException e) {
            throw new LumosException(ErrorCode.USAGE, e.getMessage());
        }
        CompatibilityModes resolver = new CompatibilityModes(session.config(), m, modes);
        List<IgnoreEntry> ignores = ignore == null
                ? List.of()
                : IgnoreFile.read(session.workingDirectory().resolve(ignore));
        LocalDate today = LocalDate.ofInstant(session.clock().instant(), ZoneOffset.UTC);
        return new Options(
                new GateOptions(resolver.defaultMode(), modes, f, ignores, today, depth == null ? 0 : depth), resolver);
    }

    static GateReport run(Side base, Side current, Options options) {
        return run(base, current, options, List.of());
    }

    /** The gate, with findings from outside the schema diff (failing assertions). */
    static GateReport run(Side base, Side current, Options options, List<io.lumos.domain.diff.Finding> extra) {
        CatalogSnapshot old = pairSingles(base.snapshot(), current.snapshot());
        GateOptions g = options.gate();
        // The config's per-dataset globs become one entry per dataset of either side.
        GateOptions resolved = new GateOptions(
                g.defaultMode(),
                options.modes().forSnapshots(old, current.snapshot()),
                g.failOn(),
                g.ignores(),
                g.today(),
                g.maxDepth());
        return Gate.run(base.label(), old, current.label(), current.snapshot(), resolved, extra);
    }

    /** One {@code -f FORMAT [-o FILE]} pair; without {@code -o} the report goes to stdout. */
    static final class ReportSpec {
        @picocli.CommandLine.Option(
                names = {"-f", "--format"},
                required = true,
                paramLabel = "F",
                description = "text (default), json, markdown, github, junit or sarif; repeatable")
        String format;

        @picocli.CommandLine.Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Where the -f before it goes (default stdout)")
        Path output;

        static ReportSpec of(String format, Path output) {
            ReportSpec r = new ReportSpec();
            r.format = format;
            r.output = output;
            return r;
        }
    }

    /** Writes each report to its file, or to stdout. */
    static void write(Session session, PrintWriter stdout, GateReport report, Side current, List<ReportSpec> specs) {
        List<ReportSpec> reports = specs == null || specs.isEmpty() ? List.of(ReportSpec.of("text", null)) : specs;
        List<String> fs = reports.stream().map(r -> r.format).toList();
        List<DiffReportWriter> writers = new ArrayList<>();
        for (String f : fs) {
            writers.add(session.plugins()
                    .find(DiffReportWriter.class, f)
                    .orElseThrow(() -> new LumosException(
                            ErrorCode.USAGE,
                            "unknown report format '" + f + "'; use one of "
                                    + String.join(", ", session.plugins().names(DiffReportWriter.class)))));
        }
        Path snapshotFile = current.snapshotFile();
        String uri = current.label();
        ReportOptions options = new ReportOptions(snapshotFile, uri, session.env(), 10, current.lines());
        // Files are written in parallel (the reports are independent and the six of a CI run add up);
        // reports to stdout follow, in the order given.
        List<Integer> toFiles = new ArrayList<>();
        List<Integer> toStdout = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            (reports.get(i).output != null ? toFiles : toStdout).add(i);
        }
        (toFiles.size() > 1 ? toFiles.parallelStream() : toFiles.stream()).forEach(i -> {
            Path output = reports.get(i).output;
            try {
                Path target = session.workingDirectory().resolve(output);
                if (target.getParent() != null) {
                    Files.createDirectories(target.getParent());
                }
                // Buffered: the XML writer emits single bytes, one system call each on a bare file stream.
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
                    writers.get(i).write(report, out, options);
                }
            } catch (IOException e) {
                throw cannotWrite(fs.get(i), output, e);
            }
        });
        for (int i : toStdout) {
            try {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                writers.get(i).write(report, buf, options);
                String text = buf.toString(StandardCharsets.UTF_8);
                // JSON, SARIF and JUnit escape control characters themselves; plain text for a
                // terminal shows those of names escaped
                boolean escapes = java.util.Set.of("json", "sarif", "junit")
                        .contains(fs.get(i).toLowerCase(Locale.ROOT));
                stdout.print(escapes ? text : escapeLines(text));
                stdout.flush();
            } catch (IOException e) {
                throw cannotWrite(fs.get(i), null, e);
            }
        }
    }

    private static String escapeLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            boolean cr = line.endsWith("\r");
            String body = cr ? line.substring(0, line.length() - 1) : line;
            lines.add(io.lumos.cli.output.ConsoleText.escapeLine(body) + (cr ? "\r" : ""));
        }
        return String.join("\n", lines);
    }

    private static LumosException cannotWrite(String format, Path output, IOException e) {
        return output != null
                ? LumosException.cannotWrite("the " + format + " report", output, e)
                : new LumosException(
                        ErrorCode.WRITE_FAILED,
                        "cannot write the " + format + " report to stdout: " + e.getMessage(),
                        e);
    }
}
