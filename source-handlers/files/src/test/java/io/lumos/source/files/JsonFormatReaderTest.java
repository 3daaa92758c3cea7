package io.lumos.source.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.DataTypes;
import io.lumos.domain.Field;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.ByteArraySeekableInput;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFormatReaderTest {
    private final JsonFormatReader json = new JsonFormatReader();
    private final JsonlFormatReader jsonl = new JsonlFormatReader();

    private static FileSchema read(JsonFormatReader r, String name, String text, FileReadOptions o) throws IOException {
        return r.read(new ByteArraySeekableInput(name, text.getBytes(UTF_8)), o);
    }

    private static Field field(FileSchema s, String path) {
        return s.field(path).orElseThrow(() -> new AssertionError("no field " + path));
    }

    @Test
    void nestedObjectsArraysUnionsAndMissingFields() throws IOException {
        FileSchema s = read(
                jsonl,
                "e.jsonl",
                """
                {"id": 1, "user": {"name": "a", "tags": ["x"]}, "score": 1, "v": 1, "n": null, "items": [{"sku": "s1", "qty": 2}]}
                {"id": 2, "user": {"name": "b"}, "score": 2.5, "v": "one", "n": null, "items": [{"sku": "s2"}], "at": "2024-01-01T10:00:00Z"}
                """,
                FileReadOptions.DEFAULT);
        assertThat(s.fields()).extracting(Field::name).containsExactly("id", "user", "score", "v", "n", "items", "at");
        assertThat(field(s, "id").type().print()).isEqualTo("int64");
        assertThat(field(s, "id").nullable()).isFalse();
        assertThat(field(s, "user").type().print()).isEqualTo("struct<name:string,tags:array<string>>");
        assertThat(field(s, "user.tags").nullable()).isTrue();
        assertThat(field(s, "user.name").nullable()).isFalse();
        assertThat(field(s, "score").type().print()).isEqualTo("float64");
        assertThat(field(s, "v").type().print()).isEqualTo("union<int64,string>");
        assertThat(field(s, "v").nativeType()).isEqualTo("mixed");
        assertThat(field(s, "n").type().print()).isEqualTo("null");
        assertThat(field(s, "n").nullable()).isTrue();
        assertThat(field(s, "items").type().print()).isEqualTo("array<struct<sku:string,qty:int64>>");
        assertThat(field(s, "items.qty").nullable()).isTrue();
        assertThat(field(s, "items.sku").nullable()).isFalse();
        assertThat(field(s, "at").type().print()).isEqualTo("timestamptz(us)");
        assertThat(field(s, "at").nullable()).isTrue();
        // every type string round-trips through the model's parser
        for (Field f : s.fields()) {
            assertThat(DataTypes.parse(f.type().print())).isEqualTo(f.type());
        }
        assertThat(s.rowCount()).isEqualTo(2);
        assertThat(s.rowCountExact()).isTrue();
    }

    @Test
    void readsArrayDocumentsAndSingleObjects() throws IOException {
        FileSchema arr = read(json, "a.json", "[{\"a\": 1}, {\"a\": 2, \"b\": true}]", FileReadOptions.DEFAULT);
        assertThat(arr.properties()).containsEntry("layout", "array");
        assertThat(arr.rowCount()).isEqualTo(2);
        assertThat(field(arr, "b").type().print()).isEqualTo("boolean");
        assertThat(field(arr, "b").nullable()).isTrue();

        FileSchema one = read(json, "o.json", "{\"config\": {\"depth\": 3}}", FileReadOptions.DEFAULT);
        assertThat(one.properties()).containsEntry("layout", "object");
        assertThat(field(one, "config.depth").type().print()).isEqualTo("int64");

        FileSchema scalars = read(json, "s.json", "[1, 2.5, null]", FileReadOptions.DEFAULT);
        assertThat(scalars.fields()).extracting(Field::name).containsExactly("value");
        assertThat(scalars.fields().get(0).type().print()).isEqualTo("float64");
    }

    @Test
    void samplesTheFirstRecordsAndEstimatesTheRest() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("{\"id\": ")
                    .append(10_000 + i)
                    .append(i == 4000 ? ", \"late\": 1" : "")
                    .append("}\n");
        }
        FileReadOptions sample = new FileReadOptions(100, 16 << 20, false, Map.of());
        FileSchema s = read(jsonl, "big.jsonl", text.toString(), sample);
        assertThat(s.rowCountExact()).isFalse();
        assertThat(s.rowCount()).isBetween(4500L, 5500L);
        assertThat(s.fields()).extracting(Field::name).containsExactly("id");

        FileSchema full = read(jsonl, "big.jsonl", text.toString(), sample.withFullScan(true));
        assertThat(full.rowCount()).isEqualTo(5000);
        assertThat(full.fields()).extracting(Field::name).containsExactly("id", "late");
    }

    @Test
    void malformedJsonNamesTheLine() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 10_000; i++) {
            text.append(i == 7 ? "{\"id\": 7, \"name\": }" : "{\"id\": " + i + "}")
                    .append('\n');
        }
        assertThatThrownBy(() -> read(jsonl, "bad.jsonl", text.toString(), FileReadOptions.DEFAULT))
                .isInstanceOf(LumosException.class)
                .hasMessageStartingWith("line 7, column ")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void mergeWidensAndUnites() throws IOException {
        FileSchema a = read(jsonl, "a.jsonl", "{\"id\": 1, \"s\": {\"x\": 1}}", FileReadOptions.DEFAULT);
        FileSchema b =
                read(jsonl, "b.jsonl", "{\"id\": 1.5, \"s\": {\"y\": \"z\"}, \"k\": \"v\"}", FileReadOptions.DEFAULT);
        FileSchema c = read(jsonl, "c.jsonl", "{\"id\": \"text\"}", FileReadOptions.DEFAULT);
        FileSchema m = jsonl.merge(List.of(a, b, c));
        assertThat(field(m, "id").type().print()).isEqualTo("union<float64,string>");
        assertThat(field(m, "s").type().print()).isEqualTo("struct<x:int64,y:string>");
        assertThat(field(m, "s").nullable()).isTrue();
        assertThat(field(m, "s.x").nullable()).isTrue();
        assertThat(field(m, "k").nullable()).isTrue();
        assertThat(m.rowCount()).isEqualTo(3);
    }
}
