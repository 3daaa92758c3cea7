package io.lumos.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.cli.CliTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `extract` chained after ingesting the quickstart sample, as the README shows it. */
class ExtractQuickstartTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void comprehensiveWorkbookAndLineagePageOfTheQuickstart() throws Exception {
        Path samples = copySamples(dir);
        Result r = run(
                dir,
                "ingest",
                "-c",
                samples.resolve("quickstart.yaml").toString(),
                "+",
                "extract",
                "-t",
                "comprehensive",
                "-o",
                "out/quickstart.xlsx",
                "+",
                "extract",
                "-t",
                "lineage",
                "-f",
                "html",
                "-o",
                "out/lineage.html",
                "+",
                "extract",
                "-t",
                "impact",
                "-f",
                "mermaid",
                "-o",
                "out/impact.md");
        assertThat(r.code()).as(r.toString()).isEqualTo(0);
        assertThat(r.err()).contains("wrote comprehensive as xlsx to ");
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(dir.resolve("out/quickstart.xlsx")))) {
            Sheet summary = wb.getSheet("Summary");
            Row datasets = summary.getRow(1);
            assertThat(datasets.getCell(1).getStringCellValue()).isEqualTo("Datasets");
            assertThat(datasets.getCell(2).getNumericCellValue()).isEqualTo(8.0);
            Sheet cost = wb.getSheet("Cost");
            double total = 0;
            for (Row row : cost) {
                if (row.getRowNum() > 0) {
                    total += row.getCell(5).getNumericCellValue();
                }
            }
            assertThat(total).isEqualTo(120.0);
            Sheet lineage = wb.getSheet("Lineage");
            assertThat(lineage.getLastRowNum()).isEqualTo(6);
        }
        String page = Files.readString(dir.resolve("out/lineage.html"));
        assertThat(page).contains("\"n\":\"csv:orders\"", "\"n\":\"json:revenue_report\"");
        assertThat(Files.readString(dir.resolve("out/impact.md"))).contains("csv:orders (3 downstream)");
    }
}
