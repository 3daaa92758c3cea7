package io.lumos.spi.report;

import io.lumos.domain.diff.GateReport;
import io.lumos.spi.PluginFactory;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a diff/gate report in one format ({@code -f text|json|markdown|github|junit|sarif}). Found
 * with {@link java.util.ServiceLoader} (as a plugin kind of its own, named by its format); see
 * {@link DiffReportWriters}.
 */
public interface DiffReportWriter extends PluginFactory {
    /** The value of {@code -f} this writer answers to. */
    String format();

    @Override
    default String name() {
        return format();
    }

    /** The file extension a default output name would use (json, md, xml, sarif, txt). */
    default String extension() {
        return "txt";
    }

    /** Writes the report as UTF-8; does not close {@code out}. */
    void write(GateReport report, OutputStream out, ReportOptions options) throws IOException;
}
