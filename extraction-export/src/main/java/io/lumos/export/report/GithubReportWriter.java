package io.lumos.export.report;

import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.GateReport;
import io.lumos.domain.diff.Severity;
import io.lumos.spi.report.DiffReportWriter;
import io.lumos.spi.report.ReportOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;

/**
 * GitHub Actions workflow commands: {@code ::error} for BREAKING, {@code ::warning} for NON_BREAKING,
 * {@code ::notice} for INFO, worst first and capped per level (GitHub shows only 10 of each per step;
 * the rest belong in the markdown summary). When {@code GITHUB_OUTPUT} is set, the counts are
 * appended to it for later steps.
 */
public final class GithubReportWriter implements DiffReportWriter {
    @Override
    public String format() {
        return "github";
    }

    @Override
    public String description() {
        return "diff/gate report as GitHub Actions annotations, counts to $GITHUB_OUTPUT";
    }

    @Override
    public void write(GateReport report, OutputStream stream, ReportOptions options) throws IOException {
        Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        SnapshotLines lines = SnapshotLines.of(options);
        int cap = options.annotationCap();
        Map<Severity, Integer> written = new EnumMap<>(Severity.class);
        Map<Severity, Integer> left = new EnumMap<>(Severity.class);
        for (Finding f : report.findings()) {
            Severity s = f.severity();
            if (written.getOrDefault(s, 0) >= cap) {
                left.merge(s, 1, Integer::sum);
                continue;
            }
            written.merge(s, 1, Integer::sum);
            StringBuilder props = new StringBuilder();
            int line = lines.line(f);
            if (options.currentUri() != null) {
                props.append("file=").append(property(options.currentUri()));
                if (line > 0) {
                    props.append(",line=").append(line);
                    int column = lines.column(f);
                    if (column > 0) {
                        props.append(",col=").append(column);
                    }
                }
                props.append(',');
            }
            props.append("title=").append(property(f.ruleId() + " " + f.location()));
            out.write("::" + command(f.severity()) + " " + props + "::" + data(f.message()) + "\n");
        }
        for (Map.Entry<Severity, Integer> more : left.entrySet()) { // in Severity's order, as EnumMap keeps it
            Severity s = more.getKey();
            out.write("::notice title=" + property("more " + Reports.severityLabel(s) + " findings") + "::"
                    + data(more.getValue() + " more " + Reports.severityLabel(s)
                            + " findings are not annotated (GitHub shows " + cap
                            + " per level); see the job summary")
                    + "\n");
        }
        for (String w : report.warnings()) {
            out.write("::warning title=lumos ignore file::" + data(w) + "\n");
        }
        out.write(Reports.summaryLine(report) + "\n");
        out.flush();
        String outputFile = options.env().get("GITHUB_OUTPUT");
        if (outputFile != null && !outputFile.isBlank()) {
            Map<Severity, Long> c = report.counts();
            String counts = "breaking_count=" + c.get(Severity.BREAKING) + "\n"
                    + "non_breaking_count=" + c.get(Severity.NON_BREAKING) + "\n"
                    + "info_count=" + c.get(Severity.INFO) + "\n"
                    + "ignored_count=" + report.ignored().size() + "\n"
                    + "blocking_count=" + report.blockingCount() + "\n"
                    + "exit_code=" + report.exitCode() + "\n";
            Files.writeString(
                    Path.of(outputFile),
                    counts,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private static String command(Severity s) {
        return switch (s) {
            case BREAKING -> "error";
            case NON_BREAKING -> "warning";
            case INFO -> "notice";
        };
    }

    /** Message data: %, CR and LF escaped (GitHub workflow commands). */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Property values: also : and , escaped. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
