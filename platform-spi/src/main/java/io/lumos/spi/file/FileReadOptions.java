package io.lumos.spi.file;

import java.util.Map;

/**
 * How much of a file a reader may look at.
 *
 * @param sampleRows rows to infer types from, for formats that infer (CSV, JSON)
 * @param maxSampleBytes bytes of a text file to read at most when not scanning fully
 * @param fullScan read every row: exact row count and nullability
 * @param options format-specific settings from the source's config (delimiter, encoding, ...)
 */
public record FileReadOptions(int sampleRows, long maxSampleBytes, boolean fullScan, Map<String, String> options) {
    public static final FileReadOptions DEFAULT = new FileReadOptions(1000, 16L << 20, false, Map.of());

    public FileReadOptions {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public FileReadOptions withFullScan(boolean full) {
        return new FileReadOptions(sampleRows, maxSampleBytes, full, options);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
