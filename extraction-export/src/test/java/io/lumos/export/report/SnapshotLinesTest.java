package io.lumos.export.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.DatasetId;
import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
