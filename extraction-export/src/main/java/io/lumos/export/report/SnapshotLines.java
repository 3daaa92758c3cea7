package io.lumos.export.report;

import io.lumos.domain.diff.Finding;
import io.lumos.json.SnapshotLineRecorder;
import io.lumos.spi.report.ReportOptions;
import io.lumos.spi.report.SnapshotLineIndex;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the findings are in the NEW snapshot file ({@code line:column}): as recorded while the CLI
 * read it ({@link ReportOptions#lines()}), else recorded by reading the file once with the same
 * streaming reader (the model's JSON codec), so that one decoder numbers lines everywhere.
 */
final class SnapshotLines {
    private static final SnapshotLines NONE = new SnapshotLines(null);

    private final SnapshotLineIndex index;

    private SnapshotLines(SnapshotLineIndex index) {
        this.index = index;
    }

    /** The lines recorded while the snapshot was read, else those found by reading its file. */
    static SnapshotLines of(ReportOptions options) {
        if (options.lines() != null) {
            return new SnapshotLines(options.lines());
        }
        return index(options.currentSnapshot());
    }

    static SnapshotLines none() {
        return NONE;
    }

    // The writers of one run index the same file: read it once.
    private static Path lastFile;
    private static long lastModified;
    private static SnapshotLines last;

    /** Indexes {@code file}; an unreadable or non-snapshot file just gives no lines. */
    static synchronized SnapshotLines index(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return NONE;
        }
        long modified;
        try {
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return NONE;
        }
        if (file.equals(lastFile) && modified == lastModified) {
            return last;
        }
        SnapshotLineRecorder recorder = new SnapshotLineRecorder();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            recorder.read(in, file.toString());
            last = new SnapshotLines(recorder);
        } catch (IOException | RuntimeException e) {
            last = NONE;
        }
        lastFile = file;
        lastModified = modified;
        return last;
    }

    /** The line of the finding's field, else of its dataset, else 0 (unknown). */
    int line(Finding f) {
        if (index == null) {
            return 0;
        }
        int l = f.path().isEmpty() ? 0 : index.fieldLine(f.dataset(), f.path());
        return l > 0 ? l : index.datasetLine(f.dataset());
    }

    /** The column on {@link #line(Finding)} (of the key that line names), else 0 (unknown). */
    int column(Finding f) {
        if (index == null) {
            return 0;
        }
        if (!f.path().isEmpty() && index.fieldLine(f.dataset(), f.path()) > 0) {
            return index.fieldColumn(f.dataset(), f.path());
        }
        return index.datasetLine(f.dataset()) > 0 ? index.datasetColumn(f.dataset()) : 0;
    }
}
