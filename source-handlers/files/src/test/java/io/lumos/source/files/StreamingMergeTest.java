package io.lumos.source.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table's files are merged one by one as they are read, in file order, never all at once. */
class StreamingMergeTest {
    @TempDir
    Path dir;

    /** Each file holds a field name; the schema is that field, one row, and the file's size. */
    static final class OneFieldReader implements FileFormatReader {
        final List<String> added = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String name() {
            return "onefield";
        }

        @Override
        public List<String> extensions() {
            return List.of(".onefield");
        }

        @Override
        public FileSchema read(SeekableInput input, FileReadOptions options) throws IOException {
            ByteBuffer buf = input.readTail((int) input.length());
            byte[] bytes = new byte[buf.remaining()];
            buf.get(bytes);
            String field = new String(bytes, UTF_8).strip();
            return new FileSchema(
                    List.of(Field.of(field, DataTypes.parse("int32"), false)),
                    1L,
                    true,
                    Map.of("size", String.valueOf(bytes.length)),
                    null);
        }

        @Override
        public FileSchema merge(List<FileSchema> schemas) {
            throw new AssertionError("the " + schemas.size() + " schemas of a table were kept to merge at once");
        }

        @Override
        public SchemaMerger merger() {
            SchemaMerger union = SchemaUnion.merger();
            return new SchemaMerger() {
                @Override
                public void add(FileSchema schema) {
                    added.add(schema.fields().get(0).name());
                    union.add(schema);
                }

                @Override
                public FileSchema result() {
                    return union.result();
                }
            };
        }
    }

    @Test
    void aTablesFilesAreMergedInFileOrderAsTheyArrive() throws IOException {
        int files = 300;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            String field = String.format("f%03d", i);
            expected.add(field);
            // the longer files at the front make the threads finish out of order
            Path p = dir.resolve("data/t/part-" + String.format("%03d", i) + ".onefield");
            Files.createDirectories(p.getParent());
            Files.writeString(p, field + " ".repeat(i % 7 == 0 ? 50_000 : 1), UTF_8);
        }
        OneFieldReader reader = new OneFieldReader();
        PluginContext context = new PluginContext(
                dir, dir.resolve(".lumos"), "PROD", Clock.systemUTC(), Map.of(), List.of(reader), Reporter.SILENT);
        TestSupport.Sink sink = new TestSupport.Sink();
        try (var handler = new FileSourceFactory()
                .create(Settings.of("sources[0]", Map.of("type", "file", "path", "data")), context)) {
            handler.scan(sink);
        }

        assertThat(sink.problems).isEmpty();
        Dataset t = sink.byName("t");
        assertThat(reader.added).containsExactlyElementsOf(expected);
        assertThat(t.fields()).extracting(Field::name).containsExactlyElementsOf(expected);
        assertThat(t.fields()).allMatch(Field::nullable); // each field is in one file of 300
        assertThat(t.statistics().rowCount()).isEqualTo(files);
        assertThat(t.properties()).containsEntry("number_of_files", String.valueOf(files));
    }
}
