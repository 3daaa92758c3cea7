package io.lumos.source.files;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.IoProblems;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.ScanSink;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import io.lumos.spi.SourceHandler;
import io.lumos.spi.file.FileReadOptions;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files source: its settings, and a scan in two walks of each path. The first walk ({@link
 * DatasetGrouping}) counts the files of each dataset, so that names, formats and the files to read
 * are settled before any is read; the second ({@link FileWalker}) hands each file to be read to
 * {@link SchemaReads}, which merges each dataset's schemas as they arrive, and {@link DatasetEmitter}
 * hands each dataset to the sink as soon as its last file is merged. Neither walk keeps anything per
 * file, so memory does not grow with the files of a table.
 */
final class FileSourceHandler implements SourceHandler {
    private static final Set<String> FORMAT_TYPES = Set.of("csv", "tsv", "json", "jsonl", "parquet", "avro");

    private final PluginContext context;
    private final String sourceName;
    private final String platform;
    private final List<String> paths;
    private final List<PathMatcher> excludes;
    private final boolean includeHidden;
    private final boolean asTable;
    private final String namePrefix;
    private final Integer maxFiles;
    /** The format of files without an extension ({@code default_extension}, as DataHub's path specs). */
    private final String defaultExtension;

    private final FileReadOptions readOptions;

