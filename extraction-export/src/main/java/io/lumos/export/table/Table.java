package io.lumos.export.table;

import java.util.List;
import java.util.function.Consumer;

/**
 * One part of an extraction (a sheet, a CSV file, a JSON array). Rows are produced on demand, each
 * time a writer asks, so that a million-row part never sits in memory as a whole.
 *
 * @param title the sheet name users see
 * @param fileName the CSV file name (without extension) and JSON key
 * @param rows calls the sink once per row, values in column order: String, Number, Instant,
 *     Boolean or null
 * @param charts native charts the xlsx writer draws from the rows; other writers keep the rows only
 */
public record Table(
        String title, String fileName, List<Column> columns, Consumer<RowSink> rows, List<ChartSpec> charts) {
    public Table {
        columns = List.copyOf(columns);
        charts = charts == null ? List.of() : List.copyOf(charts);
    }

    public Table(String title, String fileName, List<Column> columns, Consumer<RowSink> rows) {
        this(title, fileName, columns, rows, List.of());
    }

    /** Receives the rows of a table. */
    @FunctionalInterface
    public interface RowSink {
        void row(Object... values);
    }
}
