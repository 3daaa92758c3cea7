package io.lumos.source.files;

import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.Statistics;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.IoProblems;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import io.lumos.spi.Settings;
import io.lumos.spi.SourceHandler;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.FileSeekableInput;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scans local files: walks each path spec once, groups files into datasets (a file, or a table
 * folder whose files share a format, with {@code k=v} partition folders), reads every file's schema
 * on a bounded pool, and hands each dataset to the sink as soon as its last file is read.
 */
final class FileSourceHandler implements SourceHandler {
    /** Extensions of data files; one without a reader is a problem, any other file is skipped. */
    private static final Set<String> DATA_EXTENSIONS = Set.of(
            ".parquet",
            ".avro",
            ".orc",
            ".csv",
            ".tsv",
            ".tab",
            ".json",
            ".jsonl",
            ".ndjson",
            ".xlsx",
            ".xls",
            ".feather",
            ".arrow",
            ".gz",
            ".bz2",
            ".zst",
            ".snappy",
            ".pq");

    private static final Set<String> COMPRESSIONS = Set.of(".gz", ".bz2", ".zst", ".snappy", ".xz", ".lz4");
    private static final Set<String> TEXT_FORMATS = Set.of("csv", "tsv", "json", "jsonl");
    private static final Set<String> FORMAT_TYPES = Set.of("csv", "tsv", "json", "jsonl", "parquet", "avro");
    private static final int TEXT_FILES_PER_DATASET = 10;
    private static final int FOOTER_FILES_PER_DATASET = 100_000;

    private final Settings settings;
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
    /** Files without an extension whose content no reader recognised, skipped and named once. */
    private final List<Path> unrecognised = java.util.Collections.synchronizedList(new ArrayList<>());

    private final FileReadOptions readOptions;
    private final Object sinkLock = new Object();
    private volatile boolean stopped;

