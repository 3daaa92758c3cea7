package io.lumos.spi.file;

import io.lumos.spi.PluginFactory;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the schema of one file of a format (CSV, JSON, Parquet, Avro, ...) from a
 * {@link SeekableInput}. Found by {@link java.util.ServiceLoader}; the file source and the S3 source
 * choose a reader by the file's extension. Readers are stateless and thread-safe.
 * A file that is not what it claims to be fails with a {@code LumosException(BAD_INPUT)} whose
 * message names the cause (bad magic, truncated footer, line 7: ...).
 */
public interface FileFormatReader extends PluginFactory {
    /** Lower-case extensions with the dot, e.g. {@code .parquet}; {@code .csv.gz} for compressed. */
    List<String> extensions();

    /** The dataset subtype of what this reads (file by default). */
    default String subtype() {
        return "file";
    }

    FileSchema read(SeekableInput input, FileReadOptions options) throws IOException;

    /**
     * Several files that make one dataset (a table folder, partitions) are read one by one and their
     * schemas merged: a field in only some files is nullable, conflicting types widen.
     * By default the first schema wins; readers with a better rule override this.
     */
    default FileSchema merge(List<FileSchema> schemas) {
        return schemas.get(0);
    }

    /**
     * A merger that gives {@link #merge}'s result for the schemas added in order. The default keeps
     * every schema until the end; readers whose merge can fold one schema at a time override this so
     * that memory does not grow with the files of a dataset.
     */
    default SchemaMerger merger() {
        return SchemaMerger.collecting(this::merge);
    }

    static Optional<FileFormatReader> find(List<FileFormatReader> readers, String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        FileFormatReader best = null;
        int bestLength = -1;
        for (FileFormatReader r : readers) {
            for (String ext : r.extensions()) {
                if (lower.endsWith(ext) && ext.length() > bestLength) {
                    best = r;
                    bestLength = ext.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
