package io.lumos.source.s3;

import java.time.Instant;

/** An object as the listing gave it: no HEAD is needed to read it. */
record ObjectRef(String bucket, String key, long size, Instant lastModified) {
    String uri() {
        return S3Uri.of(bucket, key);
    }

    /** The file name, the last level of the key. */
    String fileName() {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
