package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linkedin.common.urn.DatasetUrn;
import com.linkedin.schema.SchemaField;
import com.linkedin.schema.SchemaMetadata;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DataHub's own golden schemas (CSV, JSON with nesting listed children-first, Avro with v2 paths,
 * Parquet) read into the Lumos model and written back: every field path survives (as its v1 path)
 * with the same DataHub type. This is what migrating a DataHub catalog through Lumos relies on.
 */
class DataHubGoldenReadTest {
    private final SchemaMapping schemas = new SchemaMapping(new ObjectMapper());

    @Test
    void goldenSchemasSurviveARoundTripThroughTheModel() throws Exception {
        Path corpus = Golden.corpus();
        int datasets = 0;
        int fields = 0;
        for (Path file : Golden.goldenFiles(corpus)) {
            for (Map.Entry<String, SchemaMetadata> e : Golden.schemas(file).entrySet()) {
                DatasetId id = DatasetId.parse(e.getKey(), "PROD");
                Map<String, String> expected = typesByV1Path(e.getValue());
                Dataset d = Dataset.builder(id)
                        .fields(schemas.fromSchemaMetadata(e.getValue()))
                        .build();
                assertThat(d.allFields())
                        .as(file.getFileName() + " " + id.name())
                        .extracting(Field::path)
                        .containsExactlyInAnyOrderElementsOf(expected.keySet());
                SchemaMetadata back = schemas.toSchemaMetadata(d, DatasetUrn.createFromString(id.urn()));
                Map<String, String> actual = typesByV1Path(back);
                assertThat(actual).as(file.getFileName() + " " + id.name()).isEqualTo(expected);
                datasets++;
                fields += expected.size();
            }
        }
        assertThat(datasets).isGreaterThan(50);
        assertThat(fields).isGreaterThan(1000);
    }

    @Test
    void nestedJsonBecomesNestedFields() throws Exception {
        Path corpus = Golden.corpus();
        Path file = corpus.resolve(Golden.S3_TESTS).resolve("golden-files/local/golden_mces_multiple_files.json");
        SchemaMetadata countries = Golden.schemas(file).entrySet().stream()
                .filter(e -> e.getKey().contains("countries_json.json"))
                .findFirst()
                .orElseThrow()
                .getValue();
        Field field = schemas.fromSchemaMetadata(countries).get(0);
        assertThat(field.path()).isEqualTo("countries");
        assertThat(field.type().print()).isEqualTo("array<struct<name:string,code:string>>");
        assertThat(field.fields()).extracting(Field::path).containsExactly("countries.name", "countries.code");
        assertThat(field.fields().get(1).nullable()).isTrue();
    }

    /** v1 path -> DataHub union member; union members repeat their union's v1 path, the first wins. */
    static Map<String, String> typesByV1Path(SchemaMetadata s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SchemaField f : s.getFields()) {
            out.putIfAbsent(SchemaMapping.v1(f.getFieldPath()), TypeMapping.memberName(f.getType()));
        }
        return out;
    }
}
