package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.datahub.util.RecordUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linkedin.mxe.MetadataChangeProposal;
import com.linkedin.schema.SchemaMetadata;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.FileSeekableInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden comparison: each single-file dataset of DataHub's local-file golden output is
 * scanned again with Lumos's own file readers (found with ServiceLoader; the lead adds the reader
 * modules as test dependencies) and written through the {@code file} transport; our output must
 * name the same datasets and field paths with the same DataHub types.
 *
 * <p>Deliberate differences, each allowed explicitly below:
 *
 * <ul>
 *   <li>Nested Parquet and Avro fields are expanded: DataHub's Parquet reader lists only top-level
 *       columns, we also list the struct members below them (extra paths under a golden path).
 *   <li>Dates are DateType: DataHub's Parquet reader maps date32/date64 to TimeType because it tests
 *       "temporal" before "date"; a date column is a date.
 *   <li>Paths are compared as v1 paths: DataHub names the Avro root by its record name
 *       ({@code [type=Record]}), we write {@code [type=struct]} (v2) or dotted names (v1).
 *   <li>Nullability and native types are not compared: DataHub's CSV and Parquet readers always say
 *       {@code nullable:false}, we infer it; native types are each reader's own spelling.
 *   <li>Folder-level tables (newest-file inference, partitions) belong to the file and S3 sources,
 *       not to this adapter, and are not compared here.
 *   <li>CSV columns without a header name are {@code columnN} (N = position): DataHub names the
 *       first {@code field29} and the next ones {@code 2}, {@code 3} (its duplicate renaming applied
 *       to the empty name). Same columns, same types, in the same order; only the names differ.
 *   <li>CSV columns with a few non-numeric values stay strings: DataHub's 75% rule makes a column
 *       with 4 {@code -} placeholders in 20 rows a number and those values unreadable as such; we
 *       keep every value. With {@code null_values: "-"} we read them as numbers too (checked below).
 * </ul>
 */
class DataHubGoldenScanTest {
    private static final String GOLDEN_PREFIX = "tests/integration/s3/";

    /**
     * Read as DataHub's source does: 100 sample rows, the first CSV row is always the header,
     * repeated header names renamed (x, x2, x3). Readers ignore options they do not know.
     */
    static final FileReadOptions DATAHUB_LIKE = new FileReadOptions(
            100,
            FileReadOptions.DEFAULT.maxSampleBytes(),
            false,
            Map.of("header", "true", "duplicate_header", "rename"));

    @TempDir
    Path dir;

    private static Optional<FileFormatReader> reader(List<FileFormatReader> readers, String fileName) {
        return FileFormatReader.find(readers, fileName);
    }

    @Test
    void scanningTheGoldenDataFilesGivesDataHubsPathsAndTypes() throws Exception {
        Path corpus = Golden.corpus();
        List<FileFormatReader> readers = new ArrayList<>();
        ServiceLoader.load(FileFormatReader.class).forEach(readers::add);
        assumeTrue(
                !readers.isEmpty(),
                "no FileFormatReader on the test class path: add the file reader modules (files, parquet, avro)"
                        + " as test dependencies of platform-datahub to run the golden comparison");
        Path golden = corpus.resolve(Golden.S3_TESTS).resolve("golden-files/local");
        Map<String, SchemaMetadata> expected = new LinkedHashMap<>();
        try (var files = Files.list(golden)) {
            for (Path f : files.sorted().toList()) {
                Golden.schemas(f).forEach(expected::putIfAbsent);
            }
        }
        List<Dataset> scanned = new ArrayList<>();
        Map<String, Map<String, String>> goldenTypes = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, SchemaMetadata> e : expected.entrySet()) {
            DatasetId id = DatasetId.parse(e.getKey(), "PROD");
            String relative = id.name().replaceFirst("^test-platform-instance\\.", "");
            Path data = corpus.resolve("metadata-ingestion").resolve(relative);
            Optional<FileFormatReader> r = reader(readers, data.getFileName().toString());
            if (!relative.startsWith(GOLDEN_PREFIX) || !Files.isRegularFile(data) || r.isEmpty()) {
                skipped.add(relative);
                continue;
            }
            FileSchema schema;
            try (FileSeekableInput in = new FileSeekableInput(data)) {
                schema = r.get().read(in, DATAHUB_LIKE);
            }
            scanned.add(
                    Dataset.builder(id).subtype("file").fields(schema.fields()).build());
            goldenTypes.put(e.getKey(), DataHubGoldenReadTest.typesByV1Path(e.getValue()));
        }
        assumeTrue(!scanned.isEmpty(), "no golden data file has a reader on the class path; skipped: " + skipped);
        // The single-file JSON, Parquet and Avro golden datasets are all compared.
        assertThat(scanned)
                .extracting(d -> d.name().substring(d.name().lastIndexOf('.')))
                .contains(".json", ".parquet", ".avro", ".csv");

