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

/** The byte scanner finds the lines BufferedReader.readLine would number, whatever the line ends. */
class SnapshotLinesTest {
    private static final DatasetId A = DatasetId.of("csv", "a");
    private static final DatasetId B = DatasetId.of("csv", "b");

    private static Finding finding(DatasetId d, String path) {
        return new Finding("FIELD_REMOVED", Severity.BREAKING, false, true, d, path, null, null, "m", null, null, null);
    }

    @Test
    void numbersIdAndPathLinesAcrossLineEndingsAndEscapes(@TempDir Path dir) throws Exception {
        String text = "{\r\n" // 1
                + "  \"datasets\" : [ {\n" // 2
                + "    \"id\" : \"" + B.urn() + "\",\r" // 3
                + "      \"path\" : \"x\"\n" // 4
                + "  }, {\n" // 5
                + "\t\"id\":\"" + A.urn() + "\"\n" // 6
                + "      \"name\" : \"path\"\n" // 7
                + "      \"path\" : \"q\\\"uo\\u00e9\"\r\n" // 8
                + "      \"path\" : \"été\"\n" // 9
                + "      \"path\" : \"x\""; // 10, no final line end
        Path file = dir.resolve("s.json");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        List<Finding> findings = List.of(
                finding(A, "q\"uoé"), finding(A, "été"), finding(A, "x"), finding(A, "missing"), finding(B, "y"));

        SnapshotLines lines = SnapshotLines.index(file, findings);

        assertThat(lines.line(findings.get(0))).isEqualTo(8);
        assertThat(lines.line(findings.get(1))).isEqualTo(9);
        assertThat(lines.line(findings.get(2))).isEqualTo(10);
        assertThat(lines.line(findings.get(3))).isEqualTo(6); // falls back to the dataset's line
        assertThat(lines.line(findings.get(4))).isEqualTo(3);
    }

    @Test
    void numbersLinesAcrossReadBufferEdgesAndOverlongLines(@TempDir Path dir) throws Exception {
        // the scanner reads 1 MiB at a time: put line ends of every kind on and around its edges
        StringBuilder text = new StringBuilder();
        int line = 0;
        int[] expected = new int[3];
        String[] ends = {"\n", "\r", "\r\n"};
        int k = 0;
        while (text.length() < (1 << 20) - 2) {
            text.append("  \"x\" : 1").append(ends[k++ % 3]);
            line++;
        }
        text.append("  \"id\" : \"").append(A.urn()).append("\"\r\n"); // \r\n across or near the edge
        expected[0] = ++line;
        text.append("\"pad\" : \"").append("y".repeat(3 << 20)).append("\"\r"); // longer than the buffer
        line++;
        text.append("      \"path\" : \"a\"\n");
        expected[1] = ++line;
        while (text.length() < (5 << 20) + 1) {
            text.append("\n");
            line++;
        }
        text.append("\r\n      \"path\" : \"b\"");
        line++;
        expected[2] = ++line;
        Path file = dir.resolve("big.json");
        Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        List<Finding> findings = List.of(finding(A, "zzz"), finding(A, "a"), finding(A, "b"));

        SnapshotLines lines = SnapshotLines.index(file, findings);

        assertThat(lines.line(findings.get(0))).isEqualTo(expected[0]);
        assertThat(lines.line(findings.get(1))).isEqualTo(expected[1]);
        assertThat(lines.line(findings.get(2))).isEqualTo(expected[2]);
    }

    @Test
    void agreesWithBufferedReaderOnEveryEdgeOffset(@TempDir Path dir) throws Exception {
        // a \r\n split by the buffer edge at each offset around it
        for (int shift = -3; shift <= 3; shift++) {
            StringBuilder text = new StringBuilder();
            text.append(" ".repeat((1 << 20) - 1 + shift)).append("\r\n");
            text.append("\"id\" : \"").append(B.urn()).append("\"\n\"path\" : \"p\"");
            Path file = dir.resolve("edge" + (shift + 3) + ".json");
            Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
            List<Finding> findings = List.of(finding(B, "p"), finding(B, ""));
            try (java.io.BufferedReader r = Files.newBufferedReader(file)) {
                List<String> all = r.lines().toList();
                assertThat(all.get(2)).startsWith("\"path\"");
            }
            SnapshotLines lines = SnapshotLines.index(file, findings);
            assertThat(lines.line(findings.get(0))).as("shift " + shift).isEqualTo(3);
            assertThat(lines.line(findings.get(1))).as("shift " + shift).isEqualTo(2);
        }
    }

    @Test
    void linesRecordedWhileReadingEqualTheScannedOnes(@TempDir Path dir) throws Exception {
        List<Dataset> datasets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            datasets.add(Dataset.builder(DatasetId.of("postgres", "shop.public.t" + i))
                    .description("table " + i)
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
        // as written, with \r\n, and with lone \r line ends: Jackson and the scanner count alike
        for (String variant : List.of(text, text.replace("\n", "\r\n"), text.replace("\n", "\r"))) {
            Path file = dir.resolve("snap" + variant.hashCode() + ".json");
            Files.write(file, variant.getBytes(StandardCharsets.UTF_8));
            List<Finding> findings = new ArrayList<>();
            for (Dataset d : datasets) {
                findings.add(finding(d.id(), ""));
                findings.add(finding(d.id(), "missing"));
                for (Field f : d.allFields()) {
                    findings.add(finding(d.id(), f.path()));
                }
            }
            SnapshotLineRecorder recorder = new SnapshotLineRecorder();
            try (InputStream in = Files.newInputStream(file)) {
                ModelJson.readSnapshot(in, file.toString(), recorder);
            }
            SnapshotLines scanned = SnapshotLines.index(file, findings);
            SnapshotLines recorded = SnapshotLines.of(new ReportOptions(file, null, Map.of(), 10, recorder), findings);
            int distinct = 0;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (Finding f : findings) {
                assertThat(recorded.line(f)).as(f.dataset() + " " + f.path()).isEqualTo(scanned.line(f));
                assertThat(recorded.line(f)).isPositive();
                if (seen.add(recorded.line(f))) {
                    distinct++;
                }
            }
            assertThat(distinct).isGreaterThan(datasets.size() * 5);
        }
    }
}
