package io.lumos.source.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.ScanProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceHandlerTest {
    @TempDir
    Path dir;

    private Path write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, UTF_8);
        return p;
    }

    private void lake() throws IOException {
        write("data/orders.csv", "id,amount\n1,9.99\n2,5.00\n");
        write("data/customers.tsv", "id\tname\n1\tann\n");
        write("data/clicks.json", "[{\"page\": \"/\"}]");
        write("data/events/dt=2024-01-01/part-0.jsonl", "{\"id\": 1, \"kind\": \"a\"}\n{\"id\": 2, \"kind\": \"b\"}\n");
        write("data/events/dt=2024-01-02/part-0.jsonl", "{\"id\": 3, \"extra\": true}\n");
        write("data/.hidden.csv", "a\n1\n");
        write("data/_tmp/x.csv", "a\n1\n");
        write("data/README.md", "not data");
        write("data/raw/a.csv", "a\n1\n");
        write("data/raw/b.json", "{\"b\": 1}");
    }

    @Test
    void aFolderGivesFilesTableFoldersAndPartitions() throws IOException {
        lake();
        TestSupport.Sink sink = TestSupport.scan(dir, Map.of("type", "file", "path", "data"));
        assertThat(sink.problems).isEmpty();
        assertThat(sink.names()).containsExactly("clicks", "customers", "events", "orders", "raw.a", "raw.b");

        Dataset orders = sink.byName("orders");
        assertThat(orders.id().urn()).isEqualTo("urn:li:dataset:(urn:li:dataPlatform:file,orders,PROD)");
        assertThat(orders.subtype()).isEqualTo("file");
        assertThat(orders.location()).isEqualTo("data/orders.csv");
        assertThat(orders.statistics().rowCount()).isEqualTo(2);
        assertThat(orders.statistics().sizeBytes()).isEqualTo(Files.size(dir.resolve("data/orders.csv")));
        assertThat(orders.field("amount").orElseThrow().type().print()).isEqualTo("decimal(18,2)");

        Dataset events = sink.byName("events");
        assertThat(events.subtype()).isEqualTo("table");
        assertThat(events.location()).isEqualTo("data/events");
        assertThat(events.fields()).extracting(Field::name).containsExactly("id", "kind", "extra", "dt");
        Field dt = events.field("dt").orElseThrow();
        assertThat(dt.partitionKey()).isTrue();
        assertThat(dt.type().print()).isEqualTo("string");
        assertThat(dt.nullable()).isFalse();
        assertThat(events.field("kind").orElseThrow().nullable()).isTrue();
        assertThat(events.properties()).containsEntry("number_of_files", "2");
        assertThat(events.statistics().rowCount()).isEqualTo(3);
    }

    @Test
    void filesWithoutAnExtensionAreReadByTheirContentAndHadoopSideFilesAreSkipped() throws IOException {
        write("warehouse/orders/000000_0", "id,amount\n1,9.99\n2,5.00\n");
        write("warehouse/orders/000001_0", "id,amount\n3,1.50\n");
        write("warehouse/orders/_SUCCESS", "");
        write("warehouse/orders/.000000_0.crc", "crc");
        write("warehouse/orders/000000_0.crc", "crc");
        write("warehouse/events/part-00000", "{\"id\": 1}\n{\"id\": 2}\n");
        write("warehouse/blobs/part-00000", "\u0001\u0000binary");
        write("warehouse/blobs/part-00001", "\u0001\u0000binary");
        TestSupport.Warnings warnings = new TestSupport.Warnings();
        TestSupport.Sink sink =
                TestSupport.scan(TestSupport.context(dir, warnings), Map.of("type", "file", "path", "warehouse"));
        assertThat(sink.problems).isEmpty();
        assertThat(sink.names()).containsExactly("events", "orders");
        assertThat(sink.byName("orders").statistics().rowCount()).isEqualTo(3);
        assertThat(sink.byName("orders").properties()).containsEntry("number_of_files", "2");
        assertThat(sink.byName("events").field("id").orElseThrow().type().print())
                .isEqualTo("int64");
        assertThat(warnings.lines)
                .singleElement()
                .asString()
                .contains("skipped 2 file(s) without an extension")
                .contains("warehouse/blobs/part-00000");
    }

    @Test
    void aDefaultExtensionNamesTheFormatOfFilesWithoutOne() throws IOException {
        write("lake/t/000000_0", "a|b\n1|2\n");
        TestSupport.Sink sink = TestSupport.scan(
                dir, Map.of("type", "file", "path", "lake", "default_extension", "tsv", "delimiter", "|"));
        assertThat(sink.problems).isEmpty();
        assertThat(sink.byName("t").fields()).extracting(Field::name).containsExactly("a", "b");

        assertThatThrownBy(
                        () -> TestSupport.scan(dir, Map.of("type", "file", "path", "lake", "default_extension", "orc")))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("no installed reader reads .orc files");
    }

    @Test
    void aNamedFileWithoutAnExtensionThatNothingReadsIsOneProblem() throws IOException {
        write("blob", "\u0000\u0001");
        TestSupport.Sink sink = TestSupport.scan(dir, Map.of("type", "file", "path", "blob"));
        assertThat(sink.problems).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("has no extension").contains("default_extension");
            assertThat(p.code()).isEqualTo(ErrorCode.BAD_INPUT);
        });
    }

    @Test
    void aGlobNamesDatasetsFromItsBaseAndTheTypeIsThePlatform() throws IOException {
        lake();
        TestSupport.Sink sink = TestSupport.scan(dir, Map.of("type", "csv", "path", "data/*.csv"));
        assertThat(sink.names()).containsExactly("orders");
        assertThat(sink.byName("orders").id().urn()).isEqualTo("urn:li:dataset:(urn:li:dataPlatform:csv,orders,PROD)");

        TestSupport.Sink deep = TestSupport.scan(
                dir, Map.of("type", "files", "path", "data/**/*.csv", "name_prefix", "lake.", "platform", "local"));
        assertThat(deep.names()).containsExactly("lake.orders", "lake.raw.a");
        assertThat(deep.datasets.get(0).platform()).isEqualTo("local");
    }

    @Test
    void aTableSpecMakesTheTableFolderTheDataset() throws IOException {
        write("lake/sales/orders/2024/a.csv", "id\n1\n");
        write("lake/sales/orders/2025/b.csv", "id,x\n2,y\n");
        write("lake/sales/refunds/c.csv", "id\n3\n");
        TestSupport.Sink sink = TestSupport.scan(dir, Map.of("path", "lake/*/{table}/**/*.csv"));
        assertThat(sink.problems).isEmpty();
        assertThat(sink.names()).containsExactly("sales.orders", "sales.refunds");
        Dataset orders = sink.byName("sales.orders");
        assertThat(orders.subtype()).isEqualTo("table");
        assertThat(orders.fields()).extracting(Field::name).containsExactly("id", "x");
        assertThat(orders.statistics().rowCount()).isEqualTo(2);
    }

    @Test
    void aFolderOfPartFilesIsOneTableWhenAsked() throws IOException {
        write("data/orders/part-0.csv", "id\n1\n");
        write("data/orders/part-1.csv", "id\n2\n3\n");
        assertThat(TestSupport.scan(dir, Map.of("path", "data/orders")).names()).containsExactly("part-0", "part-1");
        TestSupport.Sink sink = TestSupport.scan(dir, Map.of("type", "csv", "path", "data/orders", "as_table", true));
        assertThat(sink.names()).containsExactly("orders");
        assertThat(sink.byName("orders").statistics().rowCount()).isEqualTo(3);
        assertThat(sink.byName("orders").location()).isEqualTo("data/orders");
    }

    @Test
    void clashingNamesGetTheirFormatAndOverlappingPathsScanOnce() throws IOException {
        write("d/orders.csv", "id\n1\n");
        write("d/orders.json", "{\"id\": 1}");
        TestSupport.Warnings warnings = new TestSupport.Warnings();
        TestSupport.Sink sink =
                TestSupport.scan(TestSupport.context(dir, warnings), Map.of("paths", List.of("d", "d/*.csv")));
        assertThat(sink.names()).containsExactly("orders_csv", "orders_json");
        assertThat(warnings.lines).singleElement().asString().contains("several datasets would be named 'orders'");
    }

    @Test
    void excludeAndHiddenFilesAreSkipped() throws IOException {
        lake();
        TestSupport.Sink sink = TestSupport.scan(dir, Map.of("path", "data", "exclude", List.of("raw/**", "*.tsv")));
        assertThat(sink.names()).containsExactly("clicks", "events", "orders");
        TestSupport.Sink hidden = TestSupport.scan(dir, Map.of("path", "data/*.csv", "include_hidden", true));
        assertThat(hidden.names()).contains(".hidden");
    }

    @Test
    void filesWithoutAReaderAreOneProblemLine() throws IOException {
        write("data/t/part-0.parquet", "PAR1");
        write("data/t/part-1.parquet", "PAR1");
        write("data/ok.csv", "a\n1\n");
        write("data/notes.txt", "not data: skipped without a word");
        TestSupport.Sink sink = TestSupport.scan(dir, Map.of("path", "data"));
        assertThat(sink.names()).containsExactly("ok");
        assertThat(sink.problems).hasSize(1);
        assertThat(sink.problems.get(0).toString())
                .isEqualTo("sources[0]: data/t/part-0.parquet: no reader for .parquet files (2 files); "
                        + "is the parquet plugin installed? see `lumos plugins`");

        write("data/old.json.bz2", "BZh");
        TestSupport.Sink bz = TestSupport.scan(dir, Map.of("path", "data/*.bz2"));
        assertThat(bz.problems)
                .singleElement()
                .asString()
                .contains("no reader for .json.bz2 files; no installed reader handles bz2 compression");
    }

    @Test
    void manyTextFilesInferFromTheNewestTen() throws IOException {
        for (int i = 0; i < 12; i++) {
            Path p = write("t/part-%02d.csv".formatted(i), i == 11 ? "id,newest\n1,x\n" : "id\n1\n");
            Files.setLastModifiedTime(
                    p, FileTime.from(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i)));
        }
        TestSupport.Sink sink = TestSupport.scan(dir, Map.of("path", "."));
        Dataset t = sink.byName("t");
        assertThat(t.properties())
                .containsEntry("number_of_files", "12")
                .containsEntry("schema_files_read", "10")
                .containsEntry("schema_inferred_from", "t/part-11.csv");
        assertThat(t.fields()).extracting(Field::name).containsExactly("id", "newest");
        assertThat(t.statistics().rowCount()).isNull();
        assertThat(t.statistics().lastModified()).isEqualTo(Instant.parse("2024-01-01T00:00:11Z"));

        TestSupport.Sink all = TestSupport.scan(dir, Map.of("path", ".", "max_files_per_dataset", 100));
        assertThat(all.byName("t").statistics().rowCount()).isEqualTo(12);
    }

    @Test
    void scansManyFilesInParallelAndEmitsEachDatasetOnce() throws IOException {
        for (int t = 0; t < 20; t++) {
            for (int f = 0; f < 5; f++) {
                write("lake/t%02d/part-%d.csv".formatted(t, f), "id,v\n" + f + ",x\n");
            }
            write("lake/single-%02d.jsonl".formatted(t), "{\"a\": " + t + "}\n");
        }
        TestSupport.Sink sink =
                TestSupport.scan(dir, Map.of("path", "lake", "max_files_per_dataset", 10, "full_scan", true));
        assertThat(sink.problems).isEmpty();
        assertThat(sink.datasets).hasSize(40);
        assertThat(sink.names()).doesNotHaveDuplicates();
        assertThat(sink.byName("t07").statistics().rowCount()).isEqualTo(5);
    }

    @Test
    void settingsAreCheckedAndTargetsRecognised() throws IOException {
        assertThatThrownBy(() -> TestSupport.scan(dir, Map.of("pth", "x")))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("did you mean 'path'")
                .extracting(e -> ((LumosException) e).code())
                .isEqualTo(ErrorCode.CONFIG_INVALID);
        TestSupport.Sink missing = TestSupport.scan(dir, Map.of("path", "nope.csv"));
        assertThat(missing.problems).extracting(ScanProblem::location).containsExactly("nope.csv");

        FileSourceFactory f = new FileSourceFactory();
        Path csv = write("x.csv", "a\n1\n");
        assertThat(f.settingsForTarget(csv.toString())).contains(Map.of("path", csv.toString(), "type", "csv"));
        assertThat(f.settingsForTarget("file://" + csv)).isPresent();
        assertThat(f.settingsForTarget("data/**/*.parquet")).isPresent();
        assertThat(f.settingsForTarget("s3://bucket/key.csv")).isEmpty();
        assertThat(f.settingsForTarget("postgresql://host/db")).isEmpty();
        assertThat(f.settingsForTarget(dir.resolve("absent.csv").toString())).isEmpty();
        assertThat(f.aliases()).contains("csv", "tsv", "json", "jsonl", "parquet", "avro", "files");
    }
}
