package io.lumos.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lumos.spi.ExportRequest;
import io.lumos.spi.PluginContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the lineage page in a real headless Chromium. The page's test hook ({@code #search=TEXT})
 * runs a search on load and records what it drew as attributes of {@code body}. Artefacts (page,
 * DOM, screenshot, net log) stay under {@code target/chromium/}.
 */
class HtmlPageChromiumTest {
    static final Path OUT = Path.of("target", "chromium").toAbsolutePath();
    static Path page;
    static String html;

    @BeforeAll
    static void writePage() throws IOException {
        Files.createDirectories(OUT);
        page = OUT.resolve("lineage.html");
        new SnapshotExporter(Map.of(), PluginContext.basic(OUT, List.of()))
                .export(new ExportRequest("lineage", "html", page, Fixtures.shop(), null, Map.of()));
        html = Files.readString(page);
    }

    static Path chromium() {
        for (String candidate : List.of(
                System.getProperty("lumos.chromium", ""),
                System.getenv().getOrDefault("LUMOS_CHROMIUM", ""),
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome")) {
            if (!candidate.isEmpty() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** Runs headless Chromium with the flags that keep it from calling home; returns stdout. */
    static String run(String... extra) throws Exception {
        Path browser = chromium();
        String missing = "no chromium found (apt-get install chromium, or set LUMOS_CHROMIUM)";
        if (browser == null && "1".equals(System.getenv("LUMOS_REQUIRE_TOOLS"))) {
            throw new AssertionError(missing + ": .ci/run installed it, so the browser test must run");
        }
        assumeTrue(browser != null, missing + ": skipping the browser test");
        Path profile = Files.createTempDirectory("lumos-chromium");
        List<String> cmd = new ArrayList<>(List.of(
                browser.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--no-first-run",
                "--hide-scrollbars",
                "--window-size=1400,900",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(extra));
        Path stdout = Files.createTempFile(OUT, "stdout", ".txt");
        Path stderr = OUT.resolve("chromium-stderr.txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + cmd);
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        Files.delete(stdout);
        return out;
    }

    static String attr(String dom, String name) {
        Matcher m = Pattern.compile("<body[^>]*\\s" + Pattern.quote(name) + "=\"([^\"]*)\"")
                .matcher(dom);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void pageCannotReachTheNetwork() {
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
        assertThat(html).doesNotContainPattern("(?i)https?://");
        assertThat(html).doesNotContainPattern("(?i)<(script|link|img|iframe)[^>]+(src|href)=");
    }

    @Test
    void drawsOneNodePerDatasetAndSearchHighlightsIt() throws Exception {
        Path netLog = OUT.resolve("netlog.json");
        String dom = run("--log-net-log=" + netLog, "--dump-dom", page.toUri() + "#search=orders");
        Files.writeString(OUT.resolve("lineage-dom.html"), dom);
        assertThat(attr(dom, "data-ready")).as("the page script ran to the end").isEqualTo("true");
        // 4 catalogued datasets plus the report only lineage names.
        assertThat(attr(dom, "data-nodes")).isEqualTo("5");
        assertThat(attr(dom, "data-edges")).isEqualTo("3");
        assertThat(attr(dom, "data-painted")).isEqualTo("5");
        assertThat(attr(dom, "data-search-hits")).isEqualTo("2");
        assertThat(attr(dom, "data-selected")).isEqualTo("csv:orders_daily");
        Matcher hits = Pattern.compile("<tr data-n=\"(\\d+)\" class=\"hit[^\"]*\"><td>([^<]*)</td>")
                .matcher(dom);
        List<String> hitNames = new ArrayList<>();
        while (hits.find()) {
            hitNames.add(hits.group(2));
        }
        assertThat(hitNames).containsExactly("csv:orders_daily", "postgres:shop.public.orders");
        assertThat(dom).contains("2 of 5 datasets match");
        // The browser itself may call home; the page must not have asked for anything.
        assertThat(pageRequests(netLog)).isEmpty();
    }

    /**
     * URLs a page asked for, from Chromium's net log: requests started by a document carry its
     * origin as initiator ({@code null} for file pages); the browser's own carry "not an origin".
     */
    static List<String> pageRequests(Path netLog) throws IOException {
        String log = Files.readString(netLog);
        Matcher m = Pattern.compile("\"initiator\":\"([^\"]*)\".*?\"url\":\"([^\"]+)\"")
                .matcher(log);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            if (!m.group(1).equals("not an origin")) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    @Test
    void theNetLogCheckSeesRequestsAPageMakes() throws Exception {
        // The control for the check above: a page that does fetch something is caught.
        Path probe = OUT.resolve("probe.html");
        Files.writeString(probe, "<html><body><img src=\"http://127.0.0.1:9/probe.png\"></body></html>");
        Path netLog = OUT.resolve("probe-netlog.json");
        run("--log-net-log=" + netLog, "--dump-dom", probe.toUri().toString());
        assertThat(pageRequests(netLog)).contains("http://127.0.0.1:9/probe.png");
    }

    @Test
    void takesAScreenshot() throws Exception {
        Path shot = OUT.resolve("lineage-page.png");
        Files.deleteIfExists(shot);
        run("--screenshot=" + shot, page.toUri() + "#search=daily");
        assertThat(shot).exists();
        byte[] png = Files.readAllBytes(shot);
        assertThat(png.length).isGreaterThan(5_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    /**
     * A graph with edges that skip layers, a cycle, domains and column lineage: the routes the
     * page draws must run around every box, never through one.
     */
    static io.lumos.domain.CatalogSnapshot routed() {
        List<io.lumos.domain.Dataset> datasets = new ArrayList<>();
        List<io.lumos.domain.LineageEdge> edges = new ArrayList<>();
        int n = 24;
        for (int d = 0; d < n; d++) {
            datasets.add(io.lumos.domain.Dataset.builder(
                            io.lumos.domain.DatasetId.of("csv", "t" + (d < 10 ? "0" : "") + d))
                    .domain(d % 3 == 0 ? "sales" : d % 3 == 1 ? "finance" : null)
                    .fields(List.of(
                            io.lumos.domain.Field.of("id", io.lumos.domain.DataType.Primitive.INT64, false),
                            io.lumos.domain.Field.of("amount", io.lumos.domain.DataType.Primitive.FLOAT64, true),
                            io.lumos.domain.Field.of("day", io.lumos.domain.DataType.Primitive.STRING, true)))
                    .build());
        }
        for (int d = 0; d + 1 < n; d++) {
            // a chain in four strands, plus edges that skip two and five layers
            if (d + 4 < n) {
                edges.add(edge(d, d + 4, 1.0));
            }
            if (d % 5 == 0 && d + 13 < n) {
                edges.add(edge(d, d + 13, 0.6));
            }
            if (d % 7 == 1 && d + 9 < n) {
                edges.add(edge(d, d + 9, 0.9));
            }
        }
        edges.add(edge(22, 3, 0.5)); // against the flow: a cycle through t03 .. t22
        return io.lumos.domain.CatalogSnapshot.of(Fixtures.NOW, datasets, edges);
    }

    static io.lumos.domain.LineageEdge edge(int from, int to, double confidence) {
        return new io.lumos.domain.LineageEdge(
                io.lumos.domain.DatasetId.of("csv", "t" + (from < 10 ? "0" : "") + from),
                io.lumos.domain.DatasetId.of("csv", "t" + (to < 10 ? "0" : "") + to),
                io.lumos.domain.LineageType.TRANSFORMED,
                confidence,
                null,
                null,
                List.of(
                        io.lumos.domain.ColumnMapping.parse("id=id"),
                        io.lumos.domain.ColumnMapping.parse("amount=amount")));
    }

    @Test
    void edgesGoAroundBoxesAndEndAtTheirTargetsLeftSide() throws Exception {
        Path routedPage = OUT.resolve("routed.html");
        new SnapshotExporter(Map.of(), PluginContext.basic(OUT, List.of()))
                .export(new ExportRequest("lineage", "html", routedPage, routed(), null, Map.of()));
        String dom = run("--dump-dom", routedPage.toUri() + "#open=csv:t05,csv:t09,csv:t18&geometry");
        Files.writeString(OUT.resolve("routed-dom.html"), dom);
        assertThat(attr(dom, "data-ready")).isEqualTo("true");
        assertThat(attr(dom, "data-open")).isEqualTo("csv:t05,csv:t09,csv:t18");
        assertThat(Integer.parseInt(attr(dom, "data-column-edges"))).isGreaterThan(0);
        Matcher m = Pattern.compile(
                        "<script type=\"application/json\" id=\"lumos-geometry\">(.*?)</script>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(m.find()).as("the page wrote its geometry").isTrue();
        com.fasterxml.jackson.databind.JsonNode geo =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.group(1));
        List<double[]> boxes = new ArrayList<>();
        geo.get("boxes")
                .forEach(b -> boxes.add(new double[] {
                    b.get(0).asDouble(),
                    b.get(1).asDouble(),
                    b.get(2).asDouble(),
                    b.get(3).asDouble()
                }));
        assertThat(boxes).hasSize(24);
        int edgesChecked = 0;
        int columnEdges = 0;
        List<String> crossings = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode e : geo.get("edges")) {
            com.fasterxml.jackson.databind.JsonNode p = e.get("points");
            int to = e.get("to").asInt();
            int from = e.get("from").asInt();
            double[] target = boxes.get(to);
            double[] source = boxes.get(from);
            // direction: starts on the upstream box's right side, ends on the downstream box's left side
            assertThat(p.get(0).asDouble()).isEqualTo(source[0] + source[2]);
            assertThat(p.get(p.size() - 2).asDouble()).isEqualTo(target[0]);
            double endY = p.get(p.size() - 1).asDouble();
            assertThat(endY).isBetween(target[1], target[1] + target[3]);
            for (int i = 2; i < p.size(); i += 2) {
                double x1 = p.get(i - 2).asDouble();
                double y1 = p.get(i - 1).asDouble();
                double x2 = p.get(i).asDouble();
                double y2 = p.get(i + 1).asDouble();
                for (int b = 0; b < boxes.size(); b++) {
                    if (crosses(boxes.get(b), x1, y1, x2, y2)) {
                        crossings.add("edge " + from + "->" + to + " crosses box " + b);
                    }
                }
            }
            edgesChecked++;
            columnEdges += e.has("column") ? 1 : 0;
        }
        assertThat(edgesChecked).isGreaterThan(30);
        assertThat(columnEdges).isGreaterThan(0);
        assertThat(crossings).isEmpty();
    }

    @Test
    void aDataProductIsDrawnAsAGroupAroundItsDatasetsAndNoEdgeCrossesABox() throws Exception {
        List<io.lumos.domain.DatasetId> assets = List.of(
                io.lumos.domain.DatasetId.of("csv", "t04"),
                io.lumos.domain.DatasetId.of("csv", "t05"),
                io.lumos.domain.DatasetId.of("csv", "t06"),
                io.lumos.domain.DatasetId.of("csv", "t07"));
        io.lumos.domain.DataProduct revenue = new io.lumos.domain.DataProduct(
                "revenue", "Revenue", "finance", List.of(), List.of("csv:t0[4-7]"), assets, null);
        Path productPage = OUT.resolve("products.html");
        new SnapshotExporter(Map.of(), PluginContext.basic(OUT, List.of()))
                .export(new ExportRequest(
                        "lineage", "html", productPage, routed(), null, Map.of("products", List.of(revenue))));
        String dom = run("--dump-dom", productPage.toUri() + "#open=csv:t05,csv:t09&geometry");
        Files.writeString(OUT.resolve("products-dom.html"), dom);
        Matcher m = Pattern.compile(
                        "<script type=\"application/json\" id=\"lumos-geometry\">(.*?)</script>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(m.find()).as("the page wrote its geometry").isTrue();
        com.fasterxml.jackson.databind.JsonNode geo =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.group(1));
        List<double[]> boxes = new ArrayList<>();
        geo.get("boxes")
                .forEach(b -> boxes.add(new double[] {
                    b.get(0).asDouble(),
                    b.get(1).asDouble(),
                    b.get(2).asDouble(),
                    b.get(3).asDouble()
                }));
        // nodes are in id order: t04..t07 are nodes 4..7
        java.util.Set<Integer> inProductGroups = new java.util.TreeSet<>();
        List<String> labels = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode g : geo.get("groups")) {
            labels.add(g.get("label").asText());
            double[] r = {
                g.get("rect").get(0).asDouble(),
                g.get("rect").get(1).asDouble(),
                g.get("rect").get(2).asDouble(),
                g.get("rect").get(3).asDouble()
            };
            for (com.fasterxml.jackson.databind.JsonNode member : g.get("members")) {
                double[] b = boxes.get(member.asInt());
                assertThat(b[0]).isGreaterThanOrEqualTo(r[0]);
                assertThat(b[1]).isGreaterThanOrEqualTo(r[1]);
                assertThat(b[0] + b[2]).isLessThanOrEqualTo(r[0] + r[2]);
                assertThat(b[1] + b[3]).isLessThanOrEqualTo(r[1] + r[3]);
                if (g.get("product").asBoolean()) {
                    assertThat(member.asInt())
                            .as("a member of the product's group")
                            .isBetween(4, 7);
                    inProductGroups.add(member.asInt());
                }
            }
            // a group's band holds only its members' boxes
            for (int b = 0; b < boxes.size(); b++) {
                boolean member = false;
                for (com.fasterxml.jackson.databind.JsonNode mm : g.get("members")) {
                    member |= mm.asInt() == b;
                }
                double[] box = boxes.get(b);
                boolean overlaps = box[0] < r[0] + r[2]
                        && box[0] + box[2] > r[0]
                        && box[1] < r[1] + r[3]
                        && box[1] + box[3] > r[1];
                assertThat(overlaps && !member)
                        .as("box %d inside the band of %s", b, g.get("label").asText())
                        .isFalse();
            }
        }
        assertThat(labels).contains("product revenue \u00b7 finance", "sales", "finance");
        assertThat(inProductGroups).containsExactly(4, 5, 6, 7);
        List<String> crossings = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode e : geo.get("edges")) {
            com.fasterxml.jackson.databind.JsonNode p = e.get("points");
            for (int i = 2; i < p.size(); i += 2) {
                for (int b = 0; b < boxes.size(); b++) {
                    if (crosses(
                            boxes.get(b),
                            p.get(i - 2).asDouble(),
                            p.get(i - 1).asDouble(),
                            p.get(i).asDouble(),
                            p.get(i + 1).asDouble())) {
                        crossings.add("edge " + e.get("from") + "->" + e.get("to") + " crosses box " + b);
                    }
                }
            }
        }
        assertThat(geo.get("edges").size()).isGreaterThan(30);
        assertThat(crossings).isEmpty();
    }

    /** Whether a segment enters the inside of a box (touching its border, where edges start and end, is fine). */
    static boolean crosses(double[] box, double x1, double y1, double x2, double y2) {
        double left = box[0] + 0.5;
        double top = box[1] + 0.5;
        double right = box[0] + box[2] - 0.5;
        double bottom = box[1] + box[3] - 0.5;
        // Liang-Barsky clipping of the segment against the shrunk box
        double t0 = 0;
        double t1 = 1;
        double dx = x2 - x1;
        double dy = y2 - y1;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x1 - left, right - x1, y1 - top, bottom - y1};
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return false;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        return t0 < t1;
    }

    @Test
    void theCrossingCheckSeesAnEdgeThroughABox() {
        // the control for the check above
        double[] box = {0, 0, 230, 22};
        assertThat(crosses(box, -10, 11, 300, 11)).isTrue();
        assertThat(crosses(box, 230, 11, 300, 11)).isFalse();
        assertThat(crosses(box, -10, 26, 300, 26)).isFalse();
    }

    @Test
    void hoveringAnEdgeShowsItsTypeAndConfidence() throws Exception {
        String dom = run("--dump-dom", page.toUri() + "#hover=postgres:shop.public.orders>csv:orders_daily");
        String hover = attr(dom, "data-hover");
        assertThat(hover)
                .startsWith("AGGREGATED, confidence 0.90")
                .contains("postgres:shop.public.orders \u2192 csv:orders_daily")
                .contains("amount \u2192 total");
        assertThat(dom).contains("id=\"tip\" style=\"left:");
    }
}