    FileSourceHandler(Settings settings, PluginContext context) {
        this.context = context;
        FileSourceKeys k = SettingsBinder.bind(FileSourceKeys.class, settings);
        this.sourceName = k.name() != null ? k.name() : settings.scope();
        String type = k.type().toLowerCase(Locale.ROOT);
        this.platform = k.platform() != null ? k.platform() : FORMAT_TYPES.contains(type) ? type : "file";
        List<String> p = new ArrayList<>(k.path());
        p.addAll(k.paths());
        if (p.isEmpty()) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    settings.scope() + ": the key 'path' is required (a file, a folder or a glob such as data/*.csv)");
        }
        this.paths = p;
        List<PathMatcher> ex = new ArrayList<>();
        for (String glob : k.exclude()) {
            ex.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            if (!glob.startsWith("/") && !glob.startsWith("**")) {
                ex.add(FileSystems.getDefault().getPathMatcher("glob:**/" + glob));
            }
        }
        this.excludes = ex;
        this.includeHidden = k.includeHidden();
        this.asTable = k.asTable();
        this.namePrefix = k.namePrefix();
        this.maxFiles = k.maxFilesPerDataset();
        if (maxFiles != null && maxFiles < 1) {
            throw settings.invalid("max_files_per_dataset", "must be 1 or more");
        }
        String def = k.defaultExtension();
        this.defaultExtension = def == null || def.isBlank() ? null : io.lumos.spi.file.FormatSniffer.extension(def);
        if (defaultExtension != null
                && context.formatFor("file" + defaultExtension).isEmpty()) {
            throw settings.invalid(
                    "default_extension",
                    "no installed reader reads " + defaultExtension + " files; see `lumos plugins`");
        }
        // the readers' options as written: each reader checks its own
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : FileSourceFactory.READER_OPTIONS) {
            if (settings.has(key)) {
                options.put(key, settings.string(key, null));
            }
        }
        if (k.sampleRows() < 1) {
            throw settings.invalid("sample_rows", "must be 1 or more");
        }
        this.readOptions = new FileReadOptions(k.sampleRows(), k.maxSampleBytes(), k.fullScan(), options);
    }

    @Override
    public String name() {
        return sourceName;
    }

    @Override
    public void scan(ScanSink sink) {
        FileScan scan = new FileScan(sourceName, context, sink);
        FileWalker walker = new FileWalker(context, excludes, includeHidden, defaultExtension);
        DatasetGrouping grouping = new DatasetGrouping(scan, walker, asTable, namePrefix, maxFiles);
        WalkFindings findings = new WalkFindings(scan);
        // a list, not a map: a record's first hashCode spins up its bootstrap, 15 ms of a short scan
        List<Planned> planned = new ArrayList<>();
        for (String raw : paths) {
            PathSpec spec = PathSpec.parse(raw, context.workingDirectory());
            try {
                planned.add(new Planned(spec, new ArrayList<>(grouping.plan(spec, findings))));
            } catch (IOException e) {
                scan.problem(
                        scan.display(spec.base()),
                        "cannot list the files: " + IoProblems.describe(e),
                        ErrorCode.SOURCE_FAILED,
                        e);
            }
        }
        findings.report();
        List<DatasetPlan> all = distinctNames(scan, planned);
        scan.expect(all.size());
        long files = 0;
        for (DatasetPlan p : all) {
            files += p.toRead();
        }
        int threads = files <= 1
                ? 0
                : (int) Math.min(files, Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
        DatasetEmitter emitter = new DatasetEmitter(scan, platform, namePrefix);
        try (SchemaReads reads = new SchemaReads(scan, readOptions, threads, emitter::emit)) {
            for (Planned p : planned) {
                read(p.spec(), p.plans(), walker, grouping, reads);
            }
            reads.finish();
        }
    }

    /** A path spec and the datasets its first walk found. */
    private record Planned(PathSpec spec, List<DatasetPlan> plans) {}

    /** The second walk of one spec: each file its dataset reads goes to the pool as it is found. */
    private static void read(
            PathSpec spec, List<DatasetPlan> plans, FileWalker walker, DatasetGrouping grouping, SchemaReads reads) {
        Map<String, DatasetPlan> byKey = new HashMap<>();
        Map<String, SchemaReads.Pending> pendings = new HashMap<>();
        for (DatasetPlan p : plans) {
            byKey.put(p.key, p);
            pendings.put(p.key, new SchemaReads.Pending(p));
        }
        boolean walked = false;
        for (DatasetPlan p : plans) {
            if (p.sole != null) {
                SchemaReads.Pending pending = pendings.get(p.key);
                reads.submit(pending, p.sole);
            } else {
                walked = true;
            }
        }
        if (walked) {
            walker.walk(
                    spec,
                    (f, at) -> {
                        DatasetPlan plan = grouping.planOf(spec, f, at, byKey);
                        if (plan == null || !plan.reads(f)) {
                            return;
                        }
                        SchemaReads.Pending pending = pendings.get(plan.key);
                        if (pending.submitted() >= plan.toRead()) {
                            return; // a file that appeared since the first walk
                        }
                        reads.submit(pending, f);
                        if (pending.submitted() == plan.toRead()) {
                            reads.seal(pending);
                        }
                    },
                    FileWalker.Findings.NONE);
        }
        for (SchemaReads.Pending pending : pendings.values()) {
            reads.seal(pending); // files gone since the first walk, or a named file
        }
    }

    /**
     * The same place found twice (overlapping paths) is scanned once; two places that would get
     * one name ({@code orders.csv} and {@code orders.json}) get their format as a suffix, with a
     * warning, rather than overwrite each other in the catalog.
     */
    private List<DatasetPlan> distinctNames(FileScan scan, List<Planned> planned) {
        Set<Path> locations = new HashSet<>();
        Map<String, List<DatasetPlan>> byName = new LinkedHashMap<>();
        for (Planned spec : planned) {
            spec.plans().removeIf(p -> !locations.add(p.location));
            for (DatasetPlan p : spec.plans()) {
                byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
            }
        }
        List<DatasetPlan> out = new ArrayList<>();
        for (Map.Entry<String, List<DatasetPlan>> e : byName.entrySet()) {
            List<DatasetPlan> same = e.getValue();
            out.addAll(same);
            if (same.size() == 1) {
                continue;
            }
            List<String> renamed = new ArrayList<>();
            for (DatasetPlan p : same) {
                p.rename(p.name() + "_" + p.reader().name());
                renamed.add(scan.display(p.location) + " -> " + p.name());
            }
            scan.warn("several datasets would be named '" + e.getKey() + "'; named " + String.join(", ", renamed)
                    + " (use exclude or name_prefix to choose)");
        }
        return out;
    }

    private static final class Seen {
        long count;
        Path first;

        Seen(Path first) {
            this.first = first;
        }
    }

    /** What the first walks found besides data, said once each at the end of the walks. */
    private static final class WalkFindings implements FileWalker.Findings {
        private final FileScan scan;
        /** By extension: how many files no reader reads, and the first of them. */
        private final Map<String, Seen> unreadable = new TreeMap<>();

        private long unrecognised;
        private Path firstUnrecognised;

        WalkFindings(FileScan scan) {
            this.scan = scan;
        }

        @Override
        public void unreadable(String extension, Path file) {
            Seen seen = unreadable.computeIfAbsent(extension, k -> new Seen(file));
            seen.count++;
            if (file.compareTo(seen.first) < 0) {
                seen.first = file;
            }
        }

        @Override
        public void unrecognised(Path file) {
            unrecognised++;
            if (firstUnrecognised == null || file.compareTo(firstUnrecognised) < 0) {
                firstUnrecognised = file;
            }
        }

        @Override
        public void skipped(Path file) {
            scan.context()
                    .reporter()
                    .debug(scan.sourceName() + ": skipped " + scan.display(file) + " (not a data file)");
        }

        @Override
        public void failed(Path path, IOException e) {
            // a file that is there but cannot be read is a problem: the scan is incomplete
            scan.problem(scan.display(path), IoProblems.describe(e), ErrorCode.BAD_INPUT, e);
        }

        void report() {
            unreadable.forEach((ext, seen) -> {
                long n = seen.count;
                String what = "no reader for " + ext + " files" + (n > 1 ? " (" + n + " files)" : "");
                int dot = ext.lastIndexOf('.');
                String hint = dot > 0 && FileWalker.COMPRESSIONS.contains(ext.substring(dot))
                        ? "; no installed reader handles " + ext.substring(dot + 1)
                                + " compression: decompress or exclude them"
                        : ext.startsWith(".")
                                ? "; is the " + ext.substring(1) + " plugin installed? see `lumos plugins`"
                                : "; give the file an extension or exclude it";
                scan.problem(scan.display(seen.first), what + hint, ErrorCode.BAD_INPUT, null);
            });
            if (unrecognised > 0) {
                scan.warn("skipped " + unrecognised + " file(s) without an extension whose content is "
                        + "not Parquet, Avro, JSON or delimited text (first: " + scan.display(firstUnrecognised)
                        + "); set default_extension or exclude them");
            }
        }
    }
}
