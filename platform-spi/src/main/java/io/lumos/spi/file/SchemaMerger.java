package io.lumos.spi.file;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Merges the schemas of one dataset's files as they arrive, in file order, so that a table of a
 * million files needs the memory of one merged schema, not of a million file schemas. Not
 * thread-safe: the caller hands the schemas over one at a time, in the order of the files.
 */
public interface SchemaMerger {
    /** Adds the schema of the next file. */
    void add(FileSchema schema);

    /** The merged schema of every file added, or null when none was. */
    FileSchema result();

    /**
     * A merger that keeps every schema and merges them at the end with {@code merge}: the fallback for
     * readers whose merge cannot run incrementally. Memory grows with the files.
     */
    static SchemaMerger collecting(Function<List<FileSchema>, FileSchema> merge) {
        return new SchemaMerger() {
            private final List<FileSchema> schemas = new ArrayList<>();

            @Override
            public void add(FileSchema schema) {
                schemas.add(schema);
            }

            @Override
            public FileSchema result() {
                if (schemas.isEmpty()) {
                    return null;
                }
                return schemas.size() == 1 ? schemas.get(0) : merge.apply(List.copyOf(schemas));
            }
        };
    }
}
