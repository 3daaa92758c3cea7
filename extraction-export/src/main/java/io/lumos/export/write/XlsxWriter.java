package io.lumos.export.write;

import io.lumos.export.table.Cells;
import io.lumos.export.table.ChartSpec;
import io.lumos.export.table.Column;
import io.lumos.export.table.ColumnKind;
import io.lumos.export.table.FormulaGuard;
import io.lumos.export.table.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes tables as sheets of one workbook with POI's streaming writer: only a window of rows is in
 * memory, the rest goes to temporary files. Header frozen, autofilter on, column widths
 * from the content of the first rows (SXSSF cannot autosize rows it has already flushed).
 */
public final class XlsxWriter {
    static final int WINDOW = 200;
    static final int SAMPLE_ROWS = 2_000;
    static final int MAX_WIDTH = 60;
    static final int MAX_CELL = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

    private final int maxRowsPerSheet;

    public XlsxWriter() {
        this(MAX_ROWS);
    }

    /** {@code maxRowsPerSheet} below Excel's limit only for tests of the overflow into a next sheet. */
    XlsxWriter(int maxRowsPerSheet) {
        this.maxRowsPerSheet = maxRowsPerSheet;
    }

    /** Writes the workbook; returns the number of data rows. */
    public long write(List<Table> tables, Path output) throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".lumos-", ".xlsx.part");
        long rows = 0;
        SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
        try {
            // Uncompressed temporary files: the final zip deflates the sheets anyway, and doing it twice
            // doubled the CPU time of a million-row sheet; the disk holds ~200 bytes per row meanwhile.
            wb.setCompressTempFiles(false);
            Styles styles = new Styles(wb);
            Set<String> names = new HashSet<>();
            for (Table t : tables) {
                rows += new SheetWriter(wb, styles, t, names).write();
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                wb.write(out);
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            wb.close();
            Files.deleteIfExists(tmp);
        }
        return rows;
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle date;
        final CellStyle integer;
        final CellStyle decimal;
        final CellStyle percent;
        final CellStyle money;
        final CellStyle text;

        Styles(SXSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            var fmt = wb.createDataFormat();
            date = style(wb, fmt.getFormat("yyyy-mm-dd hh:mm:ss"));
            integer = style(wb, fmt.getFormat("#,##0"));
            decimal = style(wb, fmt.getFormat("#,##0.0##"));
            percent = style(wb, fmt.getFormat("0.0%"));
            money = style(wb, fmt.getFormat("#,##0.00"));
            // "@" marks the cell as text, so Excel does not re-interpret it on edit.
            text = style(wb, fmt.getFormat("@"));
        }

        private static CellStyle style(SXSSFWorkbook wb, short format) {
            CellStyle s = wb.createCellStyle();
            s.setDataFormat(format);
            return s;
        }

        CellStyle of(ColumnKind kind) {
            return switch (kind) {
                case DATE -> date;
                case INTEGER -> integer;
                case DECIMAL -> decimal;
                case PERCENT -> percent;
                case MONEY -> money;
                case TEXT -> text;
                case BOOLEAN -> null;
            };
        }
    }

    private final class SheetWriter implements Table.RowSink {
        private final SXSSFWorkbook wb;
        private final Styles styles;
        private final Table table;
        private final Set<String> names;
        private final List<Column> columns;
        private final CellStyle[] columnStyles;
        private SXSSFSheet sheet;
        private int[] widths;
        private int rowIndex;
        private int sheetNumber;
        private long total;
        /** The rows each chart draws, by its group (first column), captured as they stream past. */
        private final Map<String, ChartRows> chartRows = new HashMap<>();

        SheetWriter(SXSSFWorkbook wb, Styles styles, Table table, Set<String> names) {
            this.wb = wb;
            this.styles = styles;
            this.table = table;
            this.names = names;
            this.columns = table.columns();
            this.columnStyles = new CellStyle[columns.size()];
            for (ChartSpec c : table.charts()) {
                chartRows.put(c.group(), new ChartRows());
            }
            for (int i = 0; i < columns.size(); i++) {
                columnStyles[i] = styles.of(columns.get(i).kind());
            }
        }

        long write() {
            startSheet();
            table.rows().accept(this);
            finishSheet();
            return total;
        }

        private void startSheet() {
            sheetNumber++;
            String base = table.title();
            String name = sheetName(sheetNumber == 1 ? base : base + " (" + sheetNumber + ")");
            sheet = wb.createSheet(name);
            Row h = sheet.createRow(0);
            widths = new int[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                Cell c = h.createCell(i);
                c.setCellValue(columns.get(i).title());
                c.setCellStyle(styles.header);
                // Room for the autofilter's drop-down arrow next to the header text.
                widths[i] = columns.get(i).title().length() + 3;
            }
            sheet.createFreezePane(0, 1);
            rowIndex = 1;
        }

        private void finishSheet() {
            if (sheetNumber == 1 && !table.charts().isEmpty()) {
                Charts.draw(wb, sheet.getSheetName(), table.charts(), chartRows, columns.size() + 1);
            }
            int lastCol = Math.max(0, columns.size() - 1);
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rowIndex - 1), 0, lastCol));
            for (int i = 0; i < columns.size(); i++) {
                sheet.setColumnWidth(i, Math.min(MAX_WIDTH, widths[i] + 1) * 256);
            }
        }

        private String sheetName(String wanted) {
            // Excel: at most 31 characters, none of []:*?/\ and unique regardless of case.
            String n = wanted.replaceAll("[\\[\\]:*?/\\\\]", "_");
            if (n.length() > 31) {
                n = n.substring(0, 31);
            }
            String candidate = n;
            int i = 2;
            while (!names.add(candidate.toLowerCase(Locale.ROOT))) {
                String suffix = "~" + i++;
                candidate = n.substring(0, Math.min(n.length(), 31 - suffix.length())) + suffix;
            }
            return candidate;
        }

        @Override
        public void row(Object... values) {
            if (rowIndex >= maxRowsPerSheet) {
                finishSheet();
                startSheet();
            }
            boolean sample = rowIndex <= SAMPLE_ROWS;
            if (!chartRows.isEmpty() && sheetNumber == 1 && values.length > 1 && values[0] != null) {
                ChartRows c = chartRows.get(values[0].toString());
                if (c != null) {
                    c.add(rowIndex, values);
                }
            }
            Row r = sheet.createRow(rowIndex++);
            total++;
            for (int i = 0; i < values.length && i < columnStyles.length; i++) {
                Object v = values[i];
                if (v == null) {
                    continue;
                }
                Cell c = r.createCell(i);
                CellStyle s = columnStyles[i];
                if (s != null) {
                    c.setCellStyle(s);
                }
                int width = set(c, v, columns.get(i).kind());
                if (sample && width > widths[i]) {
                    widths[i] = width;
                }
            }
        }

        /** Sets a typed value and returns its display width in characters. */
        private int set(Cell c, Object v, ColumnKind kind) {
            if (v instanceof Instant i) {
                c.setCellValue(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
                return 19;
            }
            if (v instanceof Boolean b) {
                c.setCellValue(b);
                return 5;
            }
            if (v instanceof Number n && kind.numeric()) {
                double d = n.doubleValue();
                c.setCellValue(d);
                if (kind == ColumnKind.DECIMAL && (v instanceof Long || v instanceof Integer)) {
                    // a count in a column of measures: shown as a count (6, not 6.0)
                    c.setCellStyle(styles.integer);
                    return Cells.number(n).length() + 4;
                }
                return kind == ColumnKind.PERCENT ? 6 : Cells.number(n).length() + 4;
            }
            String s = FormulaGuard.neutralise(v.toString());
            if (s.length() > MAX_CELL) {
                s = s.substring(0, MAX_CELL - 1) + "\u2026";
            }
            c.setCellValue(s);
            int nl = s.indexOf('\n');
            return nl >= 0 ? nl : s.length();
        }
    }
}
