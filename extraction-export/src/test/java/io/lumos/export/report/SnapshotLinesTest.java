package io.lumos.export.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.Severity;
import io.lumos.json.ModelJson;
import io.lumos.json.SnapshotLineRecorder;
import io.lumos.spi.report.ReportOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings point at {@code line:column} of their field's {@code "path"} key, else of their dataset's
 * {@code "id"} key, in the current snapshot: recorded by the one streaming reader, whether while the
 * CLI read the snapshot or when a writer reads the file itself, whatever the line ends.
 */
class SnapshotLinesTest {
    private static final DatasetId A = DatasetId.of("csv", "a");
    private static final DatasetId B = DatasetId.of("csv", "b");

    private static Finding finding(DatasetId d, String path) {
        return new Finding("FIELD_REMOVED", Severity.BREAKING, false, true, d, path, null, null, "m", null, null, null);
    }

    @Test
    void pointsAtIdAndPathKeysAcrossLineEndingsAndEscapes(@TempDir Path dir) throws Exception {
        String text = "{\r\n" // 1
                + "  \"datasets\" : [ {\n" // 2
                + "    \"id\" : \"" + B.urn() + "\",\r" // 3
                + "    \"fields\" : [ { \"name\" : \"x\", \"path\" : \"x\" } ]\n" // 4
                + "  }, {\n" // 5
                + "\t\"id\":\"" + A.urn() + "\",\n" // 6
                + "      \"fields\" : [ {\"name\" : \"path\",\n" // 7
                + "      \"path\" : \"q\\\"uo\\u00e9\"}, {\"name\":\"e\",\r\n" // 8
                + "      \"path\" : \"e\"}, {\"name\":\"x\",\n" // 9
                + "   \"path\" : \"x\"} ] } ] }"; // 10, no final line end
        Path file = dir.resolve("s.json");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        List<Finding> findings = List.of(
                finding(A, "q\"uoé"),
                finding(A, "e"),
                finding(A, "x"),
                finding(A, "missing"),
                finding(B, "x"),
                finding(B, ""));

        SnapshotLines lines = SnapshotLines.index(file);

        assertThat(position(lines, findings.get(0))).isEqualTo("8:7");
        assertThat(position(lines, findings.get(1))).isEqualTo("9:7");
        assertThat(position(lines, findings.get(2))).isEqualTo("10:4");
        assertThat(position(lines, findings.get(3))).isEqualTo("6:2"); // falls back to the dataset's id
        assertThat(position(lines, findings.get(4))).isEqualTo("4:34");
        assertThat(position(lines, findings.get(5))).isEqualTo("3:5");
        // the writers' options without recorded lines read the file the same way
        assertThat(position(SnapshotLines.of(new ReportOptions(file, null, Map.of(), 10)), findings.get(0)))
                .isEqualTo("8:7");
    }

    @Test
    void aFileThatIsNoSnapshotGivesNoLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"datasets\": [ {\"id\": \"" + A.urn() + "\", ");
        assertThat(position(SnapshotLines.index(file), finding(A, ""))).isEqualTo("0:0");
        assertThat(position(SnapshotLines.index(dir.resolve("absent.json")), finding(A, "")))
                .isEqualTo("0:0");
        assertThat(position(SnapshotLines.of(ReportOptions.none()), finding(A, "")))
                .isEqualTo("0:0");
    }

    @Test
    void linesRecordedWhileReadingPointAtTheKeysInEveryLineEnding(@TempDir Path dir) throws Exception {
        List<Dataset> datasets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            datasets.add(Dataset.builder(DatasetId.of("postgres", "shop.public.t" + i))
                    // long enough that lines cross the parser's read buffers
                    .description("table " + i + " " + "é".repeat(i * 700))
                    .fields(List.of(
                            Field.of("id", DataTypes.parse("int64"), false),
                            Field.of("q\"uo\u00e9", DataTypes.parse("string"), true),
                            Field.of("address", DataTypes.parse("struct<street:string,geo:struct<lat:float64>>"), true),
                            Field.of("items", DataTypes.parse("array<struct<sku:string>>"), true)))
                    .build());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelJson.writeSnapshot(bytes, CatalogSnapshot.of(Instant.EPOCH, datasets, List.of()));
        String text = bytes.toString(StandardCharsets.UTF_8);
        for (String variant : List.of(text, text.replace("\n", "\r\n"), text.replace("\n", "\r"))) {
            Path file = dir.resolve("snap" + variant.hashCode() + ".json");
            Files.write(file, variant.getBytes(StandardCharsets.UTF_8));
            List<String> fileLines = List.of(variant.split("\r\n|\r|\n", -1));
            SnapshotLineRecorder recorder = new SnapshotLineRecorder();
            try (InputStream in = Files.newInputStream(file)) {
                ModelJson.readSnapshot(in, file.toString(), recorder);
            }
            SnapshotLines recorded = SnapshotLines.of(new ReportOptions(file, null, Map.of(), 10, recorder));
            SnapshotLines read = SnapshotLines.index(file);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (Dataset d : datasets) {
                List<Finding> findings = new ArrayList<>(List.of(finding(d.id(), ""), finding(d.id(), "missing")));
                for (Field f : d.allFields()) {
                    findings.add(finding(d.id(), f.path()));
                }
                for (Finding f : findings) {
                    String at = position(recorded, f);
                    assertThat(position(read, f))
                            .as(f.dataset() + " " + f.path())
                            .isEqualTo(at);
                    String line = fileLines.get(recorded.line(f) - 1);
                    String key = line.substring(recorded.column(f) - 1);
                    boolean ofDataset = f.path().isEmpty() || f.path().equals("missing");
                    assertThat(key)
                            .as(at)
                            .startsWith(
                                    ofDataset
                                            ? "\"id\" : \"" + d.id().urn() + "\""
                                            : "\"path\" : \"" + f.path().replace("\"", "\\\"") + "\"");
                    seen.add(recorded.line(f));
                }
            }
            assertThat(seen.size()).isGreaterThan(datasets.size() * 5);
        }
    }

    private static String position(SnapshotLines lines, Finding f) {
        return lines.line(f) + ":" + lines.column(f);
    }
}
