package io.lumos.export.graph;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lumos.json.ModelJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One self-contained HTML page drawing the lineage graph on a canvas, with pan, zoom, search and a
 * table of datasets beside it. Script, style and data are inline; a Content-Security-Policy of
 * {@code default-src 'none'} makes sure the page cannot fetch anything, even by accident.
 */
public final class HtmlGraphWriter {
    private static final String TEMPLATE = load();

    private static String load() {
        try (InputStream in = HtmlGraphWriter.class.getResourceAsStream("/io/lumos/export/graph/lineage-page.html")) {
            if (in == null) {
                throw new IllegalStateException("lineage-page.html is missing from the export plugin jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long write(GraphModel model, boolean impact, String title, Path output) throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            w.write(render(model, impact, title));
        }
        return model.nodes().size();
    }

    public String render(GraphModel model, boolean impact, String title) throws IOException {
        int at = TEMPLATE.indexOf("/*LUMOS_DATA*/");
        String before = TEMPLATE.substring(0, at).replace("{{TITLE}}", html(title));
        return before + data(model, impact, title) + TEMPLATE.substring(at + "/*LUMOS_DATA*/".length());
    }

    /** The graph as JSON, safe inside a script element: no {@code <}, {@code >} or {@code &} appears raw. */
    static String data(GraphModel model, boolean impact, String title) throws IOException {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = ModelJson.generator(sw, false)) {
            g.writeStartObject();
            g.writeStringField("title", title);
            g.writeStringField("mode", impact ? "impact" : "lineage");
            if (model.root() != null) {
                g.writeStringField("root", model.root().shortName());
            }
            g.writeArrayFieldStart("nodes");
            for (GraphModel.Node n : model.nodes()) {
                g.writeStartObject();
                g.writeStringField("n", n.id().shortName());
                g.writeStringField("p", n.platform());
                if (n.owners() != null && !n.owners().isEmpty()) {
                    g.writeStringField("o", n.owners());
                }
                if (n.domain() != null) {
                    g.writeStringField("m", n.domain());
                }
                if (n.product() != null) {
                    g.writeStringField("g", n.product());
                }
                g.writeBooleanField("k", n.known());
                g.writeNumberField("d", n.direct());
                g.writeNumberField("i", n.indirect());
                if (!n.fields().isEmpty()) {
                    g.writeArrayFieldStart("f");
                    for (String f : n.fields()) {
                        g.writeString(f);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("edges");
            for (GraphModel.Edge e : model.edges()) {
                g.writeStartArray();
                g.writeNumber(e.from());
                g.writeNumber(e.to());
                g.writeString(e.type());
                g.writeNumber(e.confidence());
                g.writeNumber(e.columns());
                // column mappings as [[upstream columns...], downstream column]
                g.writeStartArray();
                for (io.lumos.domain.ColumnMapping c : e.mappings()) {
                    g.writeStartArray();
                    g.writeStartArray();
                    for (String u : c.upstreamColumns()) {
                        g.writeString(u);
                    }
                    g.writeEndArray();
                    g.writeString(c.downstreamColumn());
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        // These characters only occur inside JSON strings, where the \\u escapes mean the same.
        return sw.toString()
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