        Path out = dir.resolve("mcps.json");
        try (CatalogAdapter a = Adapters.open(dir, Map.of("transport", "file", "file", out.toString()))) {
            a.writeDatasets(scanned);
            a.flush();
        }
        Map<String, Map<String, String>> ours = new LinkedHashMap<>();
        for (JsonNode n : new ObjectMapper().readTree(out.toFile())) {
            MetadataChangeProposal mcp = RecordUtils.toRecordTemplate(MetadataChangeProposal.class, n.toString());
            if (mcp.getAspectName().equals("schemaMetadata")) {
                ours.put(
                        mcp.getEntityUrn().toString(),
                        DataHubGoldenReadTest.typesByV1Path(RecordUtils.toRecordTemplate(
                                SchemaMetadata.class, mcp.getAspect().getValue().asString(StandardCharsets.UTF_8))));
            }
        }
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(goldenTypes.keySet());
        List<String> mismatches = new ArrayList<>();
        List<String> allowed = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : goldenTypes.entrySet()) {
            Map<String, String> mine = ours.get(e.getKey());
            boolean csv = e.getKey().contains(".csv,");
            List<String> theirBlank = new ArrayList<>();
            List<String> ourBlank = new ArrayList<>();
            for (Map.Entry<String, String> field : e.getValue().entrySet()) {
                String path = field.getKey();
                String theirs = field.getValue();
                String type = mine.get(path);
                boolean dateIsADate = theirs.equals("TimeType") && "DateType".equals(type);
                if (csv && type == null && path.matches("field\\d+|\\d+")) {
                    theirBlank.add(theirs);
                } else if (csv && theirs.equals("NumberType") && "StringType".equals(type)) {
                    allowed.add(e.getKey() + " " + path.strip());
                } else if (type == null || (!type.equals(theirs) && !dateIsADate)) {
                    mismatches.add(e.getKey() + " " + path + ": DataHub " + theirs + ", Lumos " + type);
                }
            }
            for (Map.Entry<String, String> field : mine.entrySet()) {
                String path = field.getKey();
                boolean expandedChild = e.getValue().keySet().stream().anyMatch(p -> path.startsWith(p + "."));
                if (csv && !e.getValue().containsKey(path) && path.matches("column\\d+")) {
                    ourBlank.add(field.getValue());
                } else if (!e.getValue().containsKey(path) && !expandedChild) {
                    mismatches.add(e.getKey() + " " + path + ": only in Lumos");
                }
            }
            // unnamed CSV columns: the same number, with the same types in the same order
            assertThat(ourBlank).as(e.getKey() + ": unnamed columns").isEqualTo(theirBlank);
        }
        assertThat(mismatches).isEmpty();
        // the 75% rule, and nothing else, accounts for the number columns we read as strings
        assertThat(allowed)
                .hasSize(3)
                .allMatch(a -> a.contains("NPS.7.1.package_data"))
                .anySatisfy(a -> assertThat(a).endsWith("Water Temp (°C)"))
                .anySatisfy(a -> assertThat(a).endsWith("Cond (µS/cm)"))
                .anySatisfy(a -> assertThat(a).contains("TDN"));
    }

    @Test
    void withTheDashAsANullTheNpsColumnsAreNumbersAsInDataHub() throws Exception {
        Path corpus = Golden.corpus();
        List<FileFormatReader> readers = new ArrayList<>();
        ServiceLoader.load(FileFormatReader.class).forEach(readers::add);
        Path data = corpus.resolve("metadata-ingestion")
                .resolve(GOLDEN_PREFIX)
                .resolve("test_data/local_system/folder_a/folder_aa/folder_aaa/"
                        + "NPS.7.1.package_data_NPS.6.1_ARCN_Lakes_ChemistryData_v1_csv.csv");
        Optional<FileFormatReader> r = reader(readers, data.getFileName().toString());
        assumeTrue(r.isPresent() && Files.isRegularFile(data), "no CSV reader or no NPS file");
        Map<String, String> options = new LinkedHashMap<>(DATAHUB_LIKE.options());
        options.put("null_values", ",-");
        FileSchema schema;
        try (FileSeekableInput in = new FileSeekableInput(data)) {
            schema = r.get().read(in, new FileReadOptions(100, DATAHUB_LIKE.maxSampleBytes(), false, options));
        }
        Map<String, String> types = new LinkedHashMap<>();
        schema.fields().forEach(f -> types.put(f.name().strip(), f.type().print()));
        // numbers, as DataHub's NumberType (our decimals keep the scale the values show)
        String number = "int64|float64|decimal\\(\\d+,\\d+\\)";
        assertThat(types.get("Water Temp (°C)")).matches(number);
        assertThat(types.get("Cond (µS/cm)")).matches(number);
        assertThat(types.entrySet())
                .filteredOn(t -> t.getKey().startsWith("TDN"))
                .singleElement()
                .satisfies(t -> assertThat(t.getValue()).matches(number));
    }
}
