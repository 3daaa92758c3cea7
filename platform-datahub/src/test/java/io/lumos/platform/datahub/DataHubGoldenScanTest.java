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
            // CSV is not compared yet: on ragged rows (more cells than header names) our sniffer picks
            // another header row, and blank headers are named column29.. where DataHub writes field29, 2,
            // 3; three NPS columns that DataHub's 75% rule calls numbers stay strings for us. Known
            // differences of the files reader, listed in the DataHub issue's note.
            boolean csv = relative.endsWith(".csv") || relative.endsWith(".tsv");
            if (!relative.startsWith(GOLDEN_PREFIX) || !Files.isRegularFile(data) || r.isEmpty() || csv) {
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
                .contains(".json", ".parquet", ".avro");

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
        for (Map.Entry<String, Map<String, String>> e : goldenTypes.entrySet()) {
            Map<String, String> mine = ours.get(e.getKey());
            for (Map.Entry<String, String> field : e.getValue().entrySet()) {
                String path = field.getKey();
                String theirs = field.getValue();
                String type = mine.get(path);
                boolean dateIsADate = theirs.equals("TimeType") && "DateType".equals(type);
                if (type == null || (!type.equals(theirs) && !dateIsADate)) {
                    mismatches.add(e.getKey() + " " + path + ": DataHub " + theirs + ", Lumos " + type);
                }
            }
            for (String path : mine.keySet()) {
                boolean expandedChild = e.getValue().keySet().stream().anyMatch(p -> path.startsWith(p + "."));
                if (!e.getValue().containsKey(path) && !expandedChild) {
                    mismatches.add(e.getKey() + " " + path + ": only in Lumos");
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
