package io.lumos.export.report;

import io.lumos.domain.diff.Downstream;
import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.GateReport;
import io.lumos.spi.report.DiffReportWriter;
import io.lumos.spi.report.ReportOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code file:line: BREAKING FIELD_REMOVED csv:orders.customer_id: message}, one finding a line
 * (compiler style, so editors and CI log parsers link it), then downstream impact, hints, warnings
 * and a summary line. Without a snapshot file the location is the current side's name.
 */
public final class TextReportWriter implements DiffReportWriter {
    @Override
    public String format() {
        return "text";
    }

    @Override
    public String description() {
        return "diff/gate report: one finding per line, file:line: SEVERITY RULE location: message";
    }

    @Override
    public void write(GateReport report, OutputStream stream, ReportOptions options) throws IOException {
        Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        SnapshotLines lines = SnapshotLines.of(options);
        String file = options.currentUri() != null ? options.currentUri() : report.current();
        for (Finding f : report.findings()) {
            out.write(file == null ? "-" : file);
            int line = lines.line(f);
            if (line > 0) {
                out.write(":" + line);
            }
            out.write(": " + f.severity().name() + " " + f.ruleId() + " " + f.location() + ": " + f.message());
            if (f.comparedWith() != null) {
                out.write(" (against " + f.comparedWith() + ")");
            }
            out.write('\n');
            for (Downstream d : f.downstream()) {
                out.write("    breaks " + Reports.downstreamText(d) + "\n");
            }
            if (f.hint() != null) {
                out.write("    hint: " + f.hint() + "\n");
            }
        }
        for (GateReport.Ignored i : report.ignored()) {
            out.write("ignored: " + i.finding().ruleId() + " " + i.finding().location() + ": "
                    + i.entry().reason()
                    + (i.entry().expires() != null ? " (until " + i.entry().expires() + ")" : "") + "\n");
        }
        for (String w : report.warnings()) {
            out.write("warning: " + w + "\n");
        }
        out.write(Reports.summaryLine(report) + "\n");
        out.flush();
    }
}
