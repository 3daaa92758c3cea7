package io.lumos.source.files;

import static io.lumos.spi.testing.SettingsAssertions.assertDefaults;
import static io.lumos.spi.testing.SettingsAssertions.assertFullMapping;
import static io.lumos.spi.testing.SettingsAssertions.assertUnknownKey;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import io.lumos.spi.file.FileReadOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys of a file source, bound once by the SPI's binder, as Airlift's assertFullMapping checks a config. */
class FileSourceKeysTest {
    @Test
    void defaults() {
        assertDefaults(
                FileSourceKeys.class,
                new FileSourceKeys(
                        null,
                        "file",
                        List.of(),
                        List.of(),
                        List.of(),
                        null,
                        FileReadOptions.DEFAULT.sampleRows(),
                        FileReadOptions.DEFAULT.maxSampleBytes(),
                        false,
                        false,
                        false,
                        "",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    @Test
    void everyKeyMaps() {
        assertFullMapping(
                FileSourceKeys.class,
                Map.ofEntries(
                        entry("name", "landing"),
                        entry("type", "csv"),
                        entry("path", "data"),
                        entry("paths", List.of("a", "b")),
                        entry("exclude", "*.tmp"),
                        entry("platform", "s3"),
                        entry("sample_rows", 50L),
                        entry("max_sample_bytes", 4096L),
                        entry("full_scan", true),
                        entry("include_hidden", true),
                        entry("as_table", true),
                        entry("name_prefix", "raw_"),
                        entry("max_files_per_dataset", 7L),
                        entry("default_extension", "csv"),
                        entry("delimiter", ";"),
                        entry("quote", "'"),
                        entry("encoding", "latin1"),
                        entry("header", false),
                        entry("null_values", "NA,-"),
                        entry("duplicate_header", "rename"),
                        entry("max_record_bytes", 65536L),
                        entry("full_scan_types", true)),
                new FileSourceKeys(
                        "landing",
                        "csv",
                        List.of("data"),
                        List.of("a", "b"),
                        List.of("*.tmp"),
                        "s3",
                        50,
                        4096L,
                        true,
                        true,
                        true,
                        "raw_",
                        7,
                        "csv",
                        ";",
                        "'",
                        "latin1",
                        "false",
                        "NA,-",
                        "rename",
                        "65536",
                        "true"));
    }

    @Test
    void everyReaderOptionIsAKeyAndTyposAreRefused() {
        assertThat(FileSourceFactory.SETTINGS).containsAll(FileSourceFactory.READER_OPTIONS);
        assertUnknownKey(FileSourceKeys.class, Map.of("path", "data"), "delimeter", "delimiter");
    }

    @Test
    void theHandlerChecksItsKeysThroughTheBinder() {
        Settings typo = Settings.of("sources[0]", Map.of("path", "data", "sample_row", 5L));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FileSourceHandler(
                        typo, TestSupport.context(java.nio.file.Path.of("."), io.lumos.spi.Reporter.SILENT)))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("sample_row")
                .hasMessageContaining("sample_rows");
    }
}
