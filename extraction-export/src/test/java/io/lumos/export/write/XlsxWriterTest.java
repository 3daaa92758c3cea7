package io.lumos.export.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.export.table.Column;
import io.lumos.export.table.Table;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxWriterTest {
    @TempDir
    Path dir;

    @Test
    void aPartLongerThanASheetContinuesOnTheNextWithItsHeader() throws Exception {
        Table t = new Table(
                "Rows: [all]", "rows", List.of(Column.integer("n", "N"), Column.text("text", "Text")), sink -> {
                    for (long i = 0; i < 12; i++) {
                        sink.row(i - 3, "-" + i);
                    }
                });
        Path out = dir.resolve("rows.xlsx");
        assertThat(new XlsxWriter(6).write(List.of(t), out)).isEqualTo(12);
        try (InputStream in = Files.newInputStream(out);
                XSSFWorkbook wb = new XSSFWorkbook(in)) {
            // Excel forbids ':' '[' ']' in sheet names.
            assertThat(wb.getNumberOfSheets()).isEqualTo(3);
            assertThat(wb.getSheetName(0)).isEqualTo("Rows_ _all_");
            assertThat(wb.getSheetName(1)).isEqualTo("Rows_ _all_ (2)");
            var second = wb.getSheetAt(1);
            assertThat(second.getRow(0).getCell(0).getStringCellValue()).isEqualTo("N");
            assertThat(second.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(2.0);
            assertThat(wb.getSheetAt(0).getRow(1).getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(wb.getSheetAt(0).getRow(1).getCell(0).getNumericCellValue())
                    .isEqualTo(-3.0);
            assertThat(wb.getSheetAt(0).getRow(1).getCell(1).getStringCellValue())
                    .isEqualTo("'-0");
            assertThat(wb.getSheetAt(2).getLastRowNum()).isEqualTo(2);
        }
    }
}
