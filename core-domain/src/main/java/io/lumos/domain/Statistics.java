package io.lumos.domain;

import java.time.Instant;

/** What a source knows cheaply about a dataset's data; each part may be unknown (null). */
public record Statistics(Long rowCount, Long sizeBytes, Instant lastModified) {
    public static final Statistics NONE = new Statistics(null, null, null);

    public Statistics {
        if (rowCount != null && rowCount < 0) {
            throw new IllegalArgumentException("row count must not be negative: " + rowCount);
        }
        if (sizeBytes != null && sizeBytes < 0) {
            throw new IllegalArgumentException("size must not be negative: " + sizeBytes);
        }
    }

    public boolean isEmpty() {
        return rowCount == null && sizeBytes == null && lastModified == null;
    }
}
