package io.lumos.source.files;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The byte counter must agree with FastCSV on records and nulls, quotes and line ends included. */
class ByteScannerTest {
    private static final String[] CELLS = {
        "",
        "1",
        "abc",
        "NULL",
        "null",
        " NA ",
        "N/A",
        "\"\"",
        "\"a,b\"",
        "\"x\ny\"",
        "\"say \"\"hi\"\"\"",
        "\"NULL\"",
        "x\"y",
        "  "
    };
    private static final String[] ENDS = {"\n", "\r\n", "\r"};

    private static void compare(String text, int width, boolean header, char comment) throws IOException {
        CsvNullTracker tracker = new CsvNullTracker(width, CsvFormatReader.DEFAULT_NULLS, header);
        try (CsvReader<Object> csv = CsvReader.builder()
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowExtraCharsAfterClosingQuote(true)
                .commentStrategy(comment != 0 ? CommentStrategy.SKIP : CommentStrategy.NONE)
                .build(tracker, new StringReader(text))) {
            csv.forEach(r -> {});
        }
        ByteScanner scanner =
                new ByteScanner(',', '"', comment, 0, header, width, CsvFormatReader.DEFAULT_NULLS, 1 << 20);
        scanner.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(scanner.records).as(text).isEqualTo(tracker.records);
        assertThat(scanner.hasNull).as(text).isEqualTo(tracker.hasNull);
    }

    @RepeatedTest(30)
    void agreesWithFastCsvOnRandomFiles() throws IOException {
        Random r = new Random();
        long seed = r.nextLong();
        r.setSeed(seed);
        int width = 1 + r.nextInt(5);
        StringBuilder text = new StringBuilder();
        int rows = r.nextInt(40);
        for (int i = 0; i < rows; i++) {
            int cells = r.nextInt(10) == 0 ? r.nextInt(width + 2) : width;
            for (int c = 0; c < cells; c++) {
                text.append(c == 0 ? "" : ",").append(CELLS[r.nextInt(CELLS.length)]);
            }
            if (r.nextInt(8) == 0) {
                text.append(ENDS[r.nextInt(ENDS.length)]);
            }
            if (i < rows - 1 || r.nextBoolean()) {
                text.append(ENDS[r.nextInt(ENDS.length)]);
            }
        }
        compare(text.toString(), width, r.nextBoolean(), '\0');
    }

    @Test
    void commentsHeadersAndRaggedRows() throws IOException {
        compare("# note\na,b,c\n1,,3\n# more\n4,5\n\n6,7,8,9\n", 3, true, '#');
        compare("a,b\n\"1\",\"NULL\"\r\n2, NA \r\n", 2, true, '\0');
        compare("1,2\n3", 2, false, '\0');
    }
}
