package io.lumos.export.write;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.lumos.export.table.Cells;
import io.lumos.export.table.Column;
import io.lumos.export.table.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One RFC 4180 file (UTF-8, CRLF) per table in a folder, written by FastCSV. */
public final class CsvFolderWriter {
    /** Writes the files; returns the number of data rows. */
    public long write(List<Table> tables, Path folder) throws IOException {
        Files.createDirectories(folder);
        long rows = 0;
        for (Table t : tables) {
            rows += write(t, folder.resolve(t.fileName() + ".csv"));
        }
        return rows;
    }

    private long write(Table t, Path file) throws IOException {
        List<Column> columns = t.columns();
        long[] count = {0};
        try (CsvWriter csv =
                CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(file, StandardCharsets.UTF_8)) {
            csv.writeRecord(columns.stream().map(Column::title).toList());
            String[] cells = new String[columns.size()];
            try {
                t.rows().accept(values -> {
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = i < values.length
                                ? Cells.text(values[i], columns.get(i).kind())
                                : "";
                    }
                    csv.writeRecord(cells);
                    count[0]++;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return count[0];
    }
}
