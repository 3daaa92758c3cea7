package io.lumos.source.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DataTypes;
import io.lumos.domain.Field;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Reporter;
import io.lumos.spi.Settings;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.SchemaMerger;
import io.lumos.spi.file.SchemaUnion;
import io.lumos.spi.file.SeekableInput;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk keeps nothing per file: a lake of 60,000 files (60 tables of 1,000, in partition folders
 * of 100) scans in a 16 MB heap, in a JVM of its own. Keeping each file's path, size and time until
 * the reads (about 0.6 KB a file, 36 MB here) runs out of that heap.
 */
class ScanMemoryTest {
    static final int TABLES = 60;
    static final int PARTITIONS = 10;
    static final int FILES_PER_PARTITION = 100;

    @TempDir
    Path dir;

    /** Reads nothing: every file is one int column and one row. */
    static final class ConstantReader implements FileFormatReader {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public List<String> extensions() {
            return List.of(".constant");
        }

        @Override
        public FileSchema read(SeekableInput input, FileReadOptions options) {
            return new FileSchema(List.of(Field.of("id", DataTypes.parse("int32"), false)), 1L, true, Map.of(), null);
        }

        @Override
        public FileSchema merge(List<FileSchema> schemas) {
            throw new AssertionError("the " + schemas.size() + " schemas of a table were kept to merge at once");
        }

        @Override
        public SchemaMerger merger() {
            return SchemaUnion.merger();
        }
    }

    /** Scans the folder given as the argument and prints the datasets, their files and rows. */
    public static void main(String[] args) {
        Path lake = Path.of(args[0]);
        PluginContext context = new PluginContext(
                lake,
                lake.resolve(".lumos"),
                "PROD",
                Clock.systemUTC(),
                Map.of(),
                List.of(new ConstantReader()),
                Reporter.SILENT);
        TestSupport.Sink sink = new TestSupport.Sink();
        try (var handler = new FileSourceFactory()
                .create(Settings.of("sources[0]", Map.of("type", "file", "path", lake.toString())), context)) {
            handler.scan(sink);
        }
        long rows = 0;
        long files = 0;
        for (var d : sink.datasets) {
            rows += d.statistics().rowCount();
            files += Long.parseLong(d.properties().get("number_of_files"));
        }
        System.out.println(sink.datasets.size() + " datasets, " + files + " files, " + rows + " rows, "
                + sink.problems.size() + " problems");
    }

    @Test
    void aLakeOfSixtyThousandFilesScansInASixteenMegabyteHeap() throws Exception {
        for (int t = 0; t < TABLES; t++) {
            for (int p = 0; p < PARTITIONS; p++) {
                Path part = Files.createDirectories(dir.resolve("table_%02d/day=2026-01-%02d".formatted(t, p + 1)));
                for (int f = 0; f < FILES_PER_PARTITION; f++) {
                    Files.createFile(part.resolve("part-%05d-c000-0123456789abcdef.constant".formatted(f)));
                }
            }
        }
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx16m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        classPath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator),
                        ScanMemoryTest.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(out, UTF_8);
        assertThat(process.exitValue()).as(printed).isZero();
        int files = TABLES * PARTITIONS * FILES_PER_PARTITION;
        assertThat(printed).contains(TABLES + " datasets, " + files + " files, " + files + " rows, 0 problems");
    }
}
