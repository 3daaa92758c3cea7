package io.lumos.export.graph;

import io.lumos.spi.Reporter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Mermaid flowchart that renders in a GitHub or GitLab pull-request comment. Names are written as
 * quoted labels with Mermaid's entity codes, so no dataset name can break out of its label. A
 * {@code .md} output gets the fenced block, anything else the bare graph.
 */
public final class MermaidWriter {
    /** GitHub's Mermaid refuses graphs with more edges than this (maxEdges). */
    public static final int DEFAULT_MAX_EDGES = 500;

    public long write(GraphModel model, boolean impact, int maxEdges, Path output, Reporter reporter)
            throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean markdown = output.getFileName().toString().endsWith(".md");
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            w.write(render(model, impact, maxEdges, markdown, reporter));
        }
        return model.nodes().size();
    }

    public String render(GraphModel model, boolean impact, int maxEdges, boolean markdown, Reporter reporter) {
        StringBuilder out = new StringBuilder();
        if (markdown) {
            out.append("```mermaid\n");
        }
        out.append("flowchart LR\n");
        int shown = Math.min(maxEdges, model.edges().size());
        boolean[] used = new boolean[model.nodes().size()];
        for (int i = 0; i < shown; i++) {
            GraphModel.Edge e = model.edges().get(i);
            used[e.from()] = true;
            used[e.to()] = true;
        }
        boolean truncated = shown < model.edges().size();
        for (int i = 0; i < model.nodes().size(); i++) {
            GraphModel.Node n = model.nodes().get(i);
            if (truncated && !used[i]) {
                continue;
            }
            String label = n.id().shortName();
            if (impact) {
                label += " (" + (n.direct() + n.indirect()) + " downstream)";
            }
            out.append("  n").append(i).append("[\"").append(escape(label)).append("\"]\n");
        }
        for (int i = 0; i < shown; i++) {
            GraphModel.Edge e = model.edges().get(i);
            // An edge people are not sure of is dotted and says how sure they are.
            boolean sure = e.confidence() >= 1.0;
            out.append("  n")
                    .append(e.from())
                    .append(sure ? " -->|" : " -.->|")
                    .append(e.type())
                    .append(sure ? "" : String.format(java.util.Locale.ROOT, " %.2f", e.confidence()))
                    .append("| n")
                    .append(e.to())
                    .append('\n');
        }
        out.append("  classDef external stroke-dasharray: 4 4\n");
        out.append("  classDef root fill:#ffe08a,stroke:#b58900\n");
        for (int i = 0; i < model.nodes().size(); i++) {
            GraphModel.Node n = model.nodes().get(i);
            if (!n.known() && (!truncated || used[i])) {
                out.append("  class n").append(i).append(" external\n");
            }
            if (n.id().equals(model.root())) {
                out.append("  class n").append(i).append(" root\n");
            }
        }
        if (truncated) {
            String msg = "only the first " + shown + " of " + model.edges().size()
                    + " edges are drawn (Mermaid in pull requests stops at " + maxEdges
                    + "); focus with --root DATASET or use -f html";
            out.append("  %% ").append(msg).append('\n');
            reporter.warn("mermaid: " + msg);
        }
        if (markdown) {
            out.append("```\n");
        }
        return out.toString();
    }

    /** Mermaid entity codes for everything that could end a quoted label or be read as markup. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '#' -> b.append("#35;");
                case '"' -> b.append("#quot;");
                case '<' -> b.append("#lt;");
                case '>' -> b.append("#gt;");
                case '&' -> b.append("#amp;");
                case '`' -> b.append("#96;");
                case '|' -> b.append("#124;");
                case '\n', '\r', '\t' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
