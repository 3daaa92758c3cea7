package io.lumos.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.export.graph.GraphModel;
import io.lumos.export.graph.MermaidWriter;
import io.lumos.export.parts.ExtractionContext;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.ExportRequest;
import io.lumos.spi.Exporter;
import io.lumos.spi.ExporterFactory;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Reporter;
import io.lumos.spi.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportPluginTest {
    @TempDir
    Path dir;

    Exporter exporter() {
        ExporterFactory f = ServiceLoader.load(ExporterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("export"))
                .findFirst()
                .orElseThrow();
        assertThat(f.types()).contains("comprehensive", "metadata_diff", "health", "quality", "cost");
        assertThat(f.formats()).containsExactlyInAnyOrder("xlsx", "csv", "json", "html", "mermaid");
        return f.create(Settings.of("export", Map.of("paths", 2)), PluginContext.basic(dir, List.of()));
    }

    @Test
    void badRequestsFailWithOneClearUsageLine() {
        Exporter e = exporter();
        assertThatThrownBy(() ->
                        e.export(new ExportRequest("schemas", "xlsx", dir.resolve("x"), Fixtures.shop(), null, null)))
                .isInstanceOf(LumosException.class)
                .hasMessageStartingWith("extract: unknown type 'schemas'; use one of comprehensive, schema,")
                .extracting(t -> ((LumosException) t).code())
                .isEqualTo(ErrorCode.USAGE);
        assertThatThrownBy(() ->
                        e.export(new ExportRequest("schema", "html", dir.resolve("x"), Fixtures.shop(), null, null)))
                .hasMessage(
                        "extract -t schema -f html: pictures are drawn for lineage and impact only; use -f xlsx, csv or json");
        assertThatThrownBy(() -> e.export(
                        new ExportRequest("metadata_diff", "csv", dir.resolve("x"), Fixtures.shop(), null, null)))
                .hasMessageContaining("pass --baseline SNAPSHOT.json");
        assertThatThrownBy(() -> e.export(new ExportRequest(
                        "lineage", "html", dir.resolve("x.html"), Fixtures.shop(), null, Map.of("root", "csv:nope"))))
                .extracting(t -> ((LumosException) t).code())
                .isEqualTo(ErrorCode.UNKNOWN_DATASET);
    }

    @Test
    void formatFollowsTheFileNameWhenNotGiven() {
        String summary =
                exporter().export(new ExportRequest("lineage", null, dir.resolve("l.md"), Fixtures.shop(), null, null));
        assertThat(summary).startsWith("wrote lineage mermaid of 5 datasets and 3 edges to ");
        assertThat(dir.resolve("l.md")).content().startsWith("```mermaid\nflowchart LR\n");
    }

    @Test
    void mermaidEscapesNamesAndDrawsEveryEdge() throws Exception {
        Path out = dir.resolve("impact.mmd");
        exporter().export(new ExportRequest("impact", "mermaid", out, Fixtures.shop(), null, Map.of()));
        String m = Files.readString(out);
        assertThat(m)
                .startsWith("flowchart LR\n")
                .contains("  n0[\"csv:orders_daily (1 downstream)\"]\n")
                .contains("  n3[\"postgres:shop.public.orders (2 downstream)\"]\n")
                .contains("  n3 -.->|AGGREGATED 0.90| n0\n")
                .contains("  n0 -->|COPIED| n4\n")
                .contains("  class n4 external\n");
        assertThat(MermaidWriter.escape("a\"]; click x \"javascript:alert(1)\" #<b>|`"))
                .isEqualTo("a#quot;]; click x #quot;javascript:alert(1)#quot; #35;#lt;b#gt;#124;#96;");
    }

    @Test
    void mermaidStopsAtTheEdgeLimitAndSaysSo() {
        List<String> warnings = new ArrayList<>();
        Reporter r = new Reporter() {
            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public Progress progress(String task, long total) {
                return Progress.NONE;
            }
        };
        ExtractionContext ctx = new ExtractionContext(Fixtures.shop(), null, Map.of(), "PROD", r);
        String m = new MermaidWriter().render(GraphModel.of(ctx, false), false, 1, false, r);
        assertThat(m.lines().filter(l -> l.contains("-->")).count()).isEqualTo(1);
        assertThat(warnings).singleElement().asString().contains("only the first 1 of 3 edges are drawn");
    }

    @Test
    void rootFocusesThePictureOnOneDataset() throws Exception {
        Path out = dir.resolve("focus.mmd");
        exporter()
                .export(new ExportRequest(
                        "impact",
                        "mermaid",
                        out,
                        Fixtures.shop(),
                        null,
                        Map.of("root", "postgres:shop.public.customers")));
        String m = Files.readString(out);
        assertThat(m).contains("postgres:shop.public.customers").doesNotContain("postgres:shop.public.orders");
        assertThat(m.lines().filter(l -> l.contains("-->")).count()).isEqualTo(2);
        assertThat(m).contains("class n1 root");
    }

    @Test
    void optionsFromConfigApply() throws Exception {
        Path out = dir.resolve("impact.json");
        exporter().export(new ExportRequest("impact", "json", out, Fixtures.shop(), null, Map.of()));
        var paths = io.lumos.json.ModelJson.mapper()
                .readTree(out.toFile())
                .get("parts")
                .get("impact_paths");
        // paths: 2 from the plugin settings; orders reaches 2 datasets, customers 2, daily 1.
        assertThat(paths).hasSize(5);
        assertThat(paths.get(0).get("path").asText()).isEqualTo("csv:orders_daily \u2192 s3:reports/revenue");
    }
}
