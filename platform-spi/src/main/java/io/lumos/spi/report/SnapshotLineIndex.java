package io.lumos.spi.report;

import io.lumos.domain.DatasetId;

/**
 * Where datasets and fields sit in a snapshot file (1-based lines, as an editor numbers them), for
 * reports that point at lines. Recorded while the snapshot is parsed, so reports need no second
 * pass over the file.
 */
public interface SnapshotLineIndex {
    /** The line of the dataset's {@code "id"} key, or 0 when unknown. */
    int datasetLine(DatasetId dataset);

    /** The line of the field's {@code "path"} key (the first one with that path), or 0 when unknown. */
    int fieldLine(DatasetId dataset, String path);
}
