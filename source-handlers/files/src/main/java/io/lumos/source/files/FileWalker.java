package io.lumos.source.files;

import io.lumos.spi.PluginContext;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FormatSniffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Walks one path spec's folder and hands each data file to a visitor as it is found, in the order
 * of the files' relative paths (each folder's entries sorted, a folder's name as if followed by
 * {@code /}), so that what is merged from the files does not depend on the file system's order.
 * Keeps the names of the folders on the current path and of the folder being listed, nothing of
 * the files already handed on. Follows symbolic links and reports loops.
 */
final class FileWalker {
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

    static final Set<String> COMPRESSIONS = Set.of(".gz", ".bz2", ".zst", ".snappy", ".xz", ".lz4");

    /** Receives the data files of a walk. */
    interface Visitor {
        /** A data file with a reader; {@code at} describes the folders above it, valid during the call. */
        void file(FoundFile file, Position at);

        /** The walk has handed on every file below this folder (relative, with slashes; "" for the base). */
        default void leftFolder(String rel) {}
    }

    /** The folders above the file being visited. */
    interface Position {
        /** Whether the folder at that depth below the base (0: the base) holds data files itself. */
        boolean holdsFiles(int depth);

        /** The folder a glob matched that the file is in (relative, with slashes), or null. */
        String globFolder();
    }

    /** What the walk finds besides data files; the quiet walks after the first ignore them. */
    interface Findings {
        Findings NONE = new Findings() {};

        /** A file with a data extension that no installed reader reads. */
        default void unreadable(String extension, Path file) {}

        /** A file without an extension whose content no reader recognised. */
        default void unrecognised(Path file) {}

        /** A file that is not data. */
        default void skipped(Path file) {}

        /** A file or folder that is there but cannot be read or listed. */
        default void failed(Path path, IOException e) {}
    }

    private final PluginContext context;
    private final List<PathMatcher> excludes;
    private final boolean includeHidden;
    /** The format of files without an extension ({@code default_extension}), or null. */
    private final String defaultExtension;

    FileWalker(PluginContext context, List<PathMatcher> excludes, boolean includeHidden, String defaultExtension) {
        this.context = context;
        this.excludes = excludes;
        this.includeHidden = includeHidden;
        this.defaultExtension = defaultExtension;
    }

    /**
     * One entry of the folder being listed: what the walk needs of it, without its path or its
     * attributes object, so that a folder of many files costs little while it is listed.
     */
    private record Entry(
            String name,
            String sortKey,
            boolean folder,
            Object fileKey,
            long size,
            FileTime modified,
            FileFormatReader reader) {}

    /** The walk of one spec: its state is the stack of folders from the base to the current one. */
    private final class Walk implements Position {
        final Path base;
        final int maxDepth;
        final PathMatcher matcher;
        final boolean explicitFilesOnly;
        final Visitor visitor;
        final Findings findings;
        final List<Boolean> holdsFiles = new ArrayList<>();
        final List<Object> fileKeys = new ArrayList<>();
        String globFolder;

        Walk(PathSpec spec, Visitor visitor, Findings findings) {
            this.base = spec.base();
            this.maxDepth = spec.isGlob() ? spec.depth() : Integer.MAX_VALUE;
            this.matcher = spec.matcher();
            this.explicitFilesOnly = spec.isGlob() && spec.tableDepth() < 0;
            this.visitor = visitor;
            this.findings = findings;
        }

        @Override
        public boolean holdsFiles(int depth) {
            return holdsFiles.get(depth);
        }

        @Override
        public String globFolder() {
            return globFolder;
        }

        void folder(Path dir, Object fileKey, int depth) {
            List<Entry> entries = list(dir, depth);
            if (entries == null) {
                return;
            }
            boolean holds = false;
            for (Entry e : entries) {
                holds |= e.reader() != null;
            }
            holdsFiles.add(holds);
            fileKeys.add(fileKey);
            for (Entry e : entries) {
                Path path = dir.resolve(e.name());
                if (e.folder()) {
                    subfolder(e, path, depth + 1);
                } else if (e.reader() != null) {
                    Path rel = base.relativize(path);
                    visitor.file(
                            new FoundFile(
                                    path,
                                    FileScan.slashes(rel),
                                    e.size(),
                                    e.modified().toInstant(),
                                    e.reader()),
                            this);
                } else {
                    other(e, path);
                }
            }
            holdsFiles.remove(holdsFiles.size() - 1);
            fileKeys.remove(fileKeys.size() - 1);
            visitor.leftFolder(FileScan.slashes(base.relativize(dir)));
        }

