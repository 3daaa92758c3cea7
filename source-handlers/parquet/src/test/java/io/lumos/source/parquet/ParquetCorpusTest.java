package io.lumos.source.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.domain.DataType;
import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.MapType;
import io.lumos.domain.DataType.Named;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.Time;
import io.lumos.domain.DataType.Timestamp;
import io.lumos.domain.Field;
import io.lumos.domain.TimeUnit;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.CountingSeekableInput;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.FileSeekableInput;
import io.lumos.spi.file.SeekableInput;
import io.lumos.spi.testing.SharedCorpora;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Conformance on the shared Parquet corpus (160 files from parquet-testing, DuckDB and ours):
 * every file is read or rejected in one line, and what the oracles accept agrees with them in
 * meaning. Skips when the shared folder is absent.
 */
class ParquetCorpusTest {
    private static final ParquetFormatReader READER = new ParquetFormatReader();
    private static final long MAX_ALLOCATION = 256L << 20;

    /** Type pairs (ours, DuckDB's) where we differ on purpose, with the reason. */
    enum Deliberate {
        FLOAT16(
                "DuckDB widens FLOAT16 to FLOAT; the file says float16",
                (o, d) -> o == Primitive.FLOAT16 && d == Primitive.FLOAT32),
        INTERVAL(
                "DuckDB reads parquet-mr's INTERVAL (converted INTERVAL beside logical UNKNOWN) as NULL; the converted type says interval",
                (o, d) -> o == Primitive.INTERVAL && d == Primitive.NULL),
        INT96(
                "INT96 is the Impala/Hive/Spark UTC instant in nanoseconds; DuckDB calls it a local TIMESTAMP",
                (o, d) ->
                        o.equals(new Timestamp(TimeUnit.NANOS, true)) && d instanceof Timestamp t && !t.utcAdjusted()),
        LEGACY_TIMESTAMP(
                "the spec makes converted TIMESTAMP_MILLIS/MICROS UTC-adjusted; DuckDB reads them as local TIMESTAMP",
                (o, d) -> o instanceof Timestamp ot
                        && ot.utcAdjusted()
                        && d instanceof Timestamp dt
                        && !dt.utcAdjusted()),
        UNKNOWN_LOGICAL(
                "a logical type from the future: we say unknown and keep the native type, DuckDB falls back to the physical type",
                (o, d) -> o == Primitive.UNKNOWN),
        VARIANT(
                "a Parquet VARIANT is a semi-structured value: json in our model",
                (o, d) -> o == Primitive.JSON && d.equals(new Named("VARIANT"))),
        WIDE_DECIMAL(
                "DuckDB's DECIMAL stops at precision 38 and reads wider ones as DOUBLE; the file says the decimal",
                (o, d) -> o instanceof DataType.Decimal dec && dec.precision() > 38 && d == Primitive.FLOAT64),
        GEOMETRY(
                "GEOMETRY/GEOGRAPHY are well-known binary: bytes in our model (the native type names them)",
                (o, d) -> o == Primitive.BYTES && d.equals(new Named("GEOMETRY")));

        final String reason;
        final BiPredicate<DataType, DataType> applies;

        Deliberate(String reason, BiPredicate<DataType, DataType> applies) {
            this.reason = reason;
            this.applies = applies;
        }
    }

    /** Whole files where we differ from DuckDB on purpose. */
    static final Map<String, String> FILE_DISAGREEMENTS = Map.of(
            "parquet/parquet-testing/data/repeated_no_annotation.parquet",
            "the footer's num_rows says 0 (parquet-rs 0.3 bug); its row group says 6, which a scan confirms: we sum row groups",
            "parquet/duckdb/empty.parquet",
            "old parquet-cpp wrote converted type 24 (NA), which the Parquet Thrift definition never had: we read the"
                    + " physical INT32 as parquet-mr does, DuckDB knows it as NULL");

