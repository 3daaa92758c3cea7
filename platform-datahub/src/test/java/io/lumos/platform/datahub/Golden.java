package io.lumos.platform.datahub;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.datahub.util.RecordUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linkedin.schema.SchemaMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The golden MCP files of DataHub's s3/local-file source (shared corpus, found via lumos.shared). */
final class Golden {
    static final String CORPUS = "corpora/datahub-s3";
    static final String S3_TESTS = "metadata-ingestion/tests/integration/s3";

    private Golden() {}

    static Path shared() {
        List<String> candidates = new ArrayList<>();
        candidates.add(System.getProperty("lumos.shared"));
        candidates.add(System.getenv("LUMOS_SHARED"));
        candidates.add("../../shared");
        candidates.add("../shared");
        for (String c : candidates) {
            if (c != null && Files.isDirectory(Path.of(c).resolve(CORPUS))) {
                return Path.of(c).toAbsolutePath().normalize();
            }
        }
        return null;
    }

    static Path corpus() {
        Path shared = shared();
        assumeTrue(
                shared != null,
                "the shared corpus " + CORPUS
                        + " is not here: set -Dlumos.shared or LUMOS_SHARED to the shared folder");
        return shared.resolve(CORPUS);
    }

    /** Every golden file's schemaMetadata aspects, by dataset URN, as DataHub's classes read them. */
    static Map<String, SchemaMetadata> schemas(Path goldenFile) throws IOException {
        Map<String, SchemaMetadata> out = new LinkedHashMap<>();
        for (JsonNode mcp : new ObjectMapper().readTree(goldenFile.toFile())) {
            if ("schemaMetadata".equals(mcp.path("aspectName").asText())) {
                out.put(
                        mcp.path("entityUrn").asText(),
                        RecordUtils.toRecordTemplate(
                                SchemaMetadata.class,
                                mcp.path("aspect").path("json").toString()));
            }
        }
        return out;
    }

    static List<Path> goldenFiles(Path corpus) throws IOException {
        try (Stream<Path> s = Files.walk(corpus.resolve(S3_TESTS).resolve("golden-files"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
