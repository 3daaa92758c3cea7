package io.lumos.export.report;

import io.lumos.domain.DatasetId;
import io.lumos.domain.diff.Bump;
import io.lumos.domain.diff.DatasetDiff;
import io.lumos.domain.diff.Downstream;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A job summary for {@code $GITHUB_STEP_SUMMARY} or a pull-request comment: the verdict, counts, a
 * table per dataset with its version bump, and a Mermaid graph of the breaking changes' impact.
 * GitHub refuses step summaries over 1 MiB, so rows and graph nodes are capped and the rest counted.
 */
public final class MarkdownReportWriter implements DiffReportWriter {
    static final int MAX_ROWS = 1000;
    static final int MAX_GRAPH_EDGES = 60;

    @Override
    public String format() {
        return "markdown";
    }

    @Override
    public String extension() {
        return "md";
    }

    @Override
    public String description() {
        return "diff/gate report as Markdown, for $GITHUB_STEP_SUMMARY";
    }

    @Override
    public void write(GateReport report, OutputStream stream, ReportOptions options) throws IOException {
        Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        Map<Severity, Long> c = report.counts();
        String verdict = report.exitCode() == 0 ? "✅ passed" : "❌ failed";
        out.write("## Lumos schema gate: " + verdict + "\n\n");
        out.write("Baseline `" + code(report.baseline()) + "` → current `" + code(report.current()) + "`, mode **"
                + report.mode().name() + "**, fail on **"
                + report.failOn().name().toLowerCase(Locale.ROOT) + "**.\n\n");
        out.write("| Breaking | Non-breaking | Info | Ignored | Blocking |\n|---:|---:|---:|---:|---:|\n");
        out.write("| " + c.get(Severity.BREAKING) + " | " + c.get(Severity.NON_BREAKING) + " | " + c.get(Severity.INFO)
                + " | " + report.ignored().size() + " | " + report.blockingCount() + " |\n\n");
        for (String w : report.warnings()) {
            out.write("> ⚠️ " + cell(w) + "\n\n");
        }
        Map<DatasetId, Bump> bumps = report.bumps();
        int rows = 0;
        int skipped = 0;
        for (DatasetDiff d : report.datasets()) {
            if (d.findings().isEmpty()) {
                continue;
            }
            if (rows >= MAX_ROWS) {
                skipped += d.findings().size();
                continue;
            }
            Bump bump = bumps.getOrDefault(d.dataset(), Bump.NONE);
            out.write("### `" + code(d.dataset().shortName()) + "`: " + bump.label() + " bump ("
                    + d.mode().name() + ")\n\n");
            out.write("| Severity | Rule | Path | Before | After | Message |\n|---|---|---|---|---|---|\n");
            for (Finding f : d.findings()) {
                if (rows >= MAX_ROWS) {
                    skipped++;
                    continue;
                }
                rows++;
                out.write("| " + icon(f.severity()) + " " + f.severity().name() + " | `" + f.ruleId() + "` | "
                        + (f.path().isEmpty() ? "" : "`" + code(f.path()) + "`") + " | " + value(f.before()) + " | "
                        + value(f.after()) + " | " + cell(f.message())
                        + (f.hint() == null ? "" : "<br>💡 " + cell(f.hint()))
                        + " |\n");
            }
            out.write("\n");
        }
        if (skipped > 0) {
            out.write("_" + skipped + " more findings not shown; see the json report._\n\n");
        }
        impactGraph(out, report);
        if (!report.ignored().isEmpty()) {
            out.write("<details><summary>" + report.ignored().size() + " ignored</summary>\n\n");
            out.write("| Rule | Location | Reason | Expires |\n|---|---|---|---|\n");
            for (GateReport.Ignored i : report.ignored()) {
                out.write("| `" + i.finding().ruleId() + "` | `"
                        + code(i.finding().location()) + "` | "
                        + cell(i.entry().reason()) + " | "
                        + (i.entry().expires() == null ? "" : i.entry().expires())
                        + " |\n");
            }
            out.write("\n</details>\n\n");
        }
        if (report.findings().isEmpty()) {
            out.write("No schema changes.\n");
        }
        out.flush();
    }

    /** Changed datasets (red when breaking) and every downstream dataset a breaking change reaches. */
    private static void impactGraph(Writer out, GateReport report) throws IOException {
        Map<String, String> edges = new LinkedHashMap<>();
        Set<DatasetId> broken = new LinkedHashSet<>();
        Set<DatasetId> possibly = new LinkedHashSet<>();
        for (Finding f : report.findings()) {
            if (f.severity() != Severity.BREAKING || f.downstream().isEmpty()) {
                continue;
            }
            broken.add(f.dataset());
            for (Downstream d : f.downstream()) {
                for (int i = 1; i < d.path().size(); i++) {
                    edges.putIfAbsent(
                            id(d.path().get(i - 1)) + " --> " + id(d.path().get(i)), "");
                }
                (d.possiblyAffected() ? possibly : broken).add(d.dataset());
            }
        }
        if (edges.isEmpty()) {
            return;
        }
        out.write("### Impact\n\n```mermaid\nflowchart LR\n");
        Set<DatasetId> nodes = new LinkedHashSet<>(broken);
        nodes.addAll(possibly);
        for (DatasetId n : nodes) {
            out.write("  " + id(n) + "[\"" + n.shortName().replace("\"", "'") + "\"]\n");
        }
        int shown = 0;
        for (String e : edges.keySet()) {
            if (shown++ >= MAX_GRAPH_EDGES) {
                break;
            }
            out.write("  " + e + "\n");
        }
        out.write("  classDef breaking fill:#fdd,stroke:#c00\n  classDef possibly fill:#ffe,stroke:#c90\n");
        for (DatasetId n : nodes) {
            out.write("  class " + id(n) + (broken.contains(n) ? " breaking" : " possibly") + "\n");
        }
        out.write("```\n\n");
        if (edges.size() > MAX_GRAPH_EDGES) {
            out.write("_" + (edges.size() - MAX_GRAPH_EDGES) + " more lineage edges not drawn._\n\n");
        }
    }

    private static String id(DatasetId d) {
        return "d" + Integer.toHexString(d.urn().hashCode() & 0x7fffffff);
    }

    private static String icon(Severity s) {
        return switch (s) {
            case BREAKING -> "🔴";
            case NON_BREAKING -> "🟡";
            case INFO -> "🔵";
        };
    }

    private static String value(String v) {
        return v == null ? "" : "`" + code(v) + "`";
    }

    private static String code(String v) {
        return v == null ? "" : v.replace("`", "'").replace("|", "\\|").replace("\n", " ");
    }

    /** Table cells: pipes escaped, newlines as breaks, HTML neutralised. */
    static String cell(String v) {
        return v.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("|", "\\|")
                .replace("\n", "<br>");
    }
}
