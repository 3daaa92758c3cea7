package io.lumos.export.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lumos.domain.DatasetId;
import io.lumos.domain.diff.Bump;
import io.lumos.domain.diff.DatasetDiff;
import io.lumos.domain.diff.Downstream;
import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.GateReport;
import io.lumos.domain.diff.Severity;
import io.lumos.json.ModelJson;
import io.lumos.spi.report.DiffReportWriter;
import io.lumos.spi.report.ReportOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

/**
 * The findings as PRODUCT §6 shapes them, plus a summary (counts and the bump per dataset). The
 * JSON Schema is published in {@code docs/gate-report.schema.json}; keys are written in a fixed
 * order so that the same report gives the same bytes.
 */
public final class JsonReportWriter implements DiffReportWriter {
    public static final int FORMAT_VERSION = 1;

    @Override
    public String format() {
        return "json";
    }

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public String description() {
        return "diff/gate report as JSON (schema: docs/gate-report.schema.json)";
    }

    @Override
    public void write(GateReport report, OutputStream out, ReportOptions options) throws IOException {
        SnapshotLines lines = SnapshotLines.of(options);
        String file = options.currentUri();
        JsonGenerator g = ModelJson.generator(out, true);
        g.writeStartObject();
        g.writeNumberField("formatVersion", FORMAT_VERSION);
        g.writeStringField("tool", "lumos");
        nullable(g, "baseline", report.baseline());
        nullable(g, "current", report.current());
        g.writeStringField("mode", report.mode().name());
        g.writeStringField("failOn", report.failOn().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("exitCode", report.exitCode());
        summary(g, report);
        g.writeArrayFieldStart("findings");
        for (Finding f : report.findings()) {
            g.writeStartObject();
            finding(g, f, file, lines.line(f));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("ignored");
        for (GateReport.Ignored i : report.ignored()) {
            g.writeStartObject();
            finding(g, i.finding(), file, lines.line(i.finding()));
            g.writeStringField("reason", i.entry().reason());
            nullable(
                    g,
                    "expires",
                    i.entry().expires() == null ? null : i.entry().expires().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("warnings");
        for (String w : report.warnings()) {
            g.writeString(w);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write('\n');
        out.flush();
    }

    private static void summary(JsonGenerator g, GateReport report) throws IOException {
        Map<Severity, Long> c = report.counts();
        g.writeObjectFieldStart("summary");
        g.writeNumberField("breaking", c.get(Severity.BREAKING));
        g.writeNumberField("nonBreaking", c.get(Severity.NON_BREAKING));
        g.writeNumberField("info", c.get(Severity.INFO));
        g.writeNumberField("ignored", report.ignored().size());
        g.writeNumberField("blocking", report.blockingCount());
        g.writeArrayFieldStart("datasets");
        Map<DatasetId, Bump> bumps = report.bumps();
        for (DatasetDiff d : report.datasets()) {
            Bump bump = bumps.getOrDefault(d.dataset(), Bump.NONE);
            g.writeStartObject();
            g.writeStringField("dataset", d.dataset().urn());
            g.writeStringField("mode", d.mode().name());
            g.writeStringField("bump", bump.label());
            nullable(g, "changeType", bump.changeType().map(Enum::name).orElse(null));
            g.writeNumberField("breaking", d.count(Severity.BREAKING));
            g.writeNumberField("nonBreaking", d.count(Severity.NON_BREAKING));
            g.writeNumberField("info", d.count(Severity.INFO));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Finding f, String file, int line) throws IOException {
        g.writeStringField("ruleId", f.ruleId());
        g.writeStringField("severity", f.severity().name());
        g.writeBooleanField("backwardCompatible", f.backwardCompatible());
        g.writeBooleanField("forwardCompatible", f.forwardCompatible());
        g.writeStringField("dataset", f.dataset().urn());
        g.writeStringField("path", f.path());
        nullable(g, "before", f.before());
        nullable(g, "after", f.after());
        g.writeStringField("message", f.message());
        if (f.hint() != null) {
            g.writeStringField("hint", f.hint());
        }
        if (f.comparedWith() != null) {
            g.writeStringField("comparedWith", f.comparedWith());
        }
        if (file != null && line > 0) {
            g.writeObjectFieldStart("location");
            g.writeStringField("file", file);
            g.writeNumberField("line", line);
            g.writeEndObject();
        }
        g.writeArrayFieldStart("downstream");
        for (Downstream d : f.downstream()) {
            g.writeStartObject();
            g.writeStringField("dataset", d.dataset().urn());
            g.writeArrayFieldStart("columns");
            for (String c : d.columns()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("path");
            for (DatasetId p : d.path()) {
                g.writeString(p.urn());
            }
            g.writeEndArray();
            g.writeNumberField("depth", d.depth());
            g.writeBooleanField("possiblyAffected", d.possiblyAffected());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void nullable(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }
}
