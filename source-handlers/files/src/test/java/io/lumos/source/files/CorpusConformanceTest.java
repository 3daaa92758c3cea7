package io.lumos.source.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lumos.domain.Field;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.FileSeekableInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every CSV and JSON file of the shared corpora (see corpora/csv/PROVENANCE.md and
 * research/corpora-and-oracle.md) is either read or rejected with one clear line, in bounded time,
 * with and without a full scan; and a few well-known files read as the oracle says.
 */
class CorpusConformanceTest {
    /**
     * Files we reject, each for a stated reason: empty or whitespace-only, an empty JSON array,
     * malformed JSON (DuckDB rejects the same three), and a header of twelve 'a' columns.
     */
    private static final Set<String> REJECTED = Set.of(
            "csv/duckdb/empty.csv",
            "csv/duckdb/auto/duplicate_header_columns.csv",
            "json/duckdb/empty.ndjson",
            "json/duckdb/empty_array.json",
            "json/duckdb/whitespace_only.json",
            "json/duckdb/malformed/array_comma_malformed.json",
            "json/duckdb/trailing_content.ndjson",
            "json/duckdb/unterminated_quotes.ndjson");

    private static final Map<String, String> rejected = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    private static Path corpora() {
        return TestSupport.shared().resolve("corpora");
    }

