package io.lumos.export.write;

import io.lumos.export.table.ChartSpec;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataPoint;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * Native Excel charts (DrawingML, through POI's XDDF) beside a sheet's data: they reference the
 * cells, so they stay live in Excel and LibreOffice, and carry the values as their cache so a
 * viewer that does not recalculate still draws them.
 */
final class Charts {
    static final int WIDTH_COLUMNS = 9;
    static final int HEIGHT_ROWS = 18;

    /** Colour-blind safe (Okabe-Ito), in series order. */
    private static final byte[][] PALETTE = {
        {(byte) 0x00, (byte) 0x72, (byte) 0xB2},
        {(byte) 0xD5, (byte) 0x5E, (byte) 0x00},
        {(byte) 0x99, (byte) 0x99, (byte) 0x99},
        {(byte) 0x00, (byte) 0x9E, (byte) 0x73},
        {(byte) 0xE6, (byte) 0x9F, (byte) 0x00},
        {(byte) 0x56, (byte) 0xB4, (byte) 0xE9},
        {(byte) 0xCC, (byte) 0x79, (byte) 0xA7},
        {(byte) 0xF0, (byte) 0xE4, (byte) 0x42}
    };

    private Charts() {}

    private static XDDFShapeProperties shape(byte[] rgb, boolean line) {
        XDDFShapeProperties p = new XDDFShapeProperties();
        XDDFSolidFillProperties fill = new XDDFSolidFillProperties(XDDFColor.from(rgb));
        if (line) {
            XDDFLineProperties l = new XDDFLineProperties();
            l.setFillProperties(fill);
            l.setWidth(2.0);
            p.setLineProperties(l);
        } else {
            p.setFillProperties(fill);
        }
        return p;
    }

    /**
     * Draws each chart with data in a column of charts starting at {@code column}. SXSSF streams
     * rows to disk but keeps the sheet's other parts in its XSSF template, where the drawing goes.
     */
    static void draw(
            SXSSFWorkbook wb, String sheetName, List<ChartSpec> specs, Map<String, ChartRows> rows, int column) {
        XSSFSheet sheet = wb.getXSSFWorkbook().getSheet(sheetName);
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        int top = 1;
        for (ChartSpec spec : specs) {
            ChartRows data = rows.get(spec.group());
            if (data == null || data.isEmpty()) {
                continue;
            }
            XSSFClientAnchor anchor =
                    drawing.createAnchor(0, 0, 0, 0, column, top, column + WIDTH_COLUMNS, top + HEIGHT_ROWS);
            top += HEIGHT_ROWS + 1;
            chart(drawing.createChart(anchor), sheetName, spec, data);
        }
    }

    private static void chart(XSSFChart chart, String sheetName, ChartSpec spec, ChartRows data) {
        chart.setTitleText(spec.title());
        chart.setTitleOverlay(false);
        XDDFCategoryDataSource categories = XDDFDataSourcesFactory.fromArray(
                data.categories.toArray(String[]::new),
                new CellRangeAddress(data.first, data.last, 1, 1).formatAsString(sheetName, true));
        XDDFChartData plot;
        if (spec.kind() == ChartSpec.Kind.PIE) {
            plot = chart.createData(ChartTypes.PIE, null, null);
            plot.setVaryColors(true);
        } else {
            XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
            XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
            y.setCrosses(AxisCrosses.AUTO_ZERO);
            if (spec.kind() == ChartSpec.Kind.LINE) {
                plot = chart.createData(ChartTypes.LINE, x, y);
            } else {
                XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
                bars.setBarDirection(spec.kind() == ChartSpec.Kind.BAR ? BarDirection.BAR : BarDirection.COL);
                bars.setBarGrouping(BarGrouping.CLUSTERED);
                plot = bars;
            }
            plot.setVaryColors(false);
        }
        for (int i = 0; i < spec.seriesTitles().size(); i++) {
            XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromArray(
                    data.series(i),
                    new CellRangeAddress(data.first, data.last, 2 + i, 2 + i).formatAsString(sheetName, true));
            XDDFChartData.Series series = plot.addSeries(categories, values);
            series.setTitle(spec.seriesTitles().get(i), null);
            // Explicit colours: without them LibreOffice draws the series with no fill at all.
            if (spec.kind() == ChartSpec.Kind.PIE) {
                for (int point = 0; point < data.categories.size(); point++) {
                    XDDFDataPoint p = series.getDataPoint(point);
                    p.setShapeProperties(shape(PALETTE[point % PALETTE.length], false));
                }
            } else {
                series.setShapeProperties(shape(PALETTE[i % PALETTE.length], spec.kind() == ChartSpec.Kind.LINE));
            }
        }
        if (spec.seriesTitles().size() > 1 || spec.kind() == ChartSpec.Kind.PIE) {
            chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        }
        chart.plot(plot);
    }
}
