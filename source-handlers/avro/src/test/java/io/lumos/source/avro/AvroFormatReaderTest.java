package io.lumos.source.avro;

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
import io.lumos.spi.testing.DirectBufferInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvroFormatReaderTest {
    private final AvroFormatReader avro = new AvroFormatReader();
    private final AvscFormatReader avsc = new AvscFormatReader();

    private static final String WEATHER =
            """
            {"type":"record","name":"Weather","namespace":"test","doc":"A weather reading.",
             "fields":[{"name":"station","type":"string","doc":"where"},
                       {"name":"time","type":"long","aliases":["ts","when"]},
                       {"name":"temp","type":["null","int"],"default":null}]}""";

    private FileSchema avsc(String json) throws IOException {
        return avsc.read(
                new ByteArraySeekableInput("mem://s.avsc", json.getBytes(StandardCharsets.UTF_8)),
                FileReadOptions.DEFAULT);
    }

    private FileSchema avro(byte[] bytes) throws IOException {
        return avro.read(new ByteArraySeekableInput("mem://d.avro", bytes), FileReadOptions.DEFAULT);
    }

    private String typeOf(String fieldSchema) throws IOException {
        Field f = avsc("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"f\",\"type\":" + fieldSchema
                        + "}]}")
                .fields()
                .get(0);
        assertThat(DataTypes.parse(f.type().print())).isEqualTo(f.type());
        return f.type().print() + (f.nullable() ? "?" : "");
    }

    @Test
    void primitivesAndLogicalTypes() throws IOException {
        assertThat(typeOf("\"null\"")).isEqualTo("null?");
        assertThat(typeOf("\"boolean\"")).isEqualTo("boolean");
        assertThat(typeOf("\"int\"")).isEqualTo("int32");
        assertThat(typeOf("\"long\"")).isEqualTo("int64");
        assertThat(typeOf("\"float\"")).isEqualTo("float32");
        assertThat(typeOf("\"double\"")).isEqualTo("float64");
        assertThat(typeOf("\"bytes\"")).isEqualTo("bytes");
        assertThat(typeOf("\"string\"")).isEqualTo("string");
        assertThat(typeOf("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}"))
                .isEqualTo("decimal(10,2)");
        assertThat(
                        typeOf(
                                "{\"type\":\"fixed\",\"name\":\"D\",\"size\":16,\"logicalType\":\"decimal\",\"precision\":38,\"scale\":9}"))
                .isEqualTo("decimal(38,9)");
        assertThat(typeOf("{\"type\":\"string\",\"logicalType\":\"uuid\"}")).isEqualTo("uuid");
        assertThat(typeOf("{\"type\":\"fixed\",\"name\":\"U\",\"size\":16,\"logicalType\":\"uuid\"}"))
                .isEqualTo("uuid");
        assertThat(typeOf("{\"type\":\"int\",\"logicalType\":\"date\"}")).isEqualTo("date");
        assertThat(typeOf("{\"type\":\"int\",\"logicalType\":\"time-millis\"}")).isEqualTo("time(ms)");
        assertThat(typeOf("{\"type\":\"long\",\"logicalType\":\"time-micros\"}"))
                .isEqualTo("time(us)");
        assertThat(typeOf("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}"))
                .isEqualTo("timestamptz(ms)");
        assertThat(typeOf("{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}"))
                .isEqualTo("timestamptz(us)");
        assertThat(typeOf("{\"type\":\"long\",\"logicalType\":\"timestamp-nanos\"}"))
                .isEqualTo("timestamptz(ns)");
        assertThat(typeOf("{\"type\":\"long\",\"logicalType\":\"local-timestamp-millis\"}"))
                .isEqualTo("timestamp(ms)");
        assertThat(typeOf("{\"type\":\"long\",\"logicalType\":\"local-timestamp-micros\"}"))
                .isEqualTo("timestamp(us)");
        assertThat(typeOf("{\"type\":\"long\",\"logicalType\":\"local-timestamp-nanos\"}"))
                .isEqualTo("timestamp(ns)");
        assertThat(typeOf("{\"type\":\"fixed\",\"name\":\"Dur\",\"size\":12,\"logicalType\":\"duration\"}"))
                .isEqualTo("interval");
        assertThat(typeOf("{\"type\":\"bytes\",\"logicalType\":\"big-decimal\"}"))
                .isEqualTo("unknown");
        // an invalid logical type is ignored, as Avro itself does: the underlying type stays
        assertThat(typeOf("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":-1}"))
                .isEqualTo("bytes");
    }

    @Test
    void namedAndComplexTypes() throws IOException {
        assertThat(typeOf("{\"type\":\"enum\",\"name\":\"Suit\",\"symbols\":[\"SPADES\",\"HEARTS\"]}"))
                .isEqualTo("enum(SPADES,HEARTS)");
        assertThat(typeOf("{\"type\":\"fixed\",\"name\":\"MD5\",\"size\":16}")).isEqualTo("fixed(16)");
        assertThat(typeOf("{\"type\":\"array\",\"items\":\"string\"}")).isEqualTo("array<string>");
        assertThat(typeOf("{\"type\":\"map\",\"values\":{\"type\":\"array\",\"items\":\"long\"}}"))
                .isEqualTo("map<string,array<int64>>");
        assertThat(typeOf("[\"null\",\"string\"]")).isEqualTo("string?");
        assertThat(typeOf("[\"string\",\"null\"]")).isEqualTo("string?");
        assertThat(typeOf("[\"string\",\"int\"]")).isEqualTo("union<string,int32>");
        assertThat(typeOf("[\"null\",\"string\",\"int\"]")).isEqualTo("union<string,int32>?");
        assertThat(typeOf("[\"null\"]")).isEqualTo("null?");
    }

    @Test
    void nestedRecordsGiveChildFieldsWithDocsDefaultsAndAliases() throws IOException {
        FileSchema s = avsc(
                """
                {"type":"record","name":"Order","doc":"An order.","fields":[
                  {"name":"id","type":"long","aliases":["order_id"]},
                  {"name":"customer","type":["null",{"type":"record","name":"Customer","fields":[
                      {"name":"name","type":"string","doc":"full name"},
                      {"name":"tier","type":"string","default":"basic"}]}],"default":null},
                  {"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[
                      {"name":"sku","type":"string"},{"name":"qty","type":"int","default":1}]}}}]}""");
        assertThat(s.description()).isEqualTo("An order.");
        assertThat(s.rowCount()).isNull();
        assertThat(s.properties()).containsEntry("schema_name", "Order");
        Field id = s.fields().get(0);
        assertThat(id.identity()).isEqualTo("aliases:order_id");
        Field customer = s.fields().get(1);
        assertThat(customer.type().print()).isEqualTo("struct<name:string,tier:string>");
        assertThat(customer.nullable()).isTrue();
        assertThat(customer.defaultValue()).isEqualTo("null");
        assertThat(customer.nativeType()).isEqualTo("union[null,record Customer]");
        assertThat(customer.fields()).extracting(Field::path).containsExactly("customer.name", "customer.tier");
        assertThat(customer.fields().get(0).description()).isEqualTo("full name");
        assertThat(customer.fields().get(1).defaultValue()).isEqualTo("\"basic\"");
        Field lines = s.fields().get(2);
        assertThat(lines.type().print()).isEqualTo("array<struct<sku:string,qty:int32>>");
        assertThat(lines.fields()).extracting(Field::path).containsExactly("lines.sku", "lines.qty");
        assertThat(lines.fields().get(1).defaultValue()).isEqualTo("1");
    }

    @Test
    void recursionBecomesANamedReferenceAndEnds() throws IOException {
        FileSchema s = avsc(
                """
                {"type":"record","name":"LongList","namespace":"ex","fields":[
                  {"name":"value","type":"long"},
                  {"name":"next","type":["null","LongList"]},
                  {"name":"tree","type":{"type":"record","name":"Node","fields":[
                     {"name":"children","type":{"type":"array","items":"Node"}},
                     {"name":"owner","type":["null","LongList"]}]}}]}""");
        assertThat(s.fields().get(1).type().print()).isEqualTo("ex.LongList");
        assertThat(s.fields().get(1).nullable()).isTrue();
        Field tree = s.fields().get(2);
        assertThat(tree.type().print()).isEqualTo("struct<children:array<ex.Node>,owner:ex.LongList>");
        assertThat(DataTypes.parse(tree.type().print())).isEqualTo(tree.type());
    }

    @Test
    void nonRecordTopLevelSchemaIsOneValueField() throws IOException {
        FileSchema s = avsc("[\"null\",\"int\"]");
        assertThat(s.fields()).hasSize(1);
        assertThat(s.fields().get(0).name()).isEqualTo("value");
        assertThat(s.fields().get(0).type().print()).isEqualTo("int32");
        assertThat(s.fields().get(0).nullable()).isTrue();
    }

    @Test
    void invalidSchemaFilesAreRejectedInOneLine() {
        assertThatThrownBy(() -> avsc("{\"type\":\"fixed\",\"name\":\"F\"}"))
                .isInstanceOfSatisfying(LumosException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
                    assertThat(e.getMessage())
                            .startsWith("mem://s.avsc: the file is not a valid Avro schema: ")
                            .doesNotContain("\n");
                });
        assertThatThrownBy(() -> avsc("  ")).hasMessage("mem://s.avsc: the schema file is empty");
        assertThatThrownBy(() ->
                        avsc("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"nope\"}]}"))
                .hasMessageContaining("not a valid Avro schema");
    }

    // ---- container files -------------------------------------------------------------------

    static byte[] write(String schemaJson, CodecFactory codec, int rows, int syncInterval) throws IOException {
        Schema schema = new Schema.Parser().parse(schemaJson);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            w.setCodec(codec);
            w.setSyncInterval(syncInterval);
            w.create(schema, out);
            Random random = new Random(7);
            for (int i = 0; i < rows; i++) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("station", "station-" + random.nextInt(1000));
                r.put("time", (long) i);
                r.put("temp", i % 3 == 0 ? null : random.nextInt(50));
                w.append(r);
            }
        }
        return out.toByteArray();
    }

    @Test
    void countsRowsOfRealFilesWithoutDecoding() throws IOException {
        for (CodecFactory codec :
                List.of(CodecFactory.nullCodec(), CodecFactory.deflateCodec(6), CodecFactory.bzip2Codec())) {
            byte[] file = write(WEATHER, codec, 5000, 2048);
            FileSchema s = avro(file);
            assertThat(s.rowCount()).as("rows with %s", codec).isEqualTo(5000);
            assertThat(s.rowCountExact()).isTrue();
            assertThat(Long.parseLong(s.properties().get("blocks"))).isGreaterThan(1);
            assertThat(s.properties()).containsEntry("schema_name", "test.Weather");
            assertThat(s.description()).isEqualTo("A weather reading.");
            assertThat(s.fields()).extracting(f -> f.type().print()).containsExactly("string", "int64", "int32");
            assertThat(s.fields().get(1).identity()).isEqualTo("aliases:ts,when");
            assertThat(s.fields().get(0).description()).isEqualTo("where");
        }
        assertThat(avro(write(WEATHER, CodecFactory.deflateCodec(6), 10, 2048)).properties())
                .containsEntry("codec", "deflate");
        assertThat(avro(write(WEATHER, CodecFactory.bzip2Codec(), 10, 2048)).properties())
                .containsEntry("codec", "bzip2");
    }

    @Test
    void readsOnlyBlockHeadersOfALargeFile() throws IOException {
        byte[] file = write(WEATHER, CodecFactory.nullCodec(), 200_000, 64_000);
        CountingSeekableInput counting = new CountingSeekableInput(new ByteArraySeekableInput("mem://big.avro", file));
        FileSchema s = avro.read(counting, FileReadOptions.DEFAULT);
        assertThat(s.rowCount()).isEqualTo(200_000);
        long blocks = Long.parseLong(s.properties().get("blocks"));
        // the 64 KiB header read-ahead, then one small read per block
        assertThat(counting.bytesRead())
                .isLessThanOrEqualTo(AvroContainer.HEADER_CHUNK + blocks * AvroContainer.BLOCK_CHUNK);
        assertThat(counting.bytesRead()).isLessThan(file.length / 5);
    }

    /** A container written by hand: any codec name, block payloads that are not even compressed data. */
    static byte[] handMade(String codec, long[] counts, int payload, boolean brokenSync) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'O', 'b', 'j', 1});
        writeLong(out, codec == null ? 1 : 2);
        writeString(out, "avro.schema");
        writeString(out, "\"long\"");
        if (codec != null) {
            writeString(out, "avro.codec");
            writeString(out, codec);
        }
        writeLong(out, 0);
        byte[] sync = new byte[16];
        new Random(1).nextBytes(sync);
        out.writeBytes(sync);
        for (int i = 0; i < counts.length; i++) {
            writeLong(out, counts[i]);
            writeLong(out, payload);
            out.writeBytes(new byte[payload]);
            byte[] marker = sync.clone();
            if (brokenSync && i == counts.length - 1) {
                marker[3] ^= 1;
            }
            out.writeBytes(marker);
        }
        return out.toByteArray();
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7f) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeLong(out, b.length);
        out.writeBytes(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "deflate", "snappy", "zstandard", "xz", "bzip2"})
    void everyCodecCountsBecauseNoBlockIsOpened(String codec) throws IOException {
        FileSchema s = avro(handMade(codec, new long[] {100, 250, 7}, 300, false));
        assertThat(s.rowCount()).isEqualTo(357);
        assertThat(s.properties()).containsEntry("codec", codec).doesNotContainKey("codec_unknown");
    }

    @Test
    void anUnknownCodecStillCountsAndIsReported() throws IOException {
        FileSchema s = avro(handMade("lz77-future", new long[] {3, 4}, 10, false));
        assertThat(s.rowCount()).isEqualTo(7);
        assertThat(s.properties()).containsEntry("codec", "lz77-future").containsEntry("codec_unknown", "true");
        assertThat(avro(handMade(null, new long[] {1}, 1, false)).properties()).containsEntry("codec", "null");
    }

    @Test
    void truncatedAndTrailingBytesAreReportedNotFatal() throws IOException {
        byte[] full = handMade("null", new long[] {10, 20}, 100, false);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 50);
        FileSchema t = avro(cut);
        assertThat(t.rowCount()).isEqualTo(10);
        assertThat(t.rowCountExact()).isFalse();
        assertThat(t.properties()).containsEntry("truncated", "true");

        byte[] stray = java.util.Arrays.copyOf(full, full.length + 1);
        stray[stray.length - 1] = 0x0a;
        FileSchema s = avro(stray);
        assertThat(s.rowCount()).isEqualTo(30);
        assertThat(s.rowCountExact()).isTrue();
        assertThat(s.properties()).containsEntry("trailing_bytes", "1");
    }

    @Test
    void corruptContainersAreOneLineErrors() {
        assertBad(handMade("null", new long[] {1, 2}, 10, true), "sync marker after block 1");
        assertBad(new byte[] {'O', 'b', 'j', 0, 0}, "Avro 1.2 container");
        assertBad("PAR1xxxxxx".getBytes(StandardCharsets.US_ASCII), "bad magic");
        assertBad(new byte[] {'O', 'b'}, "too short");
        byte[] noSchema = {'O', 'b', 'j', 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        assertBad(noSchema, "no avro.schema");
        byte[] lying = {'O', 'b', 'j', 1, 2, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        assertBad(lying, "does not fit in the file");
        byte[] negative = handMade("null", new long[] {-5}, 10, false);
        assertBad(negative, "negative record count");
    }

    private void assertBad(byte[] bytes, String cause) {
        assertThatThrownBy(() -> avro(bytes)).isInstanceOfSatisfying(LumosException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
            assertThat(e.getMessage())
                    .startsWith("mem://d.avro: ")
                    .contains(cause)
                    .doesNotContain("\n");
        });
    }

    @Test
    void mergeUnitesFieldsByName() throws IOException {
        FileSchema a = avsc(WEATHER);
        FileSchema b = avsc(
                """
                {"type":"record","name":"Weather","namespace":"test","fields":[
                  {"name":"station","type":"string"},{"name":"temp","type":"long"},{"name":"wind","type":"float"}]}""");
        FileSchema m = avro.merge(List.of(a, b));
        assertThat(m.fields()).extracting(Field::name).containsExactly("station", "time", "temp", "wind");
        assertThat(m.fields()).extracting(f -> f.type().print()).containsExactly("string", "int64", "int64", "float32");
        assertThat(m.fields()).extracting(Field::nullable).containsExactly(false, true, true, true);
    }

    @Test
    void readsThroughDirectBuffersFromManyThreads() throws Exception {
        byte[] file = write(WEATHER, CodecFactory.deflateCodec(1), 3000, 1024);
        io.lumos.spi.file.SeekableInput direct = new DirectBufferInput("s3://bucket/w.avro", file);
        FileSchema expected = avro(file);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<FileSchema>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> avro.read(direct, FileReadOptions.DEFAULT)));
            }
            for (java.util.concurrent.Future<FileSchema> r : results) {
                assertThat(r.get()).isEqualTo(expected);
                assertThat(r.get().rowCount()).isEqualTo(3000);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
