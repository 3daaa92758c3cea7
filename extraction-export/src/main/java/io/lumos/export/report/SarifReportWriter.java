package io.lumos.export.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lumos.domain.diff.Downstream;
import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.GateReport;
import io.lumos.domain.diff.Rule;
import io.lumos.domain.diff.Severity;
import io.lumos.json.ModelJson;
import io.lumos.spi.report.DiffReportWriter;
import io.lumos.spi.report.ReportOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning and Jenkins Warnings NG: one run, a rule per rule id used,
 * a result per finding pointing at the field's line in the new snapshot, and
 * {@code partialFingerprints} from rule, dataset and path so alerts stay the same across runs.
 * GitHub accepts at most 25,000 results per run; the rest are dropped and counted.
 */
public final class SarifReportWriter implements DiffReportWriter {
    static final int MAX_RESULTS = 25_000;
    static final String FINGERPRINT = "lumosFinding/v1";

    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public String extension() {
        return "sarif";
    }

    @Override
    public String description() {
        return "diff/gate report as SARIF 2.1.0 (code scanning)";
    }

    @Override
    public void write(GateReport report, OutputStream out, ReportOptions options) throws IOException {
        SnapshotLines lines = SnapshotLines.of(options);
        String uri = options.currentUri() != null ? options.currentUri() : report.current();
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            ruleIndex.putIfAbsent(f.ruleId(), ruleIndex.size());
        }
        JsonGenerator g = ModelJson.generator(out, true);
        g.writeStartObject();
        g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        g.writeStringField("version", "2.1.0");
        g.writeArrayFieldStart("runs");
        g.writeStartObject();
        g.writeObjectFieldStart("tool");
        g.writeObjectFieldStart("driver");
        g.writeStringField("name", "lumos");
        g.writeStringField("informationUri", "https://github.com/lumos/lumos");
        g.writeArrayFieldStart("rules");
        for (String id : ruleIndex.keySet()) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("name", camel(id));
            g.writeObjectFieldStart("shortDescription");
            g.writeStringField("text", id.toLowerCase(Locale.ROOT).replace('_', ' '));
            g.writeEndObject();
            g.writeObjectFieldStart("defaultConfiguration");
            g.writeStringField("level", level(defaultSeverity(id)));
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("results");
        int written = 0;
        for (Finding f : report.findings()) {
            if (written++ >= MAX_RESULTS) {
                break;
            }
            g.writeStartObject();
            g.writeStringField("ruleId", f.ruleId());
            g.writeNumberField("ruleIndex", ruleIndex.get(f.ruleId()));
            g.writeStringField("level", level(f.severity()));
            g.writeObjectFieldStart("message");
            g.writeStringField("text", f.location() + ": " + f.message());
            g.writeEndObject();
            g.writeArrayFieldStart("locations");
            g.writeStartObject();
            g.writeObjectFieldStart("physicalLocation");
            g.writeObjectFieldStart("artifactLocation");
            g.writeStringField("uri", uri == null ? "snapshot.json" : uri);
            g.writeEndObject();
            g.writeObjectFieldStart("region");
            g.writeNumberField("startLine", Math.max(1, lines.line(f)));
            int column = lines.column(f);
            if (column > 0) {
                g.writeNumberField("startColumn", column);
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("logicalLocations");
            g.writeStartObject();
            g.writeStringField("fullyQualifiedName", f.location());
            g.writeStringField("kind", f.path().isEmpty() ? "module" : "member");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("partialFingerprints");
            g.writeStringField(FINGERPRINT, Reports.fingerprint(f));
            g.writeEndObject();
            g.writeObjectFieldStart("properties");
            g.writeStringField("severity", f.severity().name());
            g.writeBooleanField("backwardCompatible", f.backwardCompatible());
            g.writeBooleanField("forwardCompatible", f.forwardCompatible());
            g.writeStringField("dataset", f.dataset().urn());
            g.writeStringField("path", f.path());
            if (f.before() != null) {
                g.writeStringField("before", f.before());
            }
            if (f.after() != null) {
                g.writeStringField("after", f.after());
            }
            g.writeArrayFieldStart("downstream");
            for (Downstream d : f.downstream()) {
                g.writeString(Reports.downstreamText(d));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        if (report.findings().size() > MAX_RESULTS) {
            g.writeObjectFieldStart("properties");
            g.writeNumberField("droppedResults", report.findings().size() - MAX_RESULTS);
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write('\n');
        out.flush();
    }

    private static Severity defaultSeverity(String ruleId) {
        try {
            return Rule.valueOf(ruleId).defaultSeverity();
        } catch (IllegalArgumentException e) {
            return Severity.INFO;
        }
    }

    static String level(Severity s) {
        return switch (s) {
            case BREAKING -> "error";
            case NON_BREAKING -> "warning";
            case INFO -> "note";
        };
    }

    private static String camel(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.toLowerCase(Locale.ROOT).split("_", -1)) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
