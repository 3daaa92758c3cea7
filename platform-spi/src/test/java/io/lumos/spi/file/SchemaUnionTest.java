package io.lumos.spi.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaUnionTest {
    private static String widen(String a, String b) {
        return SchemaUnion.widen(DataTypes.parse(a), DataTypes.parse(b)).print();
    }

    @Test
    void widensToTheNarrowestTypeThatHoldsBoth() {
        assertThat(widen("int32", "int64")).isEqualTo("int64");
        assertThat(widen("uint8", "int8")).isEqualTo("int16");
        assertThat(widen("uint64", "int64")).isEqualTo("float64");
        assertThat(widen("uint16", "uint32")).isEqualTo("uint32");
        assertThat(widen("int16", "float32")).isEqualTo("float32");
        assertThat(widen("int64", "float32")).isEqualTo("float64");
        assertThat(widen("decimal(10,2)", "decimal(12,4)")).isEqualTo("decimal(12,4)");
        assertThat(widen("decimal(10,2)", "decimal(5,5)")).isEqualTo("decimal(13,5)");
        assertThat(widen("timestamp(ms)", "timestamp(us)")).isEqualTo("timestamp(us)");
        assertThat(widen("null", "string")).isEqualTo("string");
        assertThat(widen("array<int32>", "array<int64>")).isEqualTo("array<int64>");
        assertThat(widen("struct<a:int32>", "struct<b:string,a:int64>")).isEqualTo("struct<a:int64,b:string>");
    }

    @Test
    void typesWithNothingInCommonBecomeAUnion() {
        assertThat(widen("string", "int32")).isEqualTo("union<string,int32>");
        assertThat(widen("union<string,int32>", "boolean")).isEqualTo("union<string,int32,boolean>");
        assertThat(widen("timestamp(ms)", "timestamptz(ms)")).isEqualTo("union<timestamp(ms),timestamptz(ms)>");
    }

    @Test
    void mergesFieldsByNameRowsAndProperties() {
        DataType s1 = DataTypes.parse("struct<x:int32>");
        DataType s2 = DataTypes.parse("struct<x:int32,y:string>");
        FileSchema a = new FileSchema(
                List.of(Field.of("id", DataTypes.parse("int32"), false), Field.of("s", s1, false)),
                10L,
                true,
                Map.of("size", "100", "codecs", "SNAPPY"),
                "first");
        FileSchema b = new FileSchema(
                List.of(
                        Field.of("s", s2, false),
                        Field.of("id", DataTypes.parse("int64"), false),
                        Field.of("z", DataTypes.parse("date"), false)),
                5L,
                true,
                Map.of("size", "50", "codecs", "GZIP,SNAPPY"),
                null);
        FileSchema m = SchemaUnion.merge(List.of(a, b));
        assertThat(m.fields()).extracting(Field::name).containsExactly("id", "s", "z");
        assertThat(m.fields())
                .extracting(f -> f.type().print())
                .containsExactly("int64", "struct<x:int32,y:string>", "date");
        assertThat(m.fields()).extracting(Field::nullable).containsExactly(false, false, true);
        Field s = m.fields().get(1);
        assertThat(s.fields()).extracting(Field::path).containsExactly("s.x", "s.y");
        assertThat(s.fields()).extracting(Field::nullable).containsExactly(true, true);
        assertThat(m.rowCount()).isEqualTo(15);
        assertThat(m.rowCountExact()).isTrue();
        assertThat(m.description()).isEqualTo("first");
        assertThat(m.properties())
                .containsEntry("size", "150")
                .containsEntry("codecs", "GZIP,SNAPPY")
                .containsEntry("files", "2");
    }

    @Test
    void anUnknownRowCountMakesTheSumUnknown() {
        FileSchema a = FileSchema.of(List.of(Field.of("a", DataTypes.parse("int32"), true)), 3L);
        FileSchema b = FileSchema.of(List.of(Field.of("a", DataTypes.parse("int32"), true)), null);
        assertThat(SchemaUnion.merge(List.of(a, b)).rowCount()).isNull();
        assertThat(SchemaUnion.merge(List.of(a))).isSameAs(a);
    }

    @Test
    void theMergerFoldsOneFileAtATimeIntoWhatTheWholeMergeGives() {
        List<FileSchema> files = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            List<Field> fields = new java.util.ArrayList<>();
            fields.add(Field.of("id", DataTypes.parse(i % 2 == 0 ? "int32" : "int64"), false));
            fields.add(
                    Field.of("s", DataTypes.parse(i == 500 ? "struct<x:int32,y:string>" : "struct<x:int32>"), false));
            if (i % 3 == 0) {
                fields.add(Field.of("t" + (i % 9), DataTypes.parse("date"), false));
            }
            files.add(new FileSchema(
                    fields, 2L, true, Map.of("size", "10", "created_by", i < 10 ? "a" : "b"), i == 3 ? "d" : null));
        }
        SchemaMerger merger = SchemaUnion.merger();
        files.forEach(merger::add);
        FileSchema m = merger.result();

        assertThat(m).isEqualTo(SchemaUnion.merge(files));
        assertThat(m.fields()).extracting(Field::name).containsExactly("id", "s", "t0", "t3", "t6");
        assertThat(m.fields().get(0).type().print()).isEqualTo("int64");
        assertThat(m.fields().get(0).nullable()).isFalse();
        assertThat(m.fields().get(1).type().print()).isEqualTo("struct<x:int32,y:string>");
        assertThat(m.fields().get(2).nullable()).isTrue();
        assertThat(m.rowCount()).isEqualTo(2000L);
        assertThat(m.description()).isEqualTo("d");
        assertThat(m.properties())
                .containsEntry("size", "10000")
                .containsEntry("files", "1000")
                .containsEntry("created_by", "a,b");
        assertThat(SchemaUnion.merger().result()).isNull();
    }
}
