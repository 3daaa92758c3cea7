package io.lumos.spi.report;

import io.lumos.domain.DatasetId;

/**
 * Where datasets and fields sit in a snapshot file ({@code line:column}, 1-based, as an editor
 * numbers them), for reports that point at them. Recorded while the snapshot is parsed, so reports
 * need no second pass over the file.
 */
public interface SnapshotLineIndex {
    /** The line of the dataset's {@code "id"} key, or 0 when unknown. */
    int datasetLine(DatasetId dataset);

    /** The line of the field's {@code "path"} key (the first one with that path), or 0 when unknown. */
    int fieldLine(DatasetId dataset, String path);

    /** The column of the dataset's {@code "id"} key (its opening quote), or 0 when unknown. */
    default int datasetColumn(DatasetId dataset) {
        return 0;
    }

    /** The column of the field's {@code "path"} key (its opening quote), or 0 when unknown. */
    default int fieldColumn(DatasetId dataset, String path) {
        return 0;
    }
}
