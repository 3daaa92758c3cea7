package io.lumos.source.parquet;

import static io.lumos.source.parquet.Footers.fixed;
import static io.lumos.source.parquet.Footers.group;
import static io.lumos.source.parquet.Footers.id;
import static io.lumos.source.parquet.Footers.input;
import static io.lumos.source.parquet.Footers.optional;
import static io.lumos.source.parquet.Footers.repeated;
import static io.lumos.source.parquet.Footers.required;
import static io.lumos.source.parquet.Footers.with;
import static org.apache.parquet.format.FieldRepetitionType.OPTIONAL;
import static org.apache.parquet.format.FieldRepetitionType.REPEATED;
import static org.apache.parquet.format.FieldRepetitionType.REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.DataTypes;
import io.lumos.domain.Field;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.ByteArraySeekableInput;
import io.lumos.spi.file.CountingSeekableInput;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.SeekableInput;
import io.lumos.spi.testing.DirectBufferInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.parquet.format.BsonType;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DateType;
import org.apache.parquet.format.DecimalType;
import org.apache.parquet.format.EnumType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Float16Type;
import org.apache.parquet.format.GeometryType;
import org.apache.parquet.format.IntType;
import org.apache.parquet.format.JsonType;
import org.apache.parquet.format.ListType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.MapType;
import org.apache.parquet.format.MicroSeconds;
import org.apache.parquet.format.MilliSeconds;
import org.apache.parquet.format.NanoSeconds;
import org.apache.parquet.format.NullType;
import org.apache.parquet.format.StringType;
import org.apache.parquet.format.TimeType;
import org.apache.parquet.format.TimeUnit;
import org.apache.parquet.format.TimestampType;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.UUIDType;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.VariantType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ParquetFormatReaderTest {
    private final ParquetFormatReader reader = new ParquetFormatReader();

    private FileSchema read(SeekableInput in) throws IOException {
        return reader.read(in, FileReadOptions.DEFAULT);
    }

    private Field only(Footers.El column) throws IOException {
        List<Field> fields = read(input(column)).fields();
        assertThat(fields).hasSize(1);
        return fields.get(0);
    }

    private static TimeUnit ms() {
        return TimeUnit.MILLIS(new MilliSeconds());
    }

    private static TimeUnit us() {
        return TimeUnit.MICROS(new MicroSeconds());
    }

    private static TimeUnit ns() {
        return TimeUnit.NANOS(new NanoSeconds());
    }

    record Case(Footers.El column, String type, String nativeType) {
        @Override
        public String toString() {
            return nativeType + " -> " + type;
        }
    }

    static List<Case> leafTypes() {
        return List.of(
                new Case(optional("c", Type.BOOLEAN), "boolean", "BOOLEAN"),
                new Case(optional("c", Type.INT32), "int32", "INT32"),
                new Case(optional("c", Type.INT64), "int64", "INT64"),
                new Case(optional("c", Type.INT96), "timestamptz(ns)", "INT96"),
                new Case(optional("c", Type.FLOAT), "float32", "FLOAT"),
                new Case(optional("c", Type.DOUBLE), "float64", "DOUBLE"),
                new Case(optional("c", Type.BYTE_ARRAY), "bytes", "BYTE_ARRAY"),
                new Case(fixed(optional("c", Type.FIXED_LEN_BYTE_ARRAY), 7), "fixed(7)", "FIXED_LEN_BYTE_ARRAY(7)"),
                new Case(
                        with(optional("c", Type.BYTE_ARRAY), LogicalType.STRING(new StringType())),
                        "string",
                        "BYTE_ARRAY (STRING)"),
                new Case(
                        with(optional("c", Type.BYTE_ARRAY), LogicalType.ENUM(new EnumType())),
                        "string",
                        "BYTE_ARRAY (ENUM)"),
                new Case(
                        with(optional("c", Type.BYTE_ARRAY), LogicalType.JSON(new JsonType())),
                        "json",
                        "BYTE_ARRAY (JSON)"),
                new Case(
                        with(optional("c", Type.BYTE_ARRAY), LogicalType.BSON(new BsonType())),
                        "bytes",
                        "BYTE_ARRAY (BSON)"),
                new Case(
                        with(fixed(optional("c", Type.FIXED_LEN_BYTE_ARRAY), 16), LogicalType.UUID(new UUIDType())),
                        "uuid",
                        "FIXED_LEN_BYTE_ARRAY(16) (UUID)"),
                new Case(
                        with(
                                fixed(optional("c", Type.FIXED_LEN_BYTE_ARRAY), 2),
                                LogicalType.FLOAT16(new Float16Type())),
                        "float16",
                        "FIXED_LEN_BYTE_ARRAY(2) (FLOAT16)"),
                new Case(with(optional("c", Type.INT32), LogicalType.DATE(new DateType())), "date", "INT32 (DATE)"),
                new Case(
                        with(optional("c", Type.INT32), LogicalType.DECIMAL(new DecimalType(2, 9))),
                        "decimal(9,2)",
                        "INT32 (DECIMAL(9,2))"),
                new Case(
                        with(optional("c", Type.INT64), LogicalType.DECIMAL(new DecimalType(4, 18))),
                        "decimal(18,4)",
                        "INT64 (DECIMAL(18,4))"),
                new Case(
                        with(
                                fixed(optional("c", Type.FIXED_LEN_BYTE_ARRAY), 16),
                                LogicalType.DECIMAL(new DecimalType(10, 38))),
                        "decimal(38,10)",
                        "FIXED_LEN_BYTE_ARRAY(16) (DECIMAL(38,10))"),
                new Case(
                        with(optional("c", Type.BYTE_ARRAY), LogicalType.DECIMAL(new DecimalType(3, 20))),
                        "decimal(20,3)",
                        "BYTE_ARRAY (DECIMAL(20,3))"),
                new Case(
                        with(optional("c", Type.INT32), LogicalType.TIME(new TimeType(true, ms()))),
                        "timetz(ms)",
                        "INT32 (TIME(MILLIS,true))"),
                new Case(
                        with(optional("c", Type.INT64), LogicalType.TIME(new TimeType(false, us()))),
                        "time(us)",
                        "INT64 (TIME(MICROS,false))"),
                new Case(
                        with(optional("c", Type.INT64), LogicalType.TIME(new TimeType(true, ns()))),
                        "timetz(ns)",
                        "INT64 (TIME(NANOS,true))"),
                new Case(
                        with(optional("c", Type.INT64), LogicalType.TIMESTAMP(new TimestampType(true, ms()))),
                        "timestamptz(ms)",
                        "INT64 (TIMESTAMP(MILLIS,true))"),
                new Case(
                        with(optional("c", Type.INT64), LogicalType.TIMESTAMP(new TimestampType(false, us()))),
                        "timestamp(us)",
                        "INT64 (TIMESTAMP(MICROS,false))"),
                new Case(
                        with(optional("c", Type.INT64), LogicalType.TIMESTAMP(new TimestampType(true, ns()))),
                        "timestamptz(ns)",
                        "INT64 (TIMESTAMP(NANOS,true))"),
                new Case(
                        with(optional("c", Type.INT64), LogicalType.TIMESTAMP(new TimestampType(false, ns()))),
                        "timestamp(ns)",
                        "INT64 (TIMESTAMP(NANOS,false))"),
                new Case(
                        with(optional("c", Type.INT32), LogicalType.INTEGER(new IntType((byte) 8, true))),
                        "int8",
                        "INT32 (INTEGER(8,true))"),
                new Case(
                        with(optional("c", Type.INT32), LogicalType.INTEGER(new IntType((byte) 16, false))),
                        "uint16",
                        "INT32 (INTEGER(16,false))"),
                new Case(
                        with(optional("c", Type.INT32), LogicalType.INTEGER(new IntType((byte) 32, false))),
                        "uint32",
                        "INT32 (INTEGER(32,false))"),
                new Case(
                        with(optional("c", Type.INT64), LogicalType.INTEGER(new IntType((byte) 64, false))),
                        "uint64",
                        "INT64 (INTEGER(64,false))"),
                new Case(
                        with(optional("c", Type.INT32), LogicalType.UNKNOWN(new NullType())),
                        "null",
                        "INT32 (UNKNOWN)"),
                new Case(
                        with(optional("c", Type.BYTE_ARRAY), LogicalType.GEOMETRY(new GeometryType())),
                        "bytes",
                        "BYTE_ARRAY (GEOMETRY)"),
                // converted types only (files from before logical types)
                new Case(with(optional("c", Type.BYTE_ARRAY), ConvertedType.UTF8), "string", "BYTE_ARRAY (UTF8)"),
                new Case(with(optional("c", Type.BYTE_ARRAY), ConvertedType.ENUM), "string", "BYTE_ARRAY (ENUM)"),
                new Case(with(optional("c", Type.BYTE_ARRAY), ConvertedType.JSON), "json", "BYTE_ARRAY (JSON)"),
                new Case(with(optional("c", Type.BYTE_ARRAY), ConvertedType.BSON), "bytes", "BYTE_ARRAY (BSON)"),
                new Case(with(optional("c", Type.INT32), ConvertedType.DATE), "date", "INT32 (DATE)"),
                new Case(
                        with(optional("c", Type.INT32), ConvertedType.TIME_MILLIS),
                        "timetz(ms)",
                        "INT32 (TIME_MILLIS)"),
                new Case(
                        with(optional("c", Type.INT64), ConvertedType.TIME_MICROS),
                        "timetz(us)",
                        "INT64 (TIME_MICROS)"),
                new Case(
                        with(optional("c", Type.INT64), ConvertedType.TIMESTAMP_MILLIS),
                        "timestamptz(ms)",
                        "INT64 (TIMESTAMP_MILLIS)"),
                new Case(
                        with(optional("c", Type.INT64), ConvertedType.TIMESTAMP_MICROS),
                        "timestamptz(us)",
                        "INT64 (TIMESTAMP_MICROS)"),
                new Case(with(optional("c", Type.INT32), ConvertedType.INT_8), "int8", "INT32 (INT_8)"),
                new Case(with(optional("c", Type.INT32), ConvertedType.INT_16), "int16", "INT32 (INT_16)"),
                new Case(with(optional("c", Type.INT32), ConvertedType.UINT_8), "uint8", "INT32 (UINT_8)"),
                new Case(with(optional("c", Type.INT32), ConvertedType.UINT_32), "uint32", "INT32 (UINT_32)"),
                new Case(with(optional("c", Type.INT64), ConvertedType.UINT_64), "uint64", "INT64 (UINT_64)"),
                new Case(with(optional("c", Type.INT64), ConvertedType.INT_64), "int64", "INT64 (INT_64)"),
                new Case(
                        with(fixed(optional("c", Type.FIXED_LEN_BYTE_ARRAY), 12), ConvertedType.INTERVAL),
                        "interval",
                        "FIXED_LEN_BYTE_ARRAY(12) (INTERVAL)"));
    }

    @ParameterizedTest
    @MethodSource("leafTypes")
    void mapsEveryPhysicalLogicalAndConvertedType(Case c) throws IOException {
        Field f = only(c.column());
        assertThat(f.type().print()).isEqualTo(c.type());
        assertThat(DataTypes.parse(c.type())).isEqualTo(f.type());
        assertThat(f.nativeType()).isEqualTo(c.nativeType());
        assertThat(f.nullable()).isTrue();
    }

    @Test
    void decimalWithConvertedTypeOnlyTakesPrecisionFromTheElement() throws IOException {
        Footers.El c = with(optional("d", Type.INT64), ConvertedType.DECIMAL);
        c.element().setPrecision(12).setScale(3);
        assertThat(only(c).type().print()).isEqualTo("decimal(12,3)");
    }

    @Test
    void parquetMrIntervalWithUnknownLogicalTypeIsAnInterval() throws IOException {
        // parquet-mr writes INTERVAL as converted INTERVAL beside logical UNKNOWN
        Footers.El c = with(fixed(optional("iv", Type.FIXED_LEN_BYTE_ARRAY), 12), ConvertedType.INTERVAL);
        with(c, LogicalType.UNKNOWN(new NullType()));
        Field f = only(c);
        assertThat(f.type().print()).isEqualTo("interval");
        assertThat(f.nativeType()).isEqualTo("FIXED_LEN_BYTE_ARRAY(12) (INTERVAL)");
    }

    @Test
    void requiredIsNotNullableAndFieldIdIsTheIdentity() throws IOException {
        Field f = only(id(required("id", Type.INT64), 42));
        assertThat(f.nullable()).isFalse();
        assertThat(f.identity()).isEqualTo("42");
    }

    @Test
    void modernThreeLevelList() throws IOException {
        Footers.El list = with(
                group(
                        "tags",
                        OPTIONAL,
                        group("list", REPEATED, with(optional("element", Type.BYTE_ARRAY), ConvertedType.UTF8))),
                LogicalType.LIST(new ListType()));
        Field f = only(list);
        assertThat(f.type().print()).isEqualTo("array<string>");
        assertThat(f.nullable()).isTrue();
        assertThat(f.nativeType()).isEqualTo("group (LIST)");
    }

    @Test
    void legacyTwoLevelListOfPrimitives() throws IOException {
        Footers.El list = with(group("nums", REQUIRED, repeated("array", Type.INT32)), ConvertedType.LIST);
        Field f = only(list);
        assertThat(f.type().print()).isEqualTo("array<int32>");
        assertThat(f.nullable()).isFalse();
    }

    @Test
    void legacyListWhoseRepeatedGroupIsTheElement() throws IOException {
        // one child named "array": the repeated group is the element (a struct of one field)
        Footers.El arrayNamed =
                with(group("a", OPTIONAL, group("array", REPEATED, optional("x", Type.INT32))), ConvertedType.LIST);
        assertThat(only(arrayNamed).type().print()).isEqualTo("array<struct<x:int32>>");
        // <name>_tuple
        Footers.El tuple =
                with(group("b", OPTIONAL, group("b_tuple", REPEATED, optional("x", Type.INT32))), ConvertedType.LIST);
        assertThat(only(tuple).type().print()).isEqualTo("array<struct<x:int32>>");
        // more than one field
        Footers.El multi = with(
                group("c", OPTIONAL, group("item", REPEATED, optional("x", Type.INT32), optional("y", Type.DOUBLE))),
                ConvertedType.LIST);
        Field f = only(multi);
        assertThat(f.type().print()).isEqualTo("array<struct<x:int32,y:float64>>");
        assertThat(f.fields()).extracting(Field::path).containsExactly("c.x", "c.y");
    }

    @Test
    void listOfListsAndListOfStructs() throws IOException {
        Footers.El inner = with(
                group("element", OPTIONAL, group("list", REPEATED, optional("element", Type.INT64))),
                ConvertedType.LIST);
        Footers.El outer = with(group("matrix", OPTIONAL, group("list", REPEATED, inner)), ConvertedType.LIST);
        assertThat(only(outer).type().print()).isEqualTo("array<array<int64>>");

        Footers.El structs = with(
                group(
                        "people",
                        OPTIONAL,
                        group(
                                "list",
                                REPEATED,
                                group(
                                        "element",
                                        OPTIONAL,
                                        required("name", Type.BYTE_ARRAY),
                                        optional("age", Type.INT32)))),
                ConvertedType.LIST);
        Field f = only(structs);
        assertThat(f.type().print()).isEqualTo("array<struct<name:bytes,age:int32>>");
        assertThat(f.fields()).extracting(Field::path).containsExactly("people.name", "people.age");
        assertThat(f.fields()).extracting(Field::nullable).containsExactly(false, true);
    }

    @Test
    void bareRepeatedFieldsAreArraysThatAreNotNullable() throws IOException {
        Field prim = only(repeated("r", Type.INT32));
        assertThat(prim.type().print()).isEqualTo("array<int32>");
        assertThat(prim.nullable()).isFalse();
        assertThat(prim.nativeType()).isEqualTo("repeated INT32");

        Field grp = only(group("phones", REPEATED, required("number", Type.INT64), optional("kind", Type.BYTE_ARRAY)));
        assertThat(grp.type().print()).isEqualTo("array<struct<number:int64,kind:bytes>>");
        assertThat(grp.nullable()).isFalse();
        assertThat(grp.fields()).extracting(Field::path).containsExactly("phones.number", "phones.kind");
    }

    @Test
    void mapsModernLegacyAndWithoutValue() throws IOException {
        Footers.El modern = with(
                group(
                        "m",
                        OPTIONAL,
                        group(
                                "key_value",
                                REPEATED,
                                with(required("key", Type.BYTE_ARRAY), ConvertedType.UTF8),
                                optional("value", Type.INT64))),
                LogicalType.MAP(new MapType()));
        Field f = only(modern);
        assertThat(f.type().print()).isEqualTo("map<string,int64>");
        assertThat(f.nativeType()).isEqualTo("group (MAP)");

        Footers.El legacy = with(
                group(
                        "m",
                        REQUIRED,
                        with(
                                group("map", REPEATED, required("key", Type.INT32), optional("value", Type.DOUBLE)),
                                ConvertedType.MAP_KEY_VALUE)),
                ConvertedType.MAP_KEY_VALUE);
        Field l = only(legacy);
        assertThat(l.type().print()).isEqualTo("map<int32,float64>");
        assertThat(l.nullable()).isFalse();

        Footers.El noValue = with(
                group("s", OPTIONAL, group("key_value", REPEATED, required("key", Type.INT32))), ConvertedType.MAP);
        assertThat(only(noValue).type().print()).isEqualTo("map<int32,null>");

        Footers.El bareKeyValue = with(
                group("kv", REPEATED, required("key", Type.INT32), optional("value", Type.INT32)),
                ConvertedType.MAP_KEY_VALUE);
        Field b = only(bareKeyValue);
        assertThat(b.type().print()).isEqualTo("map<int32,int32>");
        assertThat(b.nullable()).isFalse();

        Footers.El structValues = with(
                group(
                        "m",
                        OPTIONAL,
                        group(
                                "key_value",
                                REPEATED,
                                required("key", Type.INT32),
                                optional("value", Type.INT32),
                                optional("x", Type.INT32))),
                ConvertedType.MAP);
        assertThat(only(structValues).type().print()).isEqualTo("map<int32,int32>");
    }

    @Test
    void deepStructsKeepNullabilityPathsAndIdsOfEveryLevel() throws IOException {
        Footers.El deep = group(
                "a",
                OPTIONAL,
                id(group("b", REQUIRED, group("c", OPTIONAL, id(required("d", Type.INT32), 7))), 3),
                optional("e", Type.DOUBLE));
        Field a = only(deep);
        assertThat(a.type().print()).isEqualTo("struct<b:struct<c:struct<d:int32>>,e:float64>");
        Field b = a.fields().get(0);
        assertThat(b.path()).isEqualTo("a.b");
        assertThat(b.nullable()).isFalse();
        assertThat(b.identity()).isEqualTo("3");
        Field d = b.fields().get(0).fields().get(0);
        assertThat(d.path()).isEqualTo("a.b.c.d");
        assertThat(d.nullable()).isFalse();
        assertThat(d.identity()).isEqualTo("7");
        assertThat(a.flatten()).hasSize(5);
    }

    @Test
    void emptyGroupIsAnEmptyStruct() throws IOException {
        Field f = only(group("nested", OPTIONAL, group("inner", OPTIONAL)));
        assertThat(f.type().print()).isEqualTo("struct<inner:struct<>>");
        assertThat(DataTypes.parse(f.type().print())).isEqualTo(f.type());
    }

    @Test
    void variantGroupIsJson() throws IOException {
        Footers.El v = with(
                group("v", OPTIONAL, required("metadata", Type.BYTE_ARRAY), optional("value", Type.BYTE_ARRAY)),
                LogicalType.VARIANT(new VariantType()));
        Field f = only(v);
        assertThat(f.type().print()).isEqualTo("json");
        assertThat(f.nativeType()).isEqualTo("group (VARIANT)");
    }

    @Test
    void unknownFutureLogicalTypeIsUnknownWithTheNativeTypeKept() throws IOException {
        // a LogicalType union whose field id our Thrift definitions do not know decodes with no field set
        FileMetaData md = Footers.metadata(new long[] {1}, optional("x", Type.BYTE_ARRAY));
        md.getSchema().get(1).setLogicalType(new LogicalType());
        byte[] bytes;
        try {
            bytes = Footers.file(md, 10);
        } catch (RuntimeException e) {
            // Thrift refuses to write an empty union: write the future id by hand instead
            bytes = futureLogicalTypeFile();
        }
        Field f = read(input(bytes)).fields().get(0);
        assertThat(f.type().print()).isEqualTo("unknown");
        assertThat(f.nativeType()).isEqualTo("BYTE_ARRAY (unknown logical type)");
    }

    /** The footer of a one-column file whose logical type is field 99 of the union: a type from the future. */
    private static byte[] futureLogicalTypeFile() throws IOException {
        FileMetaData md = Footers.metadata(new long[] {1}, optional("x", Type.BYTE_ARRAY));
        md.getSchema().get(1).setLogicalType(LogicalType.JSON(new JsonType()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Util.writeFileMetaData(md, out);
        byte[] footer = out.toByteArray();
        // the JSON member is field 12 of LogicalType, written in compact form as a struct header
        // 0x0C (delta 0, type struct) with a long field id; find "field 12, struct, empty" and renumber
        for (int i = 0; i + 2 < footer.length; i++) {
            // compact field header with delta: (delta << 4) | 12 (struct); JSON is field 12 of the union
            if ((footer[i] & 0xff) == 0xCC && footer[i + 1] == 0 && footer[i + 2] == 0) {
                // rewrite as a long-form header: type 12 then zigzag varint 99 (198 = 0xC6 0x01)
                byte[] patched = new byte[footer.length + 2];
                System.arraycopy(footer, 0, patched, 0, i);
                patched[i] = 0x0C;
                patched[i + 1] = (byte) 0xC6;
                patched[i + 2] = 0x01;
                System.arraycopy(footer, i + 1, patched, i + 3, footer.length - i - 1);
                return Footers.file(patched, 10, "PAR1");
            }
        }
        throw new AssertionError("JSON logical type not found in the footer");
    }

    @Test
    void rowCountIsTheSumOfRowGroupsWithFileFacts() throws IOException {
        byte[] bytes = Footers.file(Footers.metadata(new long[] {5, 7, 0}, optional("a", Type.INT32)), 50);
        FileSchema s = read(input(bytes));
        assertThat(s.rowCount()).isEqualTo(12);
        assertThat(s.rowCountExact()).isTrue();
        assertThat(s.properties())
                .containsEntry("num_row_groups", "3")
                .containsEntry("codecs", "SNAPPY")
                .containsEntry("created_by", "lumos test writer")
                .containsEntry("size", Integer.toString(bytes.length));
    }

    @Test
    void aFooterLargerThanTheReadAheadCostsExactlyOneMoreRead() throws IOException {
        List<Footers.El> cols = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            cols.add(with(optional("a_rather_long_column_name_number_" + i, Type.BYTE_ARRAY), ConvertedType.UTF8));
        }
        FileMetaData md = Footers.metadata(new long[] {1}, cols.toArray(Footers.El[]::new));
        byte[] bytes = Footers.file(md, 200_000);
        CountingSeekableInput counting = new CountingSeekableInput(input(bytes));
        FileSchema s = read(counting);
        assertThat(s.fields()).hasSize(3000);
        int footer = Integer.parseInt(s.properties().get("footer_bytes"));
        assertThat(footer).isGreaterThan(ParquetFooter.TAIL);
        assertThat(counting.reads()).isEqualTo(2);
        assertThat(counting.bytesRead()).isEqualTo(ParquetFooter.TAIL + footer);
    }

    @Test
    void aSmallFooterIsOneReadOfTheTail() throws IOException {
        byte[] bytes = Footers.file(Footers.metadata(new long[] {1}, optional("a", Type.INT32)), 500_000);
        CountingSeekableInput counting = new CountingSeekableInput(input(bytes));
        read(counting);
        assertThat(counting.reads()).isEqualTo(1);
        assertThat(counting.bytesRead()).isEqualTo(ParquetFooter.TAIL);
    }

    @Test
    void badInputIsOneClearLine() throws IOException {
        byte[] good = Footers.file(Footers.metadata(new long[] {1}, optional("a", Type.INT32)), 10);
        assertBad(new byte[] {'P', 'A', 'R'}, "too short to be a Parquet file");
        byte[] badMagic = good.clone();
        badMagic[badMagic.length - 1] = 'X';
        assertBad(badMagic, "bad magic at the end (PARX)");
        byte[] encrypted = good.clone();
        encrypted[encrypted.length - 1] = 'E';
        assertBad(encrypted, "the footer is encrypted (magic PARE)");
        byte[] lying = good.clone();
        lying[lying.length - 8] = (byte) 0xff;
        lying[lying.length - 7] = (byte) 0xff;
        lying[lying.length - 6] = (byte) 0xff;
        lying[lying.length - 5] = (byte) 0x7f;
        assertBad(lying, "truncated or corrupt footer: it claims 2147483647 bytes");
        byte[] corrupt = Footers.file(new byte[] {0x15, 0x7f, 0x7f, 0x7f, 0x7f, 0x0f, 0x00}, 10, "PAR1");
        assertBad(corrupt, "corrupt Parquet footer");

        FileMetaData negative = Footers.metadata(new long[] {-4}, optional("a", Type.INT32));
        assertBad(Footers.file(negative, 10), "(negative)");

        assertBad(
                Footers.file(
                        Footers.metadata(new long[] {1}, with(optional("d", Type.BYTE_ARRAY), ConvertedType.DATE)), 10),
                "column 'd' has DATE on BYTE_ARRAY (valid only on INT32)");
        assertBad(
                Footers.file(
                        Footers.metadata(new long[] {1}, optional("a", Type.INT32), optional("a", Type.INT64)), 10),
                "two columns are named 'a'");
        FileMetaData badChildren = Footers.metadata(new long[] {1}, optional("a", Type.INT32));
        badChildren.getSchema().get(0).setNum_children(5);
        assertBad(Footers.file(badChildren, 10), "bad child counts");
    }

    private void assertBad(byte[] bytes, String cause) {
        assertThatThrownBy(() -> read(new ByteArraySeekableInput("mem://bad.parquet", bytes)))
                .isInstanceOfSatisfying(LumosException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
                    assertThat(e.getMessage())
                            .startsWith("mem://bad.parquet: ")
                            .contains(cause)
                            .doesNotContain("\n");
                });
    }

    @Test
    void readsFromManyThreadsAtOnce() throws Exception {
        byte[] bytes = Footers.file(
                Footers.metadata(
                        new long[] {9}, optional("a", Type.INT32), group("s", OPTIONAL, optional("b", Type.DOUBLE))),
                1000);
        FileSchema expected = read(input(bytes));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FileSchema>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> read(input(bytes))));
            }
            for (Future<FileSchema> r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mergeUnitesColumnsByName() throws IOException {
        FileSchema a = read(input(Footers.file(
                Footers.metadata(new long[] {2}, required("id", Type.INT32), optional("x", Type.FLOAT)), 10)));
        FileSchema b = read(input(Footers.file(
                Footers.metadata(
                        new long[] {3},
                        required("id", Type.INT64),
                        with(optional("y", Type.BYTE_ARRAY), ConvertedType.UTF8),
                        optional("x", Type.BYTE_ARRAY)),
                10)));
        FileSchema merged = reader.merge(List.of(a, b));
        assertThat(merged.fields()).extracting(Field::name).containsExactly("id", "x", "y");
        assertThat(merged.fields())
                .extracting(f -> f.type().print())
                .containsExactly("int64", "union<float32,bytes>", "string");
        assertThat(merged.fields()).extracting(Field::nullable).containsExactly(false, true, true);
        assertThat(merged.rowCount()).isEqualTo(5);
        assertThat(merged.properties()).containsEntry("files", "2");
    }

    /** Like an S3 input: buffers that are direct (no backing array) and read-only. */
    @Test
    void readsFromInputsWhoseBuffersHaveNoArray() throws IOException {
        List<Footers.El> cols = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            cols.add(with(optional("column_with_a_long_name_" + i, Type.BYTE_ARRAY), ConvertedType.UTF8));
        }
        byte[] big = Footers.file(Footers.metadata(new long[] {4}, cols.toArray(Footers.El[]::new)), 100_000);
        byte[] small = Footers.file(Footers.metadata(new long[] {4}, optional("a", Type.INT32)), 100_000);
        assertThat(read(new DirectBufferInput("s3://bucket/key.parquet", big)).fields())
                .hasSize(2500);
        assertThat(read(new DirectBufferInput("s3://bucket/key.parquet", small)))
                .isEqualTo(read(input(small)));
    }
}
