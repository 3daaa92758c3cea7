package io.lumos.source.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.Field;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.ByteArraySeekableInput;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CsvFormatReaderTest {
    private final CsvFormatReader csv = new CsvFormatReader();

    private static FileSchema read(CsvFormatReader reader, String name, byte[] bytes, FileReadOptions o)
            throws IOException {
        return reader.read(new ByteArraySeekableInput(name, bytes), o);
    }

    private FileSchema read(String text) throws IOException {
        return read(csv, "t.csv", text.getBytes(UTF_8), FileReadOptions.DEFAULT);
    }

    private static String types(FileSchema s) {
        StringBuilder out = new StringBuilder();
        for (Field f : s.fields()) {
            out.append(out.length() == 0 ? "" : ", ")
                    .append(f.name())
                    .append(':')
                    .append(f.type().print())
                    .append(f.nullable() ? "?" : "");
        }
        return out.toString();
    }

    @Test
    void infersEveryTypeAndNullability() throws IOException {
        FileSchema s = read(
                """
                id,price,score,ok,day,at,at_tz,t,name,note
                1,10.50,1.5e3,true,2024-01-31,2024-01-31 10:00:00,2024-01-31T10:00:00Z,10:15:00,ann,
                2,3.25,2.25E-1,false,2024-02-01,2024-02-01T11:30:00.123456,2024-02-01 11:30:00+01:00,23:59:59,bob,NULL
                -3,100,7,TRUE,2024-12-31,2024-12-31 23:59,2024-12-31 23:59:00 UTC,00:00,NA,N/A
                """);
        assertThat(types(s))
                .isEqualTo("id:int64, price:decimal(18,2), score:float64, ok:boolean, day:date, at:timestamp(us), "
                        + "at_tz:timestamptz(us), t:time(us), name:string?, note:string?");
        assertThat(s.fields().get(0).nativeType()).isEqualTo("integer");
        assertThat(s.fields().get(1).nativeType()).isEqualTo("decimal");
        assertThat(s.rowCount()).isEqualTo(3);
        assertThat(s.rowCountExact()).isTrue();
        assertThat(s.properties()).containsEntry("delimiter", ",").containsEntry("header", "true");
    }

    @Test
    void widensMixedColumnsAndKeepsLeadingZerosAsText() throws IOException {
        FileSchema s = read("a,b,c,d,e\n1,1,2024-01-01,007,x\n2.5,1e3,2024-01-01 10:00,12,1\n");
        assertThat(types(s)).isEqualTo("a:decimal(18,1), b:float64, c:timestamp(us), d:string, e:string");
    }

    @Test
    void rowsEndingWithADelimiterKeepTheirHeaderAndLoseTheEmptyColumn() throws IOException {
        // DataHub's chord_progressions_csv.csv: each row has a trailing comma the header lacks
        FileSchema s = read(
                "\"1st chord\",\"2nd chord\",\"quality\"\n6,4,\"Alternative\",\n4,4,\"Catchy\",\n1,1,\"Dreadful\",\n");
        assertThat(types(s)).isEqualTo("1st chord:int64, 2nd chord:int64, quality:string");
        assertThat(s.properties()).containsEntry("header", "true").doesNotContainKey("skip_lines");
        assertThat(s.rowCount()).isEqualTo(3);
        FileSchema full = read(
                csv,
                "t.csv",
                "a,b\n1,x,\n2,y,\n3,z,\n".getBytes(UTF_8),
                new FileReadOptions(100, FileReadOptions.DEFAULT.maxSampleBytes(), true, java.util.Map.of()));
        assertThat(types(full)).isEqualTo("a:int64, b:string");
        assertThat(full.rowCount()).isEqualTo(3);
        // a title line well short of the rows is still a preamble
        FileSchema titled = read("Report of 2024\na,b,c\n1,2,3\n4,5,6\n");
        assertThat(types(titled)).isEqualTo("a:int64, b:int64, c:int64");
        assertThat(titled.properties()).containsEntry("skip_lines", "1");
    }

    @Test
    void sniffsDelimiterMissingHeaderAndPreamble() throws IOException {
        FileSchema semi = read("1;x;2024-01-01\n2;y;2024-01-02\n3;z;2024-01-03\n");
        assertThat(types(semi)).isEqualTo("column1:int64, column2:string, column3:date");
        assertThat(semi.properties()).containsEntry("delimiter", ";").containsEntry("header", "false");

        FileSchema pre = read("exported by a tool\nn,word\n1,a\n2,b\n3,c\n");
        assertThat(types(pre)).isEqualTo("n:int64, word:string");
        assertThat(pre.properties()).containsEntry("skip_lines", "1");

        FileSchema tsv =
                read(new TsvFormatReader(), "t.tsv", "a,b\tc\n1,2\t3\n".getBytes(UTF_8), FileReadOptions.DEFAULT);
        assertThat(types(tsv)).isEqualTo("a,b:string, c:int64");
    }

    @Test
    void readsBomsAndUtf16() throws IOException {
        byte[] utf8 = ("\uFEFFid,name\n1,Jos\u00e9\n").getBytes(UTF_8);
        FileSchema s = read(csv, "b.csv", utf8, FileReadOptions.DEFAULT);
        assertThat(types(s)).isEqualTo("id:int64, name:string");
        assertThat(s.properties()).containsEntry("encoding", "UTF-8 (BOM)");

        ByteArrayOutputStream u16 = new ByteArrayOutputStream();
        u16.write(0xFF);
        u16.write(0xFE);
        u16.write("id,name\r\n1,\u00c1lvarez\r\n".getBytes(StandardCharsets.UTF_16LE));
        FileSchema s16 = read(csv, "u.csv", u16.toByteArray(), FileReadOptions.DEFAULT);
        assertThat(types(s16)).isEqualTo("id:int64, name:string");
        assertThat(s16.properties().get("encoding")).startsWith("UTF-16LE");
    }

    @Test
    void fallsBackToWindows1252WithAWarningAndIsStrictWhenAskedForUtf8() throws IOException {
        byte[] latin = "name,age\nJos\u00e9,3\n".getBytes(StandardCharsets.ISO_8859_1);
        FileSchema s = read(csv, "l.csv", latin, FileReadOptions.DEFAULT);
        assertThat(s.properties()).containsEntry("encoding", "windows-1252");
        assertThat(s.properties().get(FileSchemas.WARNINGS))
                .contains("not valid UTF-8")
                .contains("line 2");

        FileReadOptions utf8 = new FileReadOptions(1000, 16 << 20, false, Map.of("encoding", "UTF-8"));
        assertThatThrownBy(() -> read(csv, "l.csv", latin, utf8))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("line 2: not valid UTF-8");
    }

    @Test
    void fullScanCountsExactlyAndFindsNullsPastTheSample() throws IOException {
        StringBuilder text = new StringBuilder("id,v\n");
        for (int i = 0; i < 20_000; i++) {
            // fixed-width rows, so that the estimate from the head is fair
            text.append(10_000 + i)
                    .append(',')
                    .append(i == 15_000 ? "" : "x" + (10_000 + i))
                    .append('\n');
        }
        byte[] bytes = text.toString().getBytes(UTF_8);
        FileReadOptions sample = new FileReadOptions(100, 4096, false, Map.of());
        FileSchema guessed = read(csv, "big.csv", bytes, sample);
        assertThat(guessed.rowCountExact()).isFalse();
        assertThat(guessed.rowCount()).isBetween(17_000L, 23_000L);
        assertThat(guessed.fields().get(1).nullable()).isFalse();

        FileSchema exact = read(csv, "big.csv", bytes, sample.withFullScan(true));
        assertThat(exact.rowCountExact()).isTrue();
        assertThat(exact.rowCount()).isEqualTo(20_000);
        assertThat(exact.fields().get(1).nullable()).isTrue();
        assertThat(exact.fields().get(0).nullable()).isFalse();
    }

    @Test
    void fullScanWidensTypesThatChangePastTheSample() throws IOException {
        StringBuilder text = new StringBuilder("id,amount,day,code,flag\n");
        for (int i = 0; i < 5000; i++) {
            boolean late = i == 4000;
            text.append(i)
                    .append(',')
                    .append(late ? "12345.678" : "1.5")
                    .append(',')
                    .append(late ? "2024-01-02 10:00:00" : "2024-01-01")
                    .append(',')
                    .append(late ? "x1" : "7")
                    .append(',')
                    .append(i % 2 == 0 ? "true" : "FALSE")
                    .append('\n');
        }
        byte[] bytes = text.toString().getBytes(UTF_8);
        FileReadOptions sample = new FileReadOptions(100, 16 << 20, false, Map.of());
        assertThat(types(read(csv, "late.csv", bytes, sample)))
                .isEqualTo("id:int64, amount:decimal(18,1), day:date, code:int64, flag:boolean");
        FileReadOptions withTypes = new FileReadOptions(100, 16 << 20, true, Map.of("full_scan_types", "true"));
        assertThat(types(read(csv, "late.csv", bytes, withTypes)))
                .isEqualTo("id:int64, amount:decimal(18,3), day:timestamp(us), code:string, flag:boolean");
        FileReadOptions countOnly = sample.withFullScan(true);
        FileSchema counted = read(csv, "late.csv", bytes, countOnly);
        assertThat(types(counted)).isEqualTo("id:int64, amount:decimal(18,1), day:date, code:int64, flag:boolean");
        assertThat(counted.rowCount()).isEqualTo(5000);
    }

    @Test
    void readsGzip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write("a,b\n1,x\n2,y\n".getBytes(UTF_8));
        }
        FileSchema s = read(csv, "t.csv.gz", out.toByteArray(), FileReadOptions.DEFAULT.withFullScan(true));
        assertThat(types(s)).isEqualTo("a:int64, b:string");
        assertThat(s.rowCount()).isEqualTo(2);
        assertThat(s.properties()).containsEntry("compression", "gzip");
    }

    @Test
    void duplicateHeaderNamesAreAnErrorUnlessRenamingIsAsked() throws IOException {
        byte[] bytes = "x,y,x,x2,x\n1,2,3,4,5\n".getBytes(UTF_8);
        assertThatThrownBy(() -> read(csv, "d.csv", bytes, FileReadOptions.DEFAULT))
                .isInstanceOf(LumosException.class)
                .hasMessageStartingWith("line 1: the header repeats column names: 'x'")
                .hasMessageContaining("duplicate_header: rename");
        FileReadOptions rename = new FileReadOptions(1000, 16 << 20, false, Map.of("duplicate_header", "rename"));
        FileSchema s = read(csv, "d.csv", bytes, rename);
        assertThat(s.fields()).extracting(Field::name).containsExactly("x", "y", "x3", "x2", "x4");
    }

    @Test
    void mergeUnitesColumnsAndWidensTypes() throws IOException {
        FileSchema a = read("id,amount\n1,2\n");
        FileSchema b = read("id,amount,extra\n2,2.50,z\n");
        FileSchema merged = csv.merge(List.of(a, b));
        assertThat(types(merged)).isEqualTo("id:int64, amount:decimal(21,2), extra:string?");
        assertThat(merged.rowCount()).isEqualTo(2);
        FileSchema c = read("id\nabc\n");
        assertThat(types(csv.merge(List.of(a, c)))).startsWith("id:string");
    }
}