        private void subfolder(Entry e, Path path, int depth) {
            if (!includeHidden && isHidden(e.name())) {
                return;
            }
            Path rel = base.relativize(path);
            if (excluded(path, rel)) {
                return;
            }
            Object key = e.fileKey();
            if (key != null && fileKeys.contains(key)) {
                findings.failed(path, new FileSystemLoopException(path.toString()));
                return;
            }
            boolean opensTable = explicitFilesOnly && globFolder == null && matcher.matches(rel);
            if (opensTable) {
                // a glob that matches a folder makes it a table folder
                globFolder = FileScan.slashes(rel);
            }
            folder(path, key, depth);
            if (opensTable) {
                globFolder = null;
            }
        }

        /** A regular file without a reader. */
        private void other(Entry e, Path path) {
            if (!accepted(e.name(), path)) {
                return;
            }
            if (isExtensionless(e.name())) {
                findings.unrecognised(path);
                return;
            }
            String ext = extension(e.name());
            if (DATA_EXTENSIONS.contains(ext.substring(Math.max(0, ext.lastIndexOf('.'))))) {
                findings.unreadable(ext, path);
            } else {
                findings.skipped(path);
            }
        }

        /** The folder's entries, sorted, each regular file with its reader when it is a data file. */
        private List<Entry> list(Path dir, int depth) {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path p : stream) {
                    names.add(p.getFileName().toString());
                }
            } catch (IOException e) {
                if (!(e instanceof NoSuchFileException)) {
                    findings.failed(dir, e);
                }
                return null;
            }
            List<Entry> entries = new ArrayList<>(names.size());
            for (String name : names) {
                Path p = dir.resolve(name);
                BasicFileAttributes attrs = attributes(p);
                if (attrs == null) {
                    continue;
                }
                boolean isFolder = attrs.isDirectory();
                if (isFolder && depth + 1 >= maxDepth) {
                    continue; // below the spec's last level
                }
                if (isFolder) {
                    entries.add(new Entry(name, name + "/", true, attrs.fileKey(), 0, null, null));
                } else if (attrs.isRegularFile()) {
                    FileFormatReader reader =
                            accepted(name, p) ? readerOf(p, name, attrs.size()).orElse(null) : null;
                    entries.add(new Entry(name, name, false, null, attrs.size(), attrs.lastModifiedTime(), reader));
                }
            }
            entries.sort(Comparator.comparing(Entry::sortKey));
            return entries;
        }

        private BasicFileAttributes attributes(Path p) {
            try {
                return Files.readAttributes(p, BasicFileAttributes.class);
            } catch (IOException followed) {
                try {
                    // a broken link: its own attributes (neither a file nor a folder: skipped)
                    return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    if (!(e instanceof NoSuchFileException)) {
                        findings.failed(p, e);
                    }
                    return null;
                }
            }
        }

        /** A regular file the spec, the hidden rule, the side-file rule and the excludes let through. */
        private boolean accepted(String name, Path path) {
            if (!includeHidden && isHidden(name)) {
                return false;
            }
            if (isSideFile(name)) {
                // checksums Hadoop writes beside each data file (.part-00000.crc, part-00000.crc)
                return false;
            }
            Path rel = base.relativize(path);
            if (matcher != null && globFolder == null && !matcher.matches(rel)) {
                return false;
            }
            return !excluded(path, rel);
        }
    }

    /** Walks the spec's base folder, handing its data files to the visitor in relative-path order. */
    void walk(PathSpec spec, Visitor visitor, Findings findings) {
        Walk walk = new Walk(spec, visitor, findings);
        BasicFileAttributes attrs = walk.attributes(spec.base());
        if (attrs == null || !attrs.isDirectory()) {
            return;
        }
        walk.folder(spec.base(), attrs.fileKey(), 0);
    }

    private boolean excluded(Path abs, Path rel) {
        for (PathMatcher m : excludes) {
            if (m.matches(rel) || m.matches(abs)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The reader of a file: by its extension; without one, by {@code default_extension}, else by
     * its first bytes (Hive's {@code 000000_0}, Spark's {@code part-00000}).
     */
    Optional<FileFormatReader> readerOf(Path file, String name, long size) {
        Optional<FileFormatReader> byName = context.formatFor(name);
        if (byName.isPresent() || !isExtensionless(name)) {
            return byName;
        }
        if (defaultExtension != null) {
            return context.formatFor(name + defaultExtension);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(FormatSniffer.HEAD_BYTES);
        } catch (IOException e) {
            return Optional.empty();
        }
        return FormatSniffer.readerFor(context.fileFormats(), head, head.length >= size);
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
}