    private static FileSchema read(String rel, boolean full) throws IOException {
        Path f = corpora().resolve(rel);
        FileFormatReader reader = FileFormatReader.find(
                        TestSupport.READERS, f.getFileName().toString())
                .orElseThrow();
        try (FileSeekableInput in = new FileSeekableInput(f)) {
            return reader.read(in, FileReadOptions.DEFAULT.withFullScan(full));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileIsReadOrRejectedInOneLine() throws IOException {
        Path corpora = corpora();
        List<Path> files;
        try (Stream<Path> walk =
                Stream.concat(Files.walk(corpora.resolve("csv")), Files.walk(corpora.resolve("json")))) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> FileFormatReader.find(
                                    TestSupport.READERS, p.getFileName().toString())
                            .isPresent())
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(80);
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(corpora.relativize(f).toString(), () -> {
                    String rel = corpora.relativize(f).toString().replace('\\', '/');
                    seen.put(rel, true);
                    for (boolean full : new boolean[] {false, true}) {
                        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                            try {
                                FileSchema s = read(rel, full);
                                assertThat(s.fields()).isNotEmpty();
                                assertThat(s.rowCount()).isNotNull().isNotNegative();
                            } catch (LumosException e) {
                                assertThat(e.getMessage()).doesNotContain("\n").isNotBlank();
                                rejected.put(rel, e.getMessage());
                            }
                        });
                    }
                }));
    }

    @AfterAll
    static void onlyTheKnownFilesAreRejected() {
        if (seen.size() > 80) {
            assertThat(rejected.keySet()).containsExactlyInAnyOrderElementsOf(REJECTED);
        }
    }

    @Test
    void theWholeCorpusThroughTheSourceGivesADatasetOrAProblemPerFile() throws IOException {
        Path corpora = corpora();
        long files;
        try (Stream<Path> walk = Files.walk(corpora.resolve("json"))) {
            files = walk.filter(
                            p -> p.toString().endsWith(".json") || p.toString().endsWith(".ndjson"))
                    .count();
        }
        TestSupport.Sink sink = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> TestSupport.scan(
                        corpora,
                        Map.of(
                                "type",
                                "json",
                                "paths",
                                List.of("json/**/*.json", "json/**/*.ndjson"),
                                "full_scan",
                                true)));
        long rejectedJson = REJECTED.stream().filter(r -> r.startsWith("json/")).count();
        assertThat(sink.problems).hasSize((int) rejectedJson);
        assertThat(sink.datasets).hasSize((int) (files - rejectedJson));
        assertThat(sink.byName("duckdb.with_list").id().urn())
                .isEqualTo("urn:li:dataset:(urn:li:dataPlatform:json,duckdb.with_list,PROD)");
        assertThat(sink.problems).allSatisfy(p -> assertThat(p.toString()).doesNotContain("\n"));
    }

    private static String columns(FileSchema s) {
        return s.fields().stream().map(f -> f.name() + ":" + f.type().print()).collect(Collectors.joining(", "));
    }

    @Test
    void wellKnownFilesReadAsTheOracleSays() throws IOException {
        // csv-spectrum simple.csv: a,b,c of integers, one row
        FileSchema simple = read("csv/csv-spectrum/simple.csv", true);
        assertThat(columns(simple)).isEqualTo("a:int64, b:int64, c:int64");
        assertThat(simple.rowCount()).isEqualTo(1);

        // a quoted newline does not make a row
        assertThat(read("csv/csv-spectrum/newlines.csv", true).rowCount()).isEqualTo(3);

        FileSchema bom = read("csv/duckdb/auto/utf8bom.csv", false);
        assertThat(columns(bom)).isEqualTo("id:int64, name:string");

        // DuckDB fails on UTF-16; we read it from its BOM
        FileSchema utf16 = read("csv/duckdb/encodings/utf16.csv", true);
        assertThat(columns(utf16)).isEqualTo("name:string, age:int64");
        assertThat(utf16.properties().get("encoding")).startsWith("UTF-16LE");

        FileSchema tz = read("csv/duckdb/timestamp_with_tz.csv", false);
        assertThat(columns(tz)).isEqualTo("id:int64, timestamps:timestamptz(us)");

        // the oracle: 110 columns, 9 rows, Year BIGINT, FlightDate DATE, pipe-free comma file
        FileSchema ontime = read("csv/duckdb/real/ontime_sample.csv", true);
        assertThat(ontime.fields()).hasSize(110);
        assertThat(ontime.rowCount()).isEqualTo(9);
        assertThat(ontime.fields().get(0).name()).isEqualTo("Year");
        assertThat(ontime.fields().get(0).type().print()).isEqualTo("int64");
        assertThat(ontime.fields().get(5).name()).isEqualTo("FlightDate");
        assertThat(ontime.fields().get(5).type().print()).isEqualTo("date");

        // the oracle: pipe-delimited, 202 rows, venueid BIGINT
        FileSchema venue = read("csv/duckdb/venue_pipe.csv", true);
        assertThat(venue.properties()).containsEntry("delimiter", "|");
        assertThat(venue.rowCount()).isEqualTo(202);
        assertThat(venue.fields().get(0).name()).isEqualTo("venueid");

        // nulls spelled as empty, NULL and null: nullable columns
        FileSchema nulls = read("csv/duckdb/null/multiple_nulls.csv", true);
        assertThat(nulls.fields()).extracting(Field::nullable).containsExactly(false, true, true);

        // types that change late in the file (row 9002): the sample says int64, the full scan sees
        // the rest; DuckDB says VARCHAR and DOUBLE, we keep plain decimals such as 3.5 as decimals
        FileSchema late;
        try (FileSeekableInput in = new FileSeekableInput(corpora().resolve("csv/duckdb/auto/large_mixed_data.csv"))) {
            late = new CsvFormatReader()
                    .read(in, new FileReadOptions(1000, 16 << 20, true, Map.of("full_scan_types", "true")));
        }
        assertThat(columns(late)).isEqualTo("linenr:int64, mixed_string:string, mixed_double:decimal(18,1)");
        assertThat(columns(read("csv/duckdb/auto/large_mixed_data.csv", false))).endsWith("mixed_double:int64");
        assertThat(late.rowCount()).isEqualTo(27003);

        FileSchema list = read("json/duckdb/with_list.json", true);
        assertThat(columns(list)).isEqualTo("id:int64, name:array<string>");
        assertThat(list.rowCount()).isEqualTo(5);

        FileSchema inconsistent = read("json/duckdb/inconsistent_schemas.ndjson", true);
        assertThat(columns(inconsistent)).startsWith("id:union<");

        FileSchema bomJson = read("json/duckdb/sample_utf8_bom.json", false);
        assertThat(bomJson.fields()).extracting(Field::name).containsExactly("users", "metadata");
    }
}
