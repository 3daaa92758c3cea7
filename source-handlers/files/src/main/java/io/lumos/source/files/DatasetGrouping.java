package io.lumos.source.files;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.IoProblems;
import io.lumos.spi.file.FileFormatReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which dataset each file belongs to, as the walk hands it on: a folder given as the path
 * makes its files datasets and its subfolders table folders (the shallowest folder that holds files
 * itself, or whose next level is {@code k=v} partitions); a glob makes matched files datasets and
 * matched folders tables; a {@code {table}} level makes the folder at that level the dataset. The
 * first walk counts each dataset's files into a {@link DatasetPlan}; the second walk routes each
 * file to its plan with {@link #planOf}.
 */
final class DatasetGrouping {
    private static final Set<String> TEXT_FORMATS = Set.of("csv", "tsv", "json", "jsonl");
    private static final int TEXT_FILES_PER_DATASET = 10;
    private static final int FOOTER_FILES_PER_DATASET = 100_000;
    /** A file outside every dataset (above a {@code {table}} level): no relative path has a NUL. */
    private static final String OUTSIDE = "\0outside";

    private final FileScan scan;
    private final FileWalker walker;
    private final boolean asTable;
    private final String namePrefix;
    private final Integer maxFiles;

    DatasetGrouping(FileScan scan, FileWalker walker, boolean asTable, String namePrefix, Integer maxFiles) {
        this.scan = scan;
        this.walker = walker;
        this.asTable = asTable;
        this.namePrefix = namePrefix;
        this.maxFiles = maxFiles;
    }

    /**
     * Walks the spec once and returns the plans of its datasets, in the order of their first files.
     * Problems of a named path are reported; what the walk finds besides data goes to {@code findings}.
     */
    List<DatasetPlan> plan(PathSpec spec, FileWalker.Findings findings) throws IOException {
        Path base = spec.base();
        if (!spec.isGlob()) {
            // a named pipe, socket or device would block or never end: named, not opened
            String notAFile = IoProblems.notAFile(base);
            if (notAFile != null) {
                scan.problem(spec.raw(), notAFile, ErrorCode.BAD_INPUT, null);
                return List.of();
            }
            if (!Files.exists(base)) {
                scan.problem(
                        spec.raw(),
                        "no such file or folder (looked at " + base + "); check the path",
                        ErrorCode.BAD_INPUT,
                        null);
                return List.of();
            }
            if (!Files.isDirectory(base)) {
                return namedFile(base, findings);
            }
        }
        if (!Files.isDirectory(base)) {
            scan.warn(spec.raw() + ": matched no files (" + base + " is not a folder)");
            return List.of();
        }
        Map<String, DatasetPlan> plans = new LinkedHashMap<>();
        boolean[] mixed = {false};
        walker.walk(
                spec,
                new FileWalker.Visitor() {
                    @Override
                    public void file(FoundFile f, FileWalker.Position at) {
                        String table = tableOf(spec, f, at);
                        if (OUTSIDE.equals(table)) {
                            return;
                        }
                        DatasetPlan plan = plans.computeIfAbsent(
                                table == null ? fileKey(f) : tableKey(table),
                                k -> table == null ? single(f) : table(spec, table, f.reader()));
                        plan.add(f);
                        mixed[0] |= plan.mixed();
                    }

                    @Override
                    public void leftFolder(String rel) {
                        DatasetPlan plan = plans.get(tableKey(rel));
                        if (plan != null) {
                            plan.close();
                        }
                    }
                },
                findings);
        if (plans.isEmpty()) {
            scan.warn(spec.raw() + ": matched no files");
        }
        if (mixed[0]) {
            splitMixed(spec, plans);
        }
        plans.values().forEach(DatasetPlan::close);
        return new ArrayList<>(plans.values());
    }

    /** A table folder whose files have several formats is one dataset a file: a quiet walk finds them. */
    private void splitMixed(PathSpec spec, Map<String, DatasetPlan> plans) {
        Map<String, DatasetPlan> singles = new LinkedHashMap<>();
        walker.walk(
                spec,
                (f, at) -> {
                    String table = tableOf(spec, f, at);
                    if (table != null && !OUTSIDE.equals(table)) {
                        DatasetPlan plan = plans.get(tableKey(table));
                        if (plan != null && plan.mixed()) {
                            DatasetPlan one = single(f);
                            one.add(f);
                            singles.put(one.key, one);
                        }
                    }
                },
                FileWalker.Findings.NONE);
        for (Iterator<DatasetPlan> it = plans.values().iterator(); it.hasNext(); ) {
            if (it.next().mixed()) {
                it.remove();
            }
        }
        plans.putAll(singles);
    }

    /**
     * The plan a file of the second walk belongs to, or null when it is in none (a dataset dropped
     * as a duplicate, or a file that appeared since the first walk).
     */
    DatasetPlan planOf(PathSpec spec, FoundFile f, FileWalker.Position at, Map<String, DatasetPlan> plans) {
        String table = tableOf(spec, f, at);
        if (OUTSIDE.equals(table)) {
            return null;
        }
        if (table != null) {
            DatasetPlan plan = plans.get(tableKey(table));
            if (plan != null) {
                return plan;
            }
        }
        return plans.get(fileKey(f));
    }

    /** The table folder of a file (relative, "" for the base), null for a file of its own, or OUTSIDE. */
    private String tableOf(PathSpec spec, FoundFile f, FileWalker.Position at) {
        String rel = f.rel();
        if (spec.tableDepth() > 0) {
            String[] parts = rel.split("/", -1);
            if (parts.length <= spec.tableDepth()) {
                return OUTSIDE;
            }
            return String.join("/", java.util.Arrays.copyOfRange(parts, 0, spec.tableDepth()));
        }
        if (spec.isGlob()) {
            return at.globFolder();
        }
        if (asTable) {
            // the user says the folder itself is one table (part files, partitions below)
            return "";
        }
        String[] parts = rel.split("/", -1);
        // the shallowest folder that holds files itself, or whose next level is k=v partitions
        int end = 0;
        for (int k = 0; k < parts.length - 1; k++) {
            if ((k > 0 && at.holdsFiles(k)) || parts[k].indexOf('=') > 0) {
                return k == 0 ? "" : rel.substring(0, end - 1);
            }
            end += parts[k].length() + 1;
        }
        return parts.length > 1 ? parentOf(rel) : null;
    }

    private static String parentOf(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    private static String tableKey(String table) {
        return "T:" + table;
    }

    private static String fileKey(FoundFile f) {
        return "F:" + f.rel();
    }

    private DatasetPlan table(PathSpec spec, String table, FileFormatReader reader) {
        Path location = table.isEmpty() ? spec.base() : spec.base().resolve(table);
        String name = table.isEmpty() ? String.valueOf(spec.base().getFileName()) : table;
        return DatasetPlan.table(tableKey(table), datasetName(name), location, table, cap(reader));
    }

    private DatasetPlan single(FoundFile f) {
        return DatasetPlan.file(
                fileKey(f),
                datasetName(FileWalker.stripExtension(f.rel(), f.reader())),
                f.path(),
                null,
                cap(f.reader()));
    }

    private int cap(FileFormatReader reader) {
        if (maxFiles != null) {
            return maxFiles;
        }
        return TEXT_FORMATS.contains(reader.name()) ? TEXT_FILES_PER_DATASET : FOOTER_FILES_PER_DATASET;
    }

    /** A path that names one file. */
    private List<DatasetPlan> namedFile(Path base, FileWalker.Findings findings) throws IOException {
        BasicFileAttributes a = Files.readAttributes(base, BasicFileAttributes.class);
        String fileName = base.getFileName().toString();
        Optional<FileFormatReader> reader = walker.readerOf(base, fileName, a.size());
        if (reader.isEmpty() && FileWalker.isExtensionless(fileName)) {
            scan.problem(
                    scan.display(base),
                    "the file has no extension and its content is not Parquet, Avro, JSON or delimited "
                            + "text; set default_extension or give it an extension",
                    ErrorCode.BAD_INPUT,
                    null);
            return List.of();
        }
        if (reader.isEmpty()) {
            findings.unreadable(FileWalker.extension(fileName), base);
            return List.of();
        }
        FoundFile f =
                new FoundFile(base, fileName, a.size(), a.lastModifiedTime().toInstant(), reader.get());
        DatasetPlan plan = DatasetPlan.file(
                fileKey(f), datasetName(FileWalker.stripExtension(fileName, f.reader())), base, f, cap(f.reader()));
        plan.add(f);
        plan.close();
        return List.of(plan);
    }

    String datasetName(String relWithoutExtension) {
        return namePrefix + relWithoutExtension.replace('/', '.');
    }
}
