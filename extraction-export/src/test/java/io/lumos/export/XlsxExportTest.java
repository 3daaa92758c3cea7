package io.lumos.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.spi.ExportRequest;
import io.lumos.spi.PluginContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxExportTest {
    @TempDir
    static Path dir;

    static XSSFWorkbook wb;
    static String summary;

    @BeforeAll
    static void export() throws Exception {
        Path out = dir.resolve("all.xlsx");
        summary = new SnapshotExporter(Map.of(), PluginContext.basic(dir, List.of()))
                .export(new ExportRequest(
                        "comprehensive",
                        "xlsx",
                        out,
                        Fixtures.shop(),
                        Fixtures.before(),
                        Map.of(),
                        Fixtures.usage(),
                        Fixtures.assertions()));
        try (InputStream in = Files.newInputStream(out)) {
            wb = new XSSFWorkbook(in);
        }
    }

    @Test
    void hasOneSheetPerPartWithSummaryFirst() {
        List<String> names = new ArrayList<>();
        wb.forEach(s -> names.add(s.getSheetName()));
        assertThat(names)
                .containsExactly(
                        "Summary",
                        "Charts",
                        "Datasets",
                        "Fields",
                        "Lineage",
                        "Column lineage",
                        "Governance",
                        "Owners",
                        "Unowned",
                        "Tags and terms",
                        "Products",
                        "Properties",
                        "Health",
                        "Health by owner",
                        "Health by domain",
                        "Profile",
                        "Field profile",
                        "Impact",
                        "Impact paths",
                        "Versions",
                        "Usage",
                        "Unused datasets",
                        "Assertions",
                        "Cost",
                        "Cost flows",
                        "Cost by owner",
                        "Cost by domain",
                        "Changes");
        assertThat(summary).contains("28 sheets");
    }

    @Test
    void headersAreFrozenFilteredAndReadablyWide() {
        XSSFSheet fields = wb.getSheet("Fields");
        assertThat(cells(fields.getRow(0)))
                .containsExactly(
                        "Dataset",
                        "Path",
                        "Name",
                        "Depth",
                        "Type",
                        "Native type",
                        "Nullable",
                        "Keys",
                        "Description",
                        "Tags",
                        "Default",
                        "Identity");
        assertThat(fields.getPaneInformation().isFreezePane()).isTrue();
        assertThat(fields.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
        assertThat(fields.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:L10");
        // "postgres:shop.public.customers" is 30 characters: the Dataset column is at least that wide.
        assertThat(fields.getColumnWidth(0)).isGreaterThanOrEqualTo(30 * 256);
        assertThat(fields.getColumnWidth(8)).isLessThanOrEqualTo(60 * 256);
    }

    @Test
    void fieldRowsIncludeNestedFieldsWithTypedCells() {
        Sheet fields = wb.getSheet("Fields");
        assertThat(fields.getLastRowNum()).isEqualTo(9);
        Row amount = find(fields, "postgres:shop.public.orders", "amount");
        assertThat(amount.getCell(4).getStringCellValue()).isEqualTo("decimal(10,2)");
        assertThat(amount.getCell(5).getStringCellValue()).isEqualTo("numeric(10,2)");
        assertThat(amount.getCell(6).getCellType()).isEqualTo(CellType.BOOLEAN);
        assertThat(amount.getCell(6).getBooleanCellValue()).isTrue();
        Row zip = find(fields, "postgres:shop.public.orders", "shipping.zip");
        assertThat(zip.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(zip.getCell(3).getNumericCellValue()).isEqualTo(1.0);
        Row id = find(fields, "postgres:shop.public.orders", "id");
        assertThat(id.getCell(7).getStringCellValue()).isEqualTo("primary");
        assertThat(id.getCell(6).getBooleanCellValue()).isFalse();
    }

    @Test
    void hostileTextIsNeutralisedButNumbersStayNumbers() {
        Sheet datasets = wb.getSheet("Datasets");
        Row orders = find(datasets, "postgres:shop.public.orders", null);
        Cell description = orders.getCell(6);
        assertThat(description.getCellType()).isEqualTo(CellType.STRING);
        assertThat(description.getStringCellValue()).isEqualTo("'" + Fixtures.HOSTILE);
        Row daily = find(datasets, "csv:orders_daily", null);
        assertThat(daily.getCell(6).getStringCellValue()).isEqualTo("Tab first and \"quoted\",\nmultiline");
        List<String> props = new ArrayList<>();
        for (Row r : wb.getSheet("Properties")) {
            if (r.getCell(0).getStringCellValue().equals("csv:orders_daily")) {
                props.add(r.getCell(3).getStringCellValue() + "=" + r.getCell(4).getStringCellValue());
            }
        }
        assertThat(props).containsExactly("note='\tTab first", "script='\r=1+1");
        Sheet fields = wb.getSheet("Fields");
        assertThat(find(fields, "postgres:shop.public.orders", "amount")
                        .getCell(8)
                        .getStringCellValue())
                .isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(find(fields, "postgres:shop.public.orders", "shipping")
                        .getCell(8)
                        .getStringCellValue())
                .isEqualTo("'@SUM(1+1)");
        assertThat(find(wb.getSheet("Properties"), "postgres:shop.public.orders", null)
                        .getCell(4)
                        .getStringCellValue())
                .isIn("'-2+3", "1200");
        // A negative cost is a number, not text.
        Row customers = find(wb.getSheet("Cost"), "postgres:shop.public.customers", null);
        assertThat(customers.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(customers.getCell(1).getNumericCellValue()).isEqualTo(-50.0);
        for (Sheet s : wb) {
            for (Row r : s) {
                for (Cell c : r) {
                    assertThat(c.getCellType()).as("no formulas anywhere").isNotEqualTo(CellType.FORMULA);
                    if (c.getCellType() == CellType.STRING
                            && !c.getStringCellValue().isEmpty()) {
                        assertThat("=+-@\t\r")
                                .doesNotContain(c.getStringCellValue().substring(0, 1));
                    }
                }
            }
        }
    }

    @Test
    void statisticsAreNumbersAndDatesAreDates() {
        Row orders = find(wb.getSheet("Datasets"), "postgres:shop.public.orders", null);
        Cell rows = orders.getCell(13);
        assertThat(rows.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(rows.getNumericCellValue()).isEqualTo(1_234_567.0);
        Cell modified = orders.getCell(15);
        assertThat(DateUtil.isCellDateFormatted(modified)).isTrue();
        assertThat(modified.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.parse("2026-05-30T08:15:00"));
        Row edge = find(wb.getSheet("Lineage"), "postgres:shop.public.orders", null);
        assertThat(edge.getCell(3).getNumericCellValue()).isEqualTo(0.9);
        assertThat(edge.getCell(4).getNumericCellValue()).isEqualTo(2.0);
        assertThat(edge.getCell(6).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.parse("2026-05-01T00:00:00"));
    }

    @Test
    void summaryCountsByPlatformDomainOwnerAndCoverage() {
        Sheet s = wb.getSheet("Summary");
        assertThat(find(s, "Catalog", "Datasets").getCell(2).getNumericCellValue())
                .isEqualTo(4.0);
        assertThat(find(s, "Catalog", "Datasets").getCell(3).getNumericCellValue())
                .isEqualTo(9.0);
        assertThat(find(s, "By platform", "postgres").getCell(2).getNumericCellValue())
                .isEqualTo(2.0);
        assertThat(find(s, "By platform", "postgres").getCell(4).getNumericCellValue())
                .isEqualTo(0.5);
        assertThat(find(s, "By domain", "sales").getCell(2).getNumericCellValue())
                .isEqualTo(2.0);
        assertThat(find(s, "By owner", "(no owner)").getCell(2).getNumericCellValue())
                .isEqualTo(2.0);
        assertThat(find(s, "By owner", "sales").getCell(2).getNumericCellValue())
                .isEqualTo(1.0);
        assertThat(find(s, "Coverage", "Datasets with an owner").getCell(4).getNumericCellValue())
                .isEqualTo(0.5);
        assertThat(find(s, "Coverage", "Datasets with lineage").getCell(2).getNumericCellValue())
                .isEqualTo(3.0);
        assertThat(find(s, "Coverage", "Fields with a description").getCell(3).getNumericCellValue())
                .isEqualTo(4.0);
        assertThat(find(s, "Cost", "Total cost given").getCell(5).getNumericCellValue())
                .isEqualTo(1150.0);
    }

    @Test
    void countsInTheSummaryAreWholeNumbers() {
        Sheet s = wb.getSheet("Summary");
        Cell edges = find(s, "Catalog", "Lineage edges").getCell(5);
        assertThat(edges.getNumericCellValue()).isEqualTo(3.0);
        assertThat(new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(edges))
                .isEqualTo("3");
        assertThat(edges.getCellStyle().getDataFormatString()).isEqualTo("#,##0");
    }

    @Test
    void chartsAreNativeExcelChartsOverTheirRows() {
        XSSFSheet charts = wb.getSheet("Charts");
        List<org.apache.poi.xssf.usermodel.XSSFChart> drawn =
                charts.getDrawingPatriarch().getCharts();
        List<String> titles = new ArrayList<>();
        for (org.apache.poi.xssf.usermodel.XSSFChart c : drawn) {
            titles.add(c.getTitleText().getString());
        }
        assertThat(titles)
                .containsExactly(
                        "Datasets by platform",
                        "Datasets by domain",
                        "Datasets by owner",
                        "Health score distribution",
                        "Top datasets by usage",
                        "Assertion results over time");
        org.apache.poi.xssf.usermodel.XSSFChart usage = drawn.get(4);
        var series = usage.getChartSeries().get(0).getSeries(0);
        assertThat(series.getCategoryData().getDataRangeReference()).startsWith("Charts!$B$");
        assertThat(series.getCategoryData().getPointAt(0)).isEqualTo("postgres:shop.public.orders");
        assertThat(series.getValuesData().getPointAt(0)).isEqualTo(55.0);
        assertThat(usage.getChartSeries().get(0).getSeries(1).getValuesData().getPointAt(0))
                .isEqualTo(15.0);
        var assertions = drawn.get(5).getChartSeries().get(0);
        assertThat(assertions.getSeriesCount()).isEqualTo(3);
        assertThat(assertions.getSeries(1).getValuesData().getPointAt(1)).isEqualTo(1.0);
        // the rows the charts reference are in the sheet, as numbers
        Row first = find(charts, "usage", "postgres:shop.public.orders");
        assertThat(first.getCell(2).getNumericCellValue()).isEqualTo(55.0);
    }

    @Test
    void usageAndAssertionSheetsListMostUsedAndFailingFirst() {
        Sheet usage = wb.getSheet("Usage");
        assertThat(usage.getRow(1).getCell(1).getStringCellValue()).isEqualTo("postgres:shop.public.orders");
        assertThat(usage.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(70.0);
        Sheet unused = wb.getSheet("Unused datasets");
        List<String> names = new ArrayList<>();
        for (int r = 1; r <= unused.getLastRowNum(); r++) {
            names.add(unused.getRow(r).getCell(0).getStringCellValue());
        }
        assertThat(names).containsExactly("mongodb:app.events", "postgres:shop.public.customers");
        Sheet assertions = wb.getSheet("Assertions");
        assertThat(assertions.getLastRowNum()).isEqualTo(3);
        assertThat(assertions.getRow(1).getCell(0).getStringCellValue()).isEqualTo("FAIL");
        assertThat(assertions.getRow(2).getCell(0).getStringCellValue()).isEqualTo("ERROR");
        assertThat(assertions.getRow(3).getCell(0).getStringCellValue()).isEqualTo("PASS");
    }

    @Test
    void impactCostHealthAndChangesAreFilledIn() {
        Row orders = find(wb.getSheet("Impact"), "postgres:shop.public.orders", null);
        assertThat(orders.getCell(1).getNumericCellValue()).isEqualTo(1.0);
        assertThat(orders.getCell(2).getNumericCellValue()).isEqualTo(1.0);
        assertThat(orders.getCell(5).getStringCellValue())
                .isEqualTo("postgres:shop.public.orders \u2192 csv:orders_daily \u2192 s3:reports/revenue");
        Row report = find(wb.getSheet("Cost"), "s3:reports/revenue", null);
        assertThat(report.getCell(5).getNumericCellValue()).isEqualTo(1150.0);
        Row health = find(wb.getSheet("Health"), "mongodb:app.events", null);
        assertThat(health.getCell(1).getNumericCellValue()).isEqualTo(0.0);
        assertThat(health.getCell(11).getStringCellValue()).startsWith("no description; no owner; 1 of 1 fields");
        List<String> changes = new ArrayList<>();
        for (Row r : wb.getSheet("Changes")) {
            if (r.getRowNum() > 0) {
                changes.add(String.join("|", cells(r)));
            }
        }
        assertThat(changes)
                .containsExactly(
                        "dataset added|mongodb:app.events|||1 fields",
                        "type changed|postgres:shop.public.orders|amount|int64|decimal(10,2)",
                        "nullability changed|postgres:shop.public.orders|amount|not null|nullable",
                        "field removed|postgres:shop.public.orders|legacy|string",
                        "field added|postgres:shop.public.orders|shipping||struct<city:string,zip:string>",
                        "field added|postgres:shop.public.orders|shipping.city||string",
                        "field added|postgres:shop.public.orders|shipping.zip||string");
    }

    static List<String> cells(Row r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.getLastCellNum(); i++) {
            Cell c = r.getCell(i);
            out.add(c == null ? "" : c.toString());
        }
        return out;
    }

    /** The first row whose first cell is {@code first} and, when given, second cell {@code second}. */
    static Row find(Sheet s, String first, String second) {
        for (Row r : s) {
            if (r.getRowNum() == 0 || r.getCell(0) == null) {
                continue;
            }
            if (r.getCell(0).getStringCellValue().equals(first)
                    && (second == null
                            || r.getCell(1) != null && r.getCell(1).toString().equals(second))) {
                return r;
            }
        }
        throw new AssertionError("no row " + first + " / " + second + " in " + s.getSheetName());
    }
}