    FileSourceHandler(Settings settings, PluginContext context) {
        this.settings = settings;
        this.context = context;
        List<String> unknown = settings.unknownKeys(union(FileSourceFactory.SETTINGS, Set.of("name", "type")));
        if (!unknown.isEmpty()) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, String.join("; ", unknown));
        }
        this.sourceName = settings.string("name", settings.scope());
        String type = settings.string("type", "file").toLowerCase(Locale.ROOT);
        this.platform = settings.string("platform", FORMAT_TYPES.contains(type) ? type : "file");
        List<String> p = new ArrayList<>(settings.strings("path"));
        p.addAll(settings.strings("paths"));
        if (p.isEmpty()) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    settings.scope() + ": the key 'path' is required (a file, a folder or a glob such as data/*.csv)");
        }
        this.paths = p;
        List<PathMatcher> ex = new ArrayList<>();
        for (String glob : settings.strings("exclude")) {
            ex.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            if (!glob.startsWith("/") && !glob.startsWith("**")) {
                ex.add(FileSystems.getDefault().getPathMatcher("glob:**/" + glob));
            }
        }
        this.excludes = ex;
        this.includeHidden = settings.bool("include_hidden", false);
        this.asTable = settings.bool("as_table", false);
        this.namePrefix = settings.string("name_prefix", "");
        this.maxFiles = settings.has("max_files_per_dataset") ? settings.integer("max_files_per_dataset", 1) : null;
        if (maxFiles != null && maxFiles < 1) {
            throw settings.invalid("max_files_per_dataset", "must be 1 or more");
        }
        String def = settings.string("default_extension", null);
        this.defaultExtension = def == null || def.isBlank() ? null : io.lumos.spi.file.FormatSniffer.extension(def);
        if (defaultExtension != null
                && context.formatFor("file" + defaultExtension).isEmpty()) {
            throw settings.invalid(
                    "default_extension",
                    "no installed reader reads " + defaultExtension + " files; see `lumos plugins`");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String k : FileSourceFactory.READER_OPTIONS) {
            if (settings.has(k)) {
                options.put(k, settings.string(k, null));
            }
        }
        int sampleRows = settings.integer("sample_rows", FileReadOptions.DEFAULT.sampleRows());
        if (sampleRows < 1) {
            throw settings.invalid("sample_rows", "must be 1 or more");
        }
        this.readOptions = new FileReadOptions(
                sampleRows,
                settings.longValue("max_sample_bytes", FileReadOptions.DEFAULT.maxSampleBytes()),
                settings.bool("full_scan", false),
                options);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }

    @Override
    public String name() {
        return sourceName;
    }

    /** One file found by the walk, with the attributes the walk already read. */
    record FoundFile(Path path, String rel, long size, Instant modified, FileFormatReader reader) {}

    /** Files that make one dataset. */
    record Group(String name, Path location, boolean table, List<FoundFile> files, List<String> partitionKeys) {}

    @Override
    public void scan(ScanSink sink) {
        List<Group> groups = new ArrayList<>();
        Map<String, List<Path>> unreadable = new TreeMap<>();
        for (String raw : paths) {
            PathSpec spec = PathSpec.parse(raw, context.workingDirectory());
            try {
                groups.addAll(group(spec, unreadable, sink));
            } catch (IOException e) {
                problem(
                        sink,
                        display(spec.base()),
                        "cannot list the files: " + IoProblems.describe(e),
                        ErrorCode.SOURCE_FAILED,
                        e);
            }
        }
        unreadable.forEach((ext, files) -> {
            String what = "no reader for " + ext + " files" + (files.size() > 1 ? " (" + files.size() + " files)" : "");
            int dot = ext.lastIndexOf('.');
            String hint = dot > 0 && COMPRESSIONS.contains(ext.substring(dot))
                    ? "; no installed reader handles " + ext.substring(dot + 1)
                            + " compression: decompress or exclude them"
                    : ext.startsWith(".")
                            ? "; is the " + ext.substring(1) + " plugin installed? see `lumos plugins`"
                            : "; give the file an extension or exclude it";
            Path first = files.stream().min(Comparator.naturalOrder()).orElseThrow();
            problem(sink, display(first), what + hint, ErrorCode.BAD_INPUT, null);
        });
        if (!unrecognised.isEmpty()) {
            List<Path> sorted = unrecognised.stream().sorted().toList();
            context.reporter()
                    .warn(sourceName + ": skipped " + sorted.size() + " file(s) without an extension whose content is "
                            + "not Parquet, Avro, JSON or delimited text (first: " + display(sorted.get(0))
                            + "); set default_extension or exclude them");
        }
        groups = distinctNames(groups);
        sink.expect(groups.size());
        read(groups, sink);
    }

    /**
     * The same place found twice (overlapping paths) is scanned once; two places that would get
     * one name ({@code orders.csv} and {@code orders.json}) get their format as a suffix, with a
     * warning, rather than overwrite each other in the catalog.
     */
    private List<Group> distinctNames(List<Group> groups) {
        Map<Path, Group> byLocation = new LinkedHashMap<>();
        for (Group g : groups) {
            byLocation.putIfAbsent(g.location(), g);
        }
        Map<String, List<Group>> byName = new LinkedHashMap<>();
        for (Group g : byLocation.values()) {
            byName.computeIfAbsent(g.name(), k -> new ArrayList<>()).add(g);
        }
        List<Group> out = new ArrayList<>();
        for (Map.Entry<String, List<Group>> e : byName.entrySet()) {
            List<Group> same = e.getValue();
            if (same.size() == 1) {
                out.add(same.get(0));
                continue;
            }
            List<String> renamed = new ArrayList<>();
            for (Group g : same) {
                String name = g.name() + "_" + g.files().get(0).reader().name();
                renamed.add(display(g.location()) + " -> " + name);
                out.add(new Group(name, g.location(), g.table(), g.files(), g.partitionKeys()));
            }
            context.reporter()
                    .warn(sourceName + ": several datasets would be named '" + e.getKey() + "'; named "
                            + String.join(", ", renamed) + " (use exclude or name_prefix to choose)");
        }
        return out;
    }

    // ---------------------------------------------------------------- walking and grouping

    private List<Group> group(PathSpec spec, Map<String, List<Path>> unreadable, ScanSink sink) throws IOException {
        Path base = spec.base();
        if (!spec.isGlob()) {
            // a named pipe, socket or device would block or never end: named, not opened
            String notAFile = IoProblems.notAFile(base);
            if (notAFile != null) {
                problem(sink, spec.raw(), notAFile, ErrorCode.BAD_INPUT, null);
                return List.of();
            }
            if (!Files.exists(base)) {
                problem(
                        sink,
                        spec.raw(),
                        "no such file or folder (looked at " + base + "); check the path",
                        ErrorCode.BAD_INPUT,
                        null);
                return List.of();
            }
            if (!Files.isDirectory(base)) {
                BasicFileAttributes a = Files.readAttributes(base, BasicFileAttributes.class);
                Optional<FileFormatReader> reader =
                        readerOf(base, base.getFileName().toString(), a.size());
                if (reader.isEmpty() && isExtensionless(base.getFileName().toString())) {
                    problem(
                            sink,
                            display(base),
                            "the file has no extension and its content is not Parquet, Avro, JSON or delimited "
                                    + "text; set default_extension or give it an extension",
                            ErrorCode.BAD_INPUT,
                            null);
                    return List.of();
                }
                if (reader.isEmpty()) {
                    unreadable
                            .computeIfAbsent(extension(base.getFileName().toString()), k -> new ArrayList<>())
                            .add(base);
                    return List.of();
                }
                FoundFile f = new FoundFile(
                        base,
                        base.getFileName().toString(),
                        a.size(),
                        a.lastModifiedTime().toInstant(),
                        reader.get());
                return List.of(new Group(
                        datasetName(stripExtension(f.rel(), f.reader())), base, false, List.of(f), List.of()));
            }
        }
        if (!Files.isDirectory(base)) {
            context.reporter()
                    .warn(sourceName + ": " + spec.raw() + ": matched no files (" + base + " is not a folder)");
            return List.of();
        }
        List<FoundFile> files = new ArrayList<>();
        Set<String> tableRoots = new HashSet<>();
        walk(spec, files, tableRoots, unreadable, sink);
        // walk order is the file system's; sorted paths make merges and names deterministic
        files.sort(Comparator.comparing(FoundFile::rel));
        if (files.isEmpty()) {
            context.reporter().warn(sourceName + ": " + spec.raw() + ": matched no files");
        }
        return spec.tableDepth() > 0
                ? groupByTablePattern(spec, files)
                : spec.isGlob() ? groupGlob(spec, files, tableRoots) : groupFolder(spec, files);
    }

    private void walk(
            PathSpec spec,
            List<FoundFile> files,
            Set<String> tableRoots,
            Map<String, List<Path>> unreadable,
            ScanSink sink)
            throws IOException {
        Path base = spec.base();
        int maxDepth = spec.isGlob() ? spec.depth() : Integer.MAX_VALUE;
        PathMatcher matcher = spec.matcher();
        boolean explicitFilesOnly = spec.isGlob() && spec.tableDepth() < 0;
        // symlinked data is common (shared drives, dated "latest" links); loops are reported
        Files.walkFileTree(base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), maxDepth, new SimpleFileVisitor<>() {
            private String inTable;

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(base)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = dir.getFileName().toString();
                if (!includeHidden && isHidden(name)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path rel = base.relativize(dir);
                if (excluded(dir, rel)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (explicitFilesOnly && inTable == null && matcher.matches(rel)) {
                    // a glob that matches a folder makes it a table folder
                    inTable = slashes(rel);
                    tableRoots.add(inTable);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (inTable != null && slashes(base.relativize(dir)).equals(inTable)) {
                    inTable = null;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                String name = file.getFileName().toString();
                if (!includeHidden && isHidden(name)) {
                    return FileVisitResult.CONTINUE;
                }
                if (isSideFile(name)) {
                    // checksums Hadoop writes beside each data file (.part-00000.crc, part-00000.crc)
                    return FileVisitResult.CONTINUE;
                }
                Path rel = base.relativize(file);
                if (matcher != null && inTable == null && !matcher.matches(rel)) {
                    return FileVisitResult.CONTINUE;
                }
                if (excluded(file, rel)) {
                    return FileVisitResult.CONTINUE;
                }
                Optional<FileFormatReader> reader = readerOf(file, name, attrs.size());
                if (reader.isEmpty() && isExtensionless(name)) {
                    unrecognised.add(file);
                    return FileVisitResult.CONTINUE;
                }
                if (reader.isEmpty()) {
                    String ext = extension(name);
                    if (DATA_EXTENSIONS.contains(ext.substring(Math.max(0, ext.lastIndexOf('.'))))) {
                        unreadable.computeIfAbsent(ext, k -> new ArrayList<>()).add(file);
                    } else {
                        context.reporter().debug(sourceName + ": skipped " + display(file) + " (not a data file)");
                    }
                    return FileVisitResult.CONTINUE;
                }
                files.add(new FoundFile(
                        file,
                        slashes(rel),
                        attrs.size(),
                        attrs.lastModifiedTime().toInstant(),
                        reader.get()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!(e instanceof NoSuchFileException)) {
                    // a file that is there but cannot be read is a problem: the scan is incomplete
                    problem(sink, display(file), IoProblems.describe(e), ErrorCode.BAD_INPUT, e);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private boolean excluded(Path abs, Path rel) {
        for (PathMatcher m : excludes) {
            if (m.matches(rel) || m.matches(abs)) {
                return true;
            }
        }
        return false;
    }

    static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** What Hadoop tools leave beside data: checksums ({@code _SUCCESS} and {@code .x} are hidden). */
    static boolean isSideFile(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".crc");
    }

    static boolean isExtensionless(String name) {
        return extension(name).equals("(no extension)");
    }

    /**
     * The reader of a file: by its extension; without one, by {@code default_extension}, else by
     * its first bytes (Hive's {@code 000000_0}, Spark's {@code part-00000}).
     */
    private Optional<FileFormatReader> readerOf(Path file, String name, long size) {
        Optional<FileFormatReader> byName = context.formatFor(name);
        if (byName.isPresent() || !isExtensionless(name)) {
            return byName;
        }
        if (defaultExtension != null) {
            return context.formatFor(name + defaultExtension);
        }
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(io.lumos.spi.file.FormatSniffer.HEAD_BYTES);
        } catch (IOException e) {
            return Optional.empty();
        }
        return io.lumos.spi.file.FormatSniffer.readerFor(context.fileFormats(), head, head.length >= size);
    }

    private static String slashes(Path rel) {
        String s = rel.toString();
        return rel.getFileSystem().getSeparator().equals("/")
                ? s
                : s.replace(rel.getFileSystem().getSeparator(), "/");
    }

    /** A folder given as the path: its files are datasets, its subfolders table folders. */
    private List<Group> groupFolder(PathSpec spec, List<FoundFile> files) {
        if (asTable) {
            // the user says the folder itself is one table (part files, partitions below)
            return files.isEmpty() ? List.of() : tableOrFiles(spec, "", files);
        }
        Set<String> dirsWithFiles = new HashSet<>();
        for (FoundFile f : files) {
            dirsWithFiles.add(parentOf(f.rel()));
        }
        Map<String, List<FoundFile>> tables = new LinkedHashMap<>();
        List<Group> out = new ArrayList<>();
        for (FoundFile f : files) {
            String[] parts = f.rel().split("/");
            String table = null;
            // the shallowest folder that holds files itself, or whose next level is k=v partitions
            for (int k = 0; k < parts.length - 1 && table == null; k++) {
                String prefix = String.join("/", java.util.Arrays.copyOfRange(parts, 0, k));
                boolean partitionBelow = parts[k].indexOf('=') > 0;
                if ((k > 0 && dirsWithFiles.contains(prefix)) || partitionBelow) {
                    table = prefix;
                }
            }
            if (table == null && parts.length > 1) {
                table = parentOf(f.rel());
            }
            if (table == null) {
                out.add(singleFile(f));
            } else {
                tables.computeIfAbsent(table, k -> new ArrayList<>()).add(f);
            }
        }
        tables.forEach((table, members) -> out.addAll(tableOrFiles(spec, table, members)));
        return out;
    }

    /** A glob: matched files are datasets; matched folders are table folders. */
    private List<Group> groupGlob(PathSpec spec, List<FoundFile> files, Set<String> tableRoots) {
        Map<String, List<FoundFile>> tables = new LinkedHashMap<>();
        List<Group> out = new ArrayList<>();
        for (FoundFile f : files) {
            String root = null;
            for (String t : tableRoots) {
                if (f.rel().startsWith(t + "/")) {
                    root = t;
                    break;
                }
            }
            if (root == null) {
                out.add(singleFile(f));
            } else {
                tables.computeIfAbsent(root, k -> new ArrayList<>()).add(f);
            }
        }
        tables.forEach((table, members) -> out.addAll(tableOrFiles(spec, table, members)));
        return out;
    }

    /** A spec with {table}: the folder at that segment is the dataset. */
    private List<Group> groupByTablePattern(PathSpec spec, List<FoundFile> files) {
        Map<String, List<FoundFile>> tables = new LinkedHashMap<>();
        for (FoundFile f : files) {
            String[] parts = f.rel().split("/");
            if (parts.length <= spec.tableDepth()) {
                continue;
            }
            String table = String.join("/", java.util.Arrays.copyOfRange(parts, 0, spec.tableDepth()));
            tables.computeIfAbsent(table, k -> new ArrayList<>()).add(f);
        }
        List<Group> out = new ArrayList<>();
        tables.forEach((table, members) -> out.addAll(tableOrFiles(spec, table, members)));
        return out;
    }

    private Group singleFile(FoundFile f) {
        return new Group(datasetName(stripExtension(f.rel(), f.reader())), f.path(), false, List.of(f), List.of());
    }

    /** One table dataset when the folder's files share a format, else one dataset per file. */
    private List<Group> tableOrFiles(PathSpec spec, String table, List<FoundFile> members) {
        FileFormatReader first = members.get(0).reader();
        for (FoundFile f : members) {
            if (f.reader() != first) {
                List<Group> out = new ArrayList<>();
                for (FoundFile m : members) {
                    out.add(singleFile(m));
                }
                return out;
            }
        }
        Path location = table.isEmpty() ? spec.base() : spec.base().resolve(table);
        String name = table.isEmpty() ? spec.base().getFileName().toString() : table;
        // partition keys in the order their folders appear, shallowest first
        Map<String, Integer> keys = new LinkedHashMap<>();
        int prefix = table.isEmpty() ? 0 : table.length() + 1;
        for (FoundFile f : members) {
            String below = f.rel().substring(Math.min(prefix, f.rel().length()));
            String[] parts = below.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                int eq = parts[i].indexOf('=');
                if (eq > 0) {
                    keys.putIfAbsent(parts[i].substring(0, eq), i);
                }
            }
        }
        return List.of(new Group(datasetName(name), location, true, members, List.copyOf(keys.keySet())));
    }

    private static String parentOf(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    private String datasetName(String relWithoutExtension) {
        return namePrefix + relWithoutExtension.replace('/', '.');
    }

    static String stripExtension(String name, FileFormatReader reader) {
        String lower = name.toLowerCase(Locale.ROOT);
        int best = 0;
        for (String ext : reader.extensions()) {
            if (lower.endsWith(ext) && ext.length() > best) {
                best = ext.length();
            }
        }
        if (best == 0 || best == name.length()) {
            return name;
        }
        return name.substring(0, name.length() - best);
    }

    /** The extension, with the one before it for compressed files ({@code .json.bz2}). */
    static String extension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        if (dot <= 0) {
            return "(no extension)";
        }
        if (COMPRESSIONS.contains(lower.substring(dot))) {
            int before = lower.lastIndexOf('.', dot - 1);
            if (before > 0) {
                return lower.substring(before);
            }
        }
        return lower.substring(dot);
    }

    // ---------------------------------------------------------------- reading

    /** One group's progress: each file's schema lands in its slot; the last one in emits the dataset. */
    private final class Pending {
        final Group group;
        final List<FoundFile> toRead;
        final FileSchema[] schemas;
        final AtomicInteger left;

        Pending(Group group, List<FoundFile> toRead) {
            this.group = group;
            this.toRead = toRead;
            this.schemas = new FileSchema[toRead.size()];
            this.left = new AtomicInteger(toRead.size());
        }
    }

    private void read(List<Group> groups, ScanSink sink) {
        List<Runnable> tasks = new ArrayList<>();
        for (Group g : groups) {
            List<FoundFile> toRead = g.files();
            int cap = maxFiles != null
                    ? maxFiles
                    : TEXT_FORMATS.contains(g.files().get(0).reader().name())
                            ? TEXT_FILES_PER_DATASET
                            : FOOTER_FILES_PER_DATASET;
            if (toRead.size() > cap) {
                // DataHub infers from the newest files; so do we
                toRead = new ArrayList<>(toRead);
                toRead.sort(Comparator.comparing(FoundFile::modified).reversed());
                toRead = new ArrayList<>(toRead.subList(0, cap));
                toRead.sort(Comparator.comparing(FoundFile::rel));
            }
            Pending pending = new Pending(g, toRead);
            for (int i = 0; i < toRead.size(); i++) {
                int slot = i;
                tasks.add(() -> readOne(pending, slot, sink));
            }
        }
        if (tasks.size() <= 1) {
            tasks.forEach(Runnable::run);
            return;
        }
        int threads =
                Math.min(tasks.size(), Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lumos-files");
            t.setDaemon(true);
            return t;
        });
        // Ends when every task is done, or at the first Error (out of memory, say): the other
        // workers would only thrash, so the scan stops there and the Error reaches the caller.
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger left = new AtomicInteger(tasks.size());
        AtomicReference<Error> failed = new AtomicReference<>();
        try {
            for (Runnable task : tasks) {
                pool.execute(() -> {
                    try {
                        if (failed.get() == null) {
                            task.run();
                        }
                    } catch (Error e) {
                        stopped = true;
                        failed.compareAndSet(null, e);
                        done.countDown();
                    } finally {
                        if (left.decrementAndGet() == 0) {
                            done.countDown();
                        }
                    }
                });
            }
            done.await();
            if (failed.get() != null) {
                throw failed.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LumosException(ErrorCode.SOURCE_FAILED, sourceName + ": the scan was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void readOne(Pending pending, int slot, ScanSink sink) {
        FoundFile f = pending.toRead.get(slot);
        try (FileSeekableInput input = new FileSeekableInput(f.path())) {
            pending.schemas[slot] = f.reader().read(input, readOptions);
        } catch (LumosException e) {
            problem(sink, display(f.path()), e.getMessage(), e.code(), e);
        } catch (IOException e) {
            problem(sink, display(f.path()), IoProblems.describe(e), ErrorCode.BAD_INPUT, e);
        } catch (RuntimeException | StackOverflowError e) {
            // a reader's bug or a file it cannot cope with must not end the scan of the others
            problem(
                    sink,
                    display(f.path()),
                    "the " + f.reader().name() + " reader failed: " + e,
                    ErrorCode.BAD_INPUT,
                    e);
        }
        if (pending.left.decrementAndGet() == 0) {
            try {
                emit(pending, sink);
            } catch (RuntimeException e) {
                problem(
                        sink,
                        display(pending.group.location()),
                        "cannot build the dataset: " + e,
                        ErrorCode.INTERNAL,
                        e);
            }
        }
    }

    private void emit(Pending pending, ScanSink sink) {
        Group g = pending.group;
        List<FileSchema> read = new ArrayList<>();
        List<FoundFile> readFiles = new ArrayList<>();
        for (int i = 0; i < pending.schemas.length; i++) {
            if (pending.schemas[i] != null) {
                read.add(pending.schemas[i]);
                readFiles.add(pending.toRead.get(i));
            }
        }
        if (read.isEmpty()) {
            return;
        }
        FileFormatReader reader = g.files().get(0).reader();
        FileSchema schema = read.size() == 1 ? read.get(0) : reader.merge(read);
        List<Field> fields = new ArrayList<>(schema.fields());
        for (String key : g.partitionKeys()) {
            boolean everywhere = true;
            for (FoundFile f : g.files()) {
                everywhere &= f.rel().contains("/" + key + "=") || f.rel().startsWith(key + "=");
            }
            int existing = indexOf(fields, key);
            if (existing >= 0) {
                fields.set(
                        existing,
                        fields.get(existing).toBuilder().partitionKey(true).build());
            } else {
                fields.add(Field.builder(key, DataType.Primitive.STRING)
                        .nullable(!everywhere)
                        .partitionKey(true)
                        .nativeType("partition")
                        .build());
            }
        }
        boolean allRead = read.size() == g.files().size();
        Long rows = allRead ? schema.rowCount() : null;
        long size = 0;
        Instant newest = null;
        for (FoundFile f : g.files()) {
            size += f.size();
            if (newest == null || f.modified().isAfter(newest)) {
                newest = f.modified();
            }
        }
        Map<String, String> props = new LinkedHashMap<>(schema.properties());
        String warnings = props.get(FileSchemas.WARNINGS);
        if (rows != null && !schema.rowCountExact()) {
            props.put("row_count_exact", "false");
        }
        if (g.table()) {
            props.put("number_of_files", String.valueOf(g.files().size()));
        }
        if (!allRead) {
            FoundFile newestRead = readFiles.stream()
                    .max(Comparator.comparing(FoundFile::modified))
                    .orElseThrow();
            props.put("schema_inferred_from", display(newestRead.path()));
            props.put("schema_files_read", String.valueOf(read.size()));
        }
        Dataset dataset = Dataset.builder(new DatasetId(platform, datasetName(g, reader, props), context.environment()))
                .subtype(g.table() ? "table" : reader.subtype())
                .description(schema.description())
                .fields(fields)
                .properties(props)
                .statistics(new Statistics(rows, size, newest))
                .location(display(g.location()))
                .build();
        synchronized (sinkLock) {
            sink.dataset(dataset);
        }
        if (warnings != null) {
            context.reporter().warn(sourceName + ": " + display(g.location()) + ": " + warnings);
        }
    }

    /**
     * A schema file names its dataset itself: an Avro schema ({@code .avsc}) is the dataset of its
     * record's full name, whatever the file is called, as a schema registry names it.
     */
    private String datasetName(Group g, FileFormatReader reader, Map<String, String> props) {
        String declared = props.get("schema_name");
        if (!g.table() && reader.name().equals("avsc") && declared != null && !declared.isBlank()) {
            return namePrefix + declared;
        }
        return g.name();
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void problem(ScanSink sink, String location, String message, ErrorCode code, Throwable cause) {
        if (stopped) {
            return; // the scan ended on an Error: what the interrupted workers say is noise
        }
        synchronized (sinkLock) {
            sink.problem(new ScanProblem(sourceName, location, message, code, cause));
        }
    }

    /** A path as the user thinks of it: relative to the working folder when inside it. */
    private String display(Path p) {
        Path wd = context.workingDirectory().toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        if (abs.startsWith(wd) && !abs.equals(wd)) {
            return slashes(wd.relativize(abs));
        }
        return abs.toString();
    }
}
