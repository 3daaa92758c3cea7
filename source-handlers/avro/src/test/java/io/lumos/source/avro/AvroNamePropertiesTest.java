package io.lumos.source.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.Field;
import io.lumos.domain.diff.SchemaDiff;
import io.lumos.spi.file.ByteArraySeekableInput;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The properties the schema diff resolves Avro names with ({@code typeName}, {@code typeAliases},
 * {@code aliases}, {@code enumDefault}; dataset {@code format=avro}), from .avsc and .avro alike.
 */
class AvroNamePropertiesTest {
    static final String ORDER =
            """
            {"type":"record","name":"Order","namespace":"shop","aliases":["Purchase","legacy.Sale"],"fields":[
              {"name":"id","type":"long"},
              {"name":"amount_cents","aliases":["amount","price"],"type":"long"},
              {"name":"status","type":{"type":"enum","name":"Status","aliases":["State"],
                "symbols":["NEW","PAID","UNKNOWN"],"default":"UNKNOWN"}},
              {"name":"flags","type":{"type":"array","items":{"type":"enum","name":"Flag","symbols":["A","B"]}}},
              {"name":"hash","type":["null",{"type":"fixed","name":"Md5","namespace":"crypto","size":16}],
                "default":null},
              {"name":"lines","type":{"type":"map","values":{"type":"record","name":"Line","fields":[
                {"name":"sku","aliases":["article"],"type":"string"}]}}}
            ]}
            """;

    private static FileSchema avsc(String json) throws IOException {
        return new AvscFormatReader()
                .read(
                        new ByteArraySeekableInput("mem://s.avsc", json.getBytes(StandardCharsets.UTF_8)),
                        FileReadOptions.DEFAULT);
    }

    private static FileSchema avro(String json) throws IOException {
        Schema schema = new Schema.Parser().parse(json);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            w.create(schema, out);
        }
        return new AvroFormatReader()
                .read(new ByteArraySeekableInput("mem://s.avro", out.toByteArray()), FileReadOptions.DEFAULT);
    }

    private static Field field(FileSchema s, String path) {
        return s.field(path).orElseThrow(() -> new AssertionError("no field " + path));
    }

    @Test
    void schemaFilesAndContainerFilesCarryTheNames() throws IOException {
        for (FileSchema s : new FileSchema[] {avsc(ORDER), avro(ORDER)}) {
            assertThat(s.properties())
                    .containsEntry(SchemaDiff.TYPE_NAME, "shop.Order")
                    .containsEntry(SchemaDiff.TYPE_ALIASES, "legacy.Sale,shop.Purchase")
                    .containsEntry("format", "avro");
            assertThat(field(s, "id").properties()).isEmpty();
            assertThat(field(s, "amount_cents").properties()).isEqualTo(Map.of(SchemaDiff.ALIASES, "amount,price"));
            assertThat(field(s, "amount_cents").identity()).isEqualTo("aliases:amount,price");
            assertThat(field(s, "status").properties())
                    .isEqualTo(Map.of(
                            SchemaDiff.TYPE_NAME, "shop.Status",
                            SchemaDiff.TYPE_ALIASES, "shop.State",
                            SchemaDiff.ENUM_DEFAULT, "UNKNOWN"));
            // through an array, a nullable union and a map, as the children are reached
            assertThat(field(s, "flags").properties()).isEqualTo(Map.of(SchemaDiff.TYPE_NAME, "shop.Flag"));
            assertThat(field(s, "hash").properties()).isEqualTo(Map.of(SchemaDiff.TYPE_NAME, "crypto.Md5"));
            assertThat(field(s, "lines").properties()).isEqualTo(Map.of(SchemaDiff.TYPE_NAME, "shop.Line"));
            assertThat(field(s, "lines.sku").properties()).isEqualTo(Map.of(SchemaDiff.ALIASES, "article"));
        }
    }

    @Test
    void aTopLevelNamedTypeThatIsNoRecordNamesItsValueField() throws IOException {
        FileSchema s =
                avsc("{\"type\":\"enum\",\"name\":\"Color\",\"symbols\":[\"RED\",\"BLUE\"],\"default\":\"RED\"}");
        assertThat(s.properties()).containsEntry("format", "avro").doesNotContainKey(SchemaDiff.TYPE_NAME);
        assertThat(field(s, "value").properties())
                .isEqualTo(Map.of(SchemaDiff.TYPE_NAME, "Color", SchemaDiff.ENUM_DEFAULT, "RED"));
        assertThat(avsc("\"string\"").fields().get(0).properties()).isEmpty();
    }
}
