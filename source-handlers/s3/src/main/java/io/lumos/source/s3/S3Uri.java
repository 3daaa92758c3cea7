package io.lumos.source.s3;

import java.util.Locale;

/** {@code s3://bucket/key}; {@code s3a://} and {@code s3n://} (Hadoop's spellings) are read the same. */
record S3Uri(String bucket, String key) {
    static S3Uri parse(String text) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        int scheme = lower.startsWith("s3://") ? 5 : lower.startsWith("s3a://") || lower.startsWith("s3n://") ? 6 : -1;
        if (scheme < 0) {
            throw new IllegalArgumentException("'" + text + "' is not an S3 URI; write s3://bucket/prefix");
        }
        String rest = t.substring(scheme);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no bucket; write s3://bucket/prefix");
        }
        return new S3Uri(bucket, key);
    }

    static String of(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return of(bucket, key);
    }
}
