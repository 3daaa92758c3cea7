package io.lumos.source.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.ScanProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad file is one problem line naming the file (and the line where it applies), and
 * the good file next to it is still scanned.
 */
class BadInputTest {
    @TempDir
    Path dir;

    @BeforeEach
    void goodFile() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/good.csv"), "id,name\n1,ann\n", UTF_8);
    }

    private ScanProblem onlyProblem(TestSupport.Sink sink, String file) {
        assertThat(sink.names()).contains("good");
        assertThat(sink.problems).hasSize(1);
        ScanProblem p = sink.problems.get(0);
        assertThat(p.location()).isEqualTo("in/" + file);
        assertThat(p.code()).isEqualTo(ErrorCode.BAD_INPUT);
        assertThat(p.toString()).doesNotContain("\n").startsWith("sources[0]: in/" + file + ": ");
        return p;
    }

    private TestSupport.Sink scan(Map<String, Object> extra) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("path", "in/*"));
        settings.putAll(extra);
        return TestSupport.scan(dir, settings);
    }

    @Test
    void binaryDataInACsv() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        bytes[10] = 0;
        Files.write(dir.resolve("in/image.csv"), bytes);
        assertThat(onlyProblem(scan(Map.of()), "image.csv").message())
                .startsWith("looks binary, not text (a NUL byte at offset");
    }

    @Test
    void invalidUtf8IsAWarningByDefaultAndAnErrorWhenUtf8IsAsked() throws IOException {
        Files.write(dir.resolve("in/latin.csv"), "name,n\nJos\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));
        TestSupport.Warnings warnings = new TestSupport.Warnings();
        TestSupport.Sink sink = TestSupport.scan(TestSupport.context(dir, warnings), Map.of("path", "in/*"));
        assertThat(sink.problems).isEmpty();
        assertThat(sink.byName("latin").properties()).containsEntry("encoding", "windows-1252");
        assertThat(warnings.lines)
                .containsExactly("sources[0]: in/latin.csv: not valid UTF-8 (byte 0xE9 at offset 10, line 2); "
                        + "read as windows-1252, set `encoding:` to choose another");

        assertThat(onlyProblem(scan(Map.of("encoding", "UTF-8")), "latin.csv").message())
                .startsWith("line 2: not valid UTF-8 (byte 0xE9 at offset 10)");
    }

    @Test
    void aTenMegabyteLineIsCutOffNotBuffered() throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("in/long.csv"))) {
            out.write("a,b\n1,".getBytes(UTF_8));
            byte[] chunk = "x".repeat(1 << 20).getBytes(UTF_8);
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
            out.write("\n2,y\n".getBytes(UTF_8));
        }
        assertThat(onlyProblem(scan(Map.of()), "long.csv").message()).contains("longer than 4 MiB (max_record_bytes)");
        assertThat(onlyProblem(scan(Map.of("full_scan", true, "sample_rows", 1, "max_sample_bytes", 4)), "long.csv")
                        .message())
                .contains("longer than 4 MiB (max_record_bytes)");
    }

    /** Past the 16 MiB sample the record's end is never seen: it must fail as a 10 MiB one does. */
    @Test
    void aRecordLongerThanTheSampleFailsTheSameWay() throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("in/long.csv"))) {
            out.write("a,b\n1,2\n3,".getBytes(UTF_8));
            byte[] chunk = "x".repeat(1 << 20).getBytes(UTF_8);
            for (int i = 0; i < 17; i++) {
                out.write(chunk);
            }
            out.write("\n4,y\n".getBytes(UTF_8));
        }
        assertThat(onlyProblem(scan(Map.of()), "long.csv").message())
                .isEqualTo("line 3: a record is longer than 4 MiB (max_record_bytes); check it is really CSV, "
                        + "or raise max_record_bytes");
        // a max_record_bytes above the sample cannot be checked by the sample: the sample says so
        assertThat(onlyProblem(scan(Map.of("max_record_bytes", 32 << 20)), "long.csv")
                        .message())
                .startsWith("line 3: the record does not end within the first 16 MiB (max_sample_bytes)");
    }

    @Test
    void anEmptyFile() throws IOException {
        Files.write(dir.resolve("in/empty.csv"), new byte[0]);
        assertThat(onlyProblem(scan(Map.of()), "empty.csv").message()).startsWith("the file is empty");
    }

    @Test
    void duplicateHeaderNames() throws IOException {
        Files.writeString(dir.resolve("in/dup.csv"), "id,id,name\n1,2,x\n", UTF_8);
        assertThat(onlyProblem(scan(Map.of()), "dup.csv").message())
                .startsWith("line 1: the header repeats column names: 'id' (again in column 2)");
    }

    @Test
    void malformedJsonOnLineSevenOfTenThousand() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 10_000; i++) {
            text.append(i == 7 ? "{\"id\": 7,, \"x\": 1}" : "{\"id\": " + i + "}")
                    .append('\n');
        }
        Files.writeString(dir.resolve("in/events.jsonl"), text, UTF_8);
        assertThat(onlyProblem(scan(Map.of()), "events.jsonl").message())
                .startsWith("line 7, column 10: malformed JSON");
    }
}
