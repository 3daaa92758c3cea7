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
        assumeTrue(
                browser != null,
                "no chromium found (apt-get install chromium, or set LUMOS_CHROMIUM): skipping the browser test");
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
}
