package io.lumos.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.spi.ExportRequest;
import io.lumos.spi.PluginContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract -t usage} and {@code -t assertions} in each format: the same rows in xlsx, csv and
 * json, and every count a whole number (no {@code 40.0}).
 */
class UsageAssertionsExtractTest {
    @TempDir
    Path dir;

    private String export(String type, String format, Path out) {
        return new SnapshotExporter(Map.of(), PluginContext.basic(dir, List.of()))
                .export(new ExportRequest(
                        type, format, out, Fixtures.shop(), null, Map.of(), Fixtures.usage(), Fixtures.assertions()));
    }

    private static XSSFWorkbook open(Path p) throws Exception {
        try (InputStream in = Files.newInputStream(p)) {
            return new XSSFWorkbook(in);
        }
    }

    private static List<String> sheetNames(XSSFWorkbook wb) {
        List<String> names = new ArrayList<>();
        wb.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    /** Every numeric cell shows as Excel shows it; counts must have no decimals. */
    private static void countsAreWholeNumbers(Sheet s, List<String> countHeaders) {
        Row header = s.getRow(0);
        DataFormatter fmt = new DataFormatter();
        int checked = 0;
        for (int c = 0; c < header.getLastCellNum(); c++) {
            if (!countHeaders.contains(header.getCell(c).getStringCellValue())) {
                continue;
            }
            for (int r = 1; r <= s.getLastRowNum(); r++) {
                Cell cell = s.getRow(r).getCell(c);
                if (cell == null || cell.getCellType() != CellType.NUMERIC) {
                    continue;
                }
                String shown = fmt.formatCellValue(cell);
                assertThat(shown)
                        .as("%s %s row %d", s.getSheetName(), countHeaders, r)
                        .doesNotContain(".");
                assertThat(cell.getNumericCellValue() % 1).isZero();
                checked++;
            }
        }
        assertThat(checked).as("count cells in %s", s.getSheetName()).isPositive();
    }

    @Test
    void usageInXlsxCsvAndJson() throws Exception {
        export("usage", "xlsx", dir.resolve("usage.xlsx"));
        try (XSSFWorkbook wb = open(dir.resolve("usage.xlsx"))) {
            assertThat(sheetNames(wb)).contains("Usage", "Unused datasets", "Usage history");
            Sheet usage = wb.getSheet("Usage");
            assertThat(usage.getRow(1).getCell(1).getStringCellValue()).isEqualTo("postgres:shop.public.orders");
            countsAreWholeNumbers(usage, List.of("Rank", "Reads", "Writes", "Reads + writes"));
            countsAreWholeNumbers(wb.getSheet("Usage history"), List.of("Reads", "Writes", "Sequential scans"));
            if (wb.getSheet("Summary") != null) {
                countsAreWholeNumbers(wb.getSheet("Summary"), List.of("Count", "Datasets", "Value"));
            }
        }

        export("usage", "csv", dir.resolve("usage-csv"));
        List<String> csv = Files.readAllLines(dir.resolve("usage-csv/usage.csv"));
        assertThat(csv.get(0)).startsWith("Rank,Dataset,Reads,Writes,Reads + writes");
        assertThat(csv.get(1)).startsWith("1,postgres:shop.public.orders,");
        assertThat(String.join("\n", csv)).doesNotContainPattern(",\\d+\\.0,");
        assertThat(dir.resolve("usage-csv/usage_history.csv")).exists();
        assertThat(dir.resolve("usage-csv/unused.csv")).exists();

        export("usage", "json", dir.resolve("usage.json"));
        JsonNode parts =
                new ObjectMapper().readTree(dir.resolve("usage.json").toFile()).get("parts");
        JsonNode first = parts.get("usage").get(0);
        assertThat(first.get("dataset").asText()).isEqualTo("postgres:shop.public.orders");
        assertThat(first.get("reads").isIntegralNumber()).isTrue();
        assertThat(first.get("rank").isIntegralNumber()).isTrue();
        assertThat(parts.get("usage_history")).hasSize(Fixtures.usage().size());
        assertThat(parts.get("unused").toString()).contains("mongodb:app.events");
    }

    @Test
    void assertionsInXlsxCsvAndJson() throws Exception {
        export("assertions", "xlsx", dir.resolve("assertions.xlsx"));
        try (XSSFWorkbook wb = open(dir.resolve("assertions.xlsx"))) {
            assertThat(sheetNames(wb)).contains("Assertions", "Assertion history");
            Sheet latest = wb.getSheet("Assertions");
            // failing first
            assertThat(latest.getRow(1).getCell(0).getStringCellValue()).isEqualTo("FAIL");
            assertThat(wb.getSheet("Assertion history").getLastRowNum())
                    .isEqualTo(Fixtures.assertions().size());
            if (wb.getSheet("Summary") != null) {
                countsAreWholeNumbers(wb.getSheet("Summary"), List.of("Count", "Datasets", "Value"));
            }
        }

        export("assertions", "csv", dir.resolve("a-csv"));
        List<String> csv = Files.readAllLines(dir.resolve("a-csv/assertions.csv"));
        assertThat(csv.get(0)).startsWith("Status,Severity,Dataset,Check");
        assertThat(csv.get(1)).startsWith("FAIL,");
        assertThat(String.join("\n", csv)).contains("1234567").doesNotContain("1234567.0");
        assertThat(dir.resolve("a-csv/assertion_history.csv")).exists();

        export("assertions", "json", dir.resolve("assertions.json"));
        JsonNode parts = new ObjectMapper()
                .readTree(dir.resolve("assertions.json").toFile())
                .get("parts");
        assertThat(parts.get("assertions").get(0).get("status").asText()).isEqualTo("FAIL");
        assertThat(parts.get("assertion_history")).hasSize(Fixtures.assertions().size());
    }
}
