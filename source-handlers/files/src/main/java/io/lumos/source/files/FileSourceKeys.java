package io.lumos.source.files;

import io.lumos.spi.Setting;
import io.lumos.spi.SettingsBinder;
import java.util.List;

/**
 * The keys of a {@code file} source as written, with their defaults; bound by the SPI's
 * {@link SettingsBinder}, which refuses any other key (with "did you mean" and the place). The
 * readers' options ({@link FileSourceFactory#READER_OPTIONS}: the CSV dialect and limits) are kept
 * as written and handed to the format readers, which check them.
 */
record FileSourceKeys(
        @Setting(name = "name") String name,
        @Setting(name = "type", fallback = "file") String type,
        @Setting(name = "path") List<String> path,
        @Setting(name = "paths") List<String> paths,
        @Setting(name = "exclude") List<String> exclude,
        @Setting(name = "platform") String platform,
        @Setting(name = "sample_rows", fallback = "1000") int sampleRows,
        @Setting(name = "max_sample_bytes", fallback = "16777216") long maxSampleBytes,
        @Setting(name = "full_scan", fallback = "false") boolean fullScan,
        @Setting(name = "include_hidden", fallback = "false") boolean includeHidden,
        @Setting(name = "as_table", fallback = "false") boolean asTable,
        @Setting(name = "name_prefix", fallback = "") String namePrefix,
        @Setting(name = "max_files_per_dataset") Integer maxFilesPerDataset,
        @Setting(name = "default_extension") String defaultExtension,
        @Setting(name = "delimiter") String delimiter,
        @Setting(name = "quote") String quote,
        @Setting(name = "encoding") String encoding,
        @Setting(name = "header") String header,
        @Setting(name = "null_values") String nullValues,
        @Setting(name = "duplicate_header") String duplicateHeader,
        @Setting(name = "max_record_bytes") String maxRecordBytes,
        @Setting(name = "full_scan_types") String fullScanTypes) {}