    static List<Path> corpusFiles() throws IOException {
        Path dir = SharedCorpora.corpora().resolve("parquet");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).contains(".parquet"))
                    .sorted()
                    .toList();
        }
    }

    static Map<String, JsonNode> duckOracle() throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(SharedCorpora.corpora().resolve("ORACLE-duckdb.jsonl"))) {
            JsonNode n = json.readTree(line);
            if (n.path("format").asText().equals("parquet")) {
                out.put(n.get("file").asText(), n);
            }
        }
        return out;
    }

    static FileSchema read(Path file) throws IOException {
        try (FileSeekableInput in = new FileSeekableInput(file)) {
            return READER.read(in, FileReadOptions.DEFAULT);
        }
    }

    /** Every file we reject, with the cause its message must name. */
    static final Map<String, String> EXPECTED_REJECTIONS = Map.ofEntries(
            Map.entry("duckdb/broken/broken_date.parquet", "DATE on INT64"),
            Map.entry("duckdb/broken/broken_int.parquet", "INT_32 on INT64"),
            Map.entry("duckdb/broken/duckdb_fuzzer_4384.parquet", "bad child counts"),
            Map.entry("duckdb/broken/fuzzer4360.parquet", "bad child counts"),
            Map.entry("duckdb/broken/fuzzer4362.parquet", "-1 rows (negative)"),
            Map.entry("duckdb/broken/internal_6165.parquet", "0 column chunks, the schema has 2 columns"),
            Map.entry("duckdb/encryption/encrypted_footer.parquet", "the footer is encrypted (magic PARE)"),
            Map.entry("parquet-testing/bad_data/ARROW-GH-41317.parquet", "but the schema says 'timestamp_us_no_tz'"),
            Map.entry("parquet-testing/bad_data/PARQUET-1481.parquet", "corrupt Parquet footer"),
            Map.entry(
                    "parquet-testing/data/uniform_encryption.parquet.encrypted",
                    "the footer is encrypted (magic PARE)"));

    @Test
    void everyFileIsReadOrRejectedInOneLineWithinBounds() throws IOException {
        List<Path> files = corpusFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(150);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Path dir = SharedCorpora.corpora().resolve("parquet");
        Map<String, String> rejections = new TreeMap<>();
        for (Path file : files) {
            String outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                long before = threads.getCurrentThreadAllocatedBytes();
                String result = null;
                try {
                    read(file);
                } catch (LumosException e) {
                    assertThat(e.getMessage()).as("one line for %s", file).doesNotContain("\n");
                    assertThat(e.getMessage()).as("names the file").startsWith(file.toString() + ": ");
                    result = e.getMessage();
                }
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertThat(allocated).as("bytes allocated reading %s", file).isLessThan(MAX_ALLOCATION);
                return result;
            });
            if (outcome != null) {
                rejections.put(dir.relativize(file).toString().replace('\\', '/'), outcome);
            }
        }
        assertThat(rejections.keySet()).isEqualTo(new TreeMap<>(EXPECTED_REJECTIONS).keySet());
        rejections.forEach((file, message) -> assertThat(message).contains(EXPECTED_REJECTIONS.get(file)));
    }

    @Test
    void agreesWithDuckDbInMeaning() throws IOException {
        Path corpora = SharedCorpora.corpora();
        Map<String, JsonNode> oracle = duckOracle();
        List<String> unexplained = new ArrayList<>();
        Map<Deliberate, List<String>> used = new TreeMap<>();
        Map<String, String> fileDisagreementsSeen = new TreeMap<>();
        int compared = 0;
        for (Map.Entry<String, JsonNode> entry : oracle.entrySet()) {
            JsonNode o = entry.getValue();
            if (o.has("error")) {
                continue;
            }
            String rel = entry.getKey();
            FileSchema ours;
            try {
                ours = read(corpora.resolve(rel));
            } catch (LumosException e) {
                unexplained.add(rel + ": DuckDB reads it, we reject it: " + e.getMessage());
                continue;
            }
            compared++;
            long duckRows = o.get("rows").asLong();
            if (ours.rowCount() != duckRows) {
                if (FILE_DISAGREEMENTS.containsKey(rel)) {
                    fileDisagreementsSeen.put(rel, FILE_DISAGREEMENTS.get(rel));
                } else {
                    unexplained.add(rel + ": rows " + ours.rowCount() + " vs DuckDB " + duckRows);
                }
            }
            if (o.hasNonNull("created_by")) {
                assertThat(ours.properties().get("created_by"))
                        .as("created_by of %s", rel)
                        .isEqualTo(o.get("created_by").asText().strip());
            }
            JsonNode columns = o.get("columns");
            List<Field> fields = ours.fields();
            if (fields.size() != columns.size()) {
                unexplained.add(rel + ": " + fields.size() + " columns vs DuckDB " + columns.size());
                continue;
            }
            for (int i = 0; i < fields.size(); i++) {
                Field f = fields.get(i);
                JsonNode c = columns.get(i);
                String where = rel + " column " + i + " '" + f.name() + "'";
                if (!f.name().equals(c.get("name").asText())) {
                    unexplained.add(where + ": name vs DuckDB '" + c.get("name").asText() + "'");
                    continue;
                }
                if (f.nullable() != c.get("nullable").asBoolean()) {
                    unexplained.add(where + ": nullable " + f.nullable() + " vs DuckDB");
                }
                DataType duck = DuckDbTypes.parse(c.get("type").asText());
                List<String> problems = new ArrayList<>();
                compare(f.type(), duck, where, problems, used);
                if (!problems.isEmpty() && FILE_DISAGREEMENTS.containsKey(rel)) {
                    fileDisagreementsSeen.put(rel, FILE_DISAGREEMENTS.get(rel));
                } else {
                    unexplained.addAll(problems);
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(140);
        assertThat(unexplained)
                .as("disagreements with DuckDB that no rule explains")
                .isEmpty();
        // every listed disagreement must still occur, or the list is stale
        assertThat(used.keySet())
                .as("deliberate type disagreements seen")
                .containsExactlyInAnyOrder(Deliberate.values());
        assertThat(fileDisagreementsSeen).isEqualTo(FILE_DISAGREEMENTS);
    }

    private static void compare(
            DataType ours, DataType duck, String where, List<String> problems, Map<Deliberate, List<String>> used) {
        if (sameMeaning(ours, duck)) {
            if (ours instanceof StructType os && duck instanceof StructType ds) {
                if (os.members().size() != ds.members().size()) {
                    problems.add(where + ": " + ours.print() + " vs DuckDB " + duck.print());
                    return;
                }
                for (int i = 0; i < os.members().size(); i++) {
                    StructType.Member om = os.members().get(i);
                    StructType.Member dm = ds.members().get(i);
                    if (!om.name().equals(dm.name())) {
                        problems.add(where + ": member " + om.name() + " vs DuckDB " + dm.name());
                    }
                    compare(om.type(), dm.type(), where + "." + om.name(), problems, used);
                }
            } else if (ours instanceof ArrayType oa && duck instanceof ArrayType da) {
                compare(oa.element(), da.element(), where + "[]", problems, used);
            } else if (ours instanceof MapType om && duck instanceof MapType dm) {
                compare(om.key(), dm.key(), where + ".key", problems, used);
                compare(om.value(), dm.value(), where + ".value", problems, used);
            }
            return;
        }
        for (Deliberate d : Deliberate.values()) {
            if (d.applies.test(ours, duck)) {
                used.computeIfAbsent(d, k -> new ArrayList<>()).add(where);
                return;
            }
        }
        problems.add(where + ": " + ours.print() + " vs DuckDB " + duck.print());
    }

    /** Same kind of value; DuckDB normalises time units to microseconds unless it says _NS/_MS. */
    static boolean sameMeaning(DataType ours, DataType duck) {
        if (ours instanceof StructType && duck instanceof StructType) {
            return true;
        }
        if (ours instanceof ArrayType && duck instanceof ArrayType) {
            return true;
        }
        if (ours instanceof MapType && duck instanceof MapType) {
            return true;
        }
        if (ours instanceof Time && duck instanceof Time) {
            return true;
        }
        if (ours instanceof Timestamp ot && duck instanceof Timestamp dt) {
            return ot.utcAdjusted() == dt.utcAdjusted()
                    && (ot.unit() == dt.unit() || (dt.unit() == TimeUnit.MICROS && ot.unit() != TimeUnit.NANOS));
        }
        if (ours instanceof DataType.Fixed && duck == Primitive.BYTES) {
            return true;
        }
        if (ours == Primitive.FLOAT64 && duck == Primitive.FLOAT64) {
            return true;
        }
        return ours.equals(duck);
    }

    /** Files parquet-mr reads that we reject on purpose. */
    static final Map<String, String> PARQUET_MR_DISAGREEMENTS = Map.of(
            "parquet/duckdb/broken/fuzzer4362.parquet",
            "the footer's num_rows is -1: a footer that lies; parquet-mr sums the row groups and ignores it, we reject it"
                    + " (as DuckDB does)");

    @Test
    void agreesWithParquetMrOnRowsWritersAndRejections() throws IOException {
        Path corpora = SharedCorpora.corpora();
        List<String> lines = Files.readAllLines(corpora.resolve("ORACLE-parquet-mr.tsv"));
        List<String> unexplained = new ArrayList<>();
        Map<String, String> seen = new TreeMap<>();
        int agreed = 0;
        for (String line : lines) {
            String[] cols = line.split("\t", -1);
            String rel = cols[0];
            boolean mrRejects = cols[1].equals("ERROR");
            FileSchema ours = null;
            String ourError = null;
            try {
                ours = read(corpora.resolve(rel));
            } catch (LumosException e) {
                ourError = e.getMessage();
            }
            if (mrRejects) {
                continue; // parquet-mr rejects it: reading it anyway or rejecting it are both fine
            }
            if (ours == null) {
                if (PARQUET_MR_DISAGREEMENTS.containsKey(rel)) {
                    seen.put(rel, PARQUET_MR_DISAGREEMENTS.get(rel));
                } else {
                    unexplained.add(rel + ": parquet-mr reads it, we reject it: " + ourError);
                }
                continue;
            }
            long mrRows = Long.parseLong(cols[1]);
            if (ours.rowCount() != mrRows) {
                unexplained.add(rel + ": rows " + ours.rowCount() + " vs parquet-mr " + mrRows);
            }
            String mrCreatedBy = cols[2].strip();
            String ourCreatedBy = ours.properties().getOrDefault("created_by", "");
            if (!mrCreatedBy.equals(ourCreatedBy) && !mrCreatedBy.equals("null")) {
                unexplained.add(rel + ": created_by '" + ourCreatedBy + "' vs parquet-mr '" + mrCreatedBy + "'");
            }
            agreed++;
        }
        assertThat(unexplained).isEmpty();
        assertThat(seen).isEqualTo(PARQUET_MR_DISAGREEMENTS);
        assertThat(agreed).isGreaterThanOrEqualTo(140);
    }

    /** Records every positional read, to prove no byte before the footer's read-ahead is touched. */
    static final class RecordingInput implements SeekableInput {
        final SeekableInput delegate;
        final List<long[]> reads = new ArrayList<>();

        RecordingInput(SeekableInput delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public long length() throws IOException {
            return delegate.length();
        }

        @Override
        public ByteBuffer read(long position, int length) throws IOException {
            reads.add(new long[] {position, length});
            return delegate.read(position, length);
        }

        @Override
        public InputStream stream(long position) {
            throw new AssertionError("a Parquet footer read must not stream the file");
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    @Test
    void readsOnlyTheFooterAndOneReadAheadPerFile() throws IOException {
        int checked = 0;
        int largerThanReadAhead = 0;
        for (Path file : corpusFiles()) {
            long size = Files.size(file);
            if (size < 12) {
                continue;
            }
            ByteBuffer trailer =
                    ByteBuffer.wrap(Files.readAllBytes(file), (int) size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
            long footer = Integer.toUnsignedLong(trailer.getInt());
            RecordingInput recording = new RecordingInput(new FileSeekableInput(file));
            CountingSeekableInput counting = new CountingSeekableInput(recording);
            try (counting) {
                READER.read(counting, FileReadOptions.DEFAULT);
            } catch (LumosException rejected) {
                continue;
            }
            checked++;
            assertThat(counting.bytesRead()).as("bytes read from %s", file).isLessThanOrEqualTo(footer + 8 + 65536);
            assertThat(counting.reads()).as("reads of %s", file).isLessThanOrEqualTo(2);
            // everything read lies in the footer plus the one 64 KiB read-ahead: no data page before it
            long firstAllowed = size - Math.max(65536, footer + 8);
            for (long[] r : recording.reads) {
                assertThat(r[0]).as("read position in %s", file).isGreaterThanOrEqualTo(Math.max(0, firstAllowed));
            }
            if (size > 65536 + footer + 8) {
                largerThanReadAhead++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(145);
        assertThat(largerThanReadAhead)
                .as("files big enough to prove data pages are skipped")
                .isGreaterThan(10);
    }
}
