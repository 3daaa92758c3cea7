package io.lumos.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lumos.export.parts.ChartParts;
import io.lumos.export.parts.ExtractionContext;
import io.lumos.export.write.XlsxWriter;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Opens the workbook's charts in a real LibreOffice (headless), as the lineage page is opened in
 * Chromium: the chart sheet is converted to PDF, whose text must hold every chart title (the
 * cells hold only the chart keys) and whose picture must not be blank. Skips when LibreOffice is
 * not installed (Debian: libreoffice-calc-nogui; poppler-utils for pdftotext and pdftoppm), except
 * in CI ({@code CI=true}), where {@code .ci/run} installs them and a missing tool fails the test.
 */
class XlsxChartsLibreOfficeTest {
    static final Path OUT = Path.of("target", "libreoffice").toAbsolutePath();

    static Path tool(String name, String property) {
        List<String> candidates = new ArrayList<>();
        candidates.add(System.getProperty(property, ""));
        candidates.add("/usr/bin/" + name);
        candidates.add("/usr/local/bin/" + name);
        for (String c : candidates) {
            if (!c.isEmpty() && Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    /**
     * Skips without the tools, except where .ci/run installed them (LUMOS_REQUIRE_TOOLS=1): there a
     * test that cannot find them fails, so CI never skips the charts silently.
     */
    static void presentOrSkip(boolean present, String missing) {
        if (!present && "1".equals(System.getenv("LUMOS_REQUIRE_TOOLS"))) {
            throw new AssertionError(missing + ": .ci/run installed the tools, so this test must run");
        }
        assumeTrue(present, missing + ": skipping the chart rendering test");
    }

    static void run(Path cwd, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        OUT.resolve(Path.of(cmd[0]).getFileName() + ".log").toFile())
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish within 180 s: " + String.join(" ", cmd));
        }
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    }

    @Test
    void libreOfficeDrawsEveryChart() throws Exception {
        Path soffice = tool("soffice", "lumos.soffice");
        Path pdftotext = tool("pdftotext", "lumos.pdftotext");
        Path pdftoppm = tool("pdftoppm", "lumos.pdftoppm");
        presentOrSkip(
                soffice != null && pdftotext != null && pdftoppm != null,
                "LibreOffice or poppler-utils not installed (apt-get install libreoffice-calc-nogui poppler-utils)");
        Files.createDirectories(OUT);
        ExtractionContext ctx = new ExtractionContext(
                Fixtures.shop(), null, Map.of(), "PROD", null, Fixtures.usage(), Fixtures.assertions());
        Path xlsx = OUT.resolve("charts.xlsx");
        new XlsxWriter().write(List.of(ChartParts.charts(ctx)), xlsx);
        Path pdf = OUT.resolve("charts.pdf");
        Files.deleteIfExists(pdf);
        Path profile = Files.createTempDirectory("lumos-soffice");
        run(
                OUT,
                soffice.toString(),
                "-env:UserInstallation=" + profile.toUri(),
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                OUT.toString(),
                xlsx.toString());
        assertThat(pdf).exists();
        run(
                OUT,
                pdftotext.toString(),
                "-layout",
                pdf.toString(),
                OUT.resolve("charts.txt").toString());
        String text = Files.readString(OUT.resolve("charts.txt"), StandardCharsets.UTF_8);
        assertThat(text)
                .contains("Datasets by platform")
                .contains("Datasets by domain")
                .contains("Datasets by owner")
                .contains("Health score distribution")
                .contains("Top datasets by usage")
                .contains("Assertion results over time");
        run(
                OUT,
                pdftoppm.toString(),
                "-png",
                "-r",
                "60",
                pdf.toString(),
                OUT.resolve("charts").toString());
        List<Path> pages;
        try (var s = Files.list(OUT)) {
            pages = s.filter(p -> p.getFileName().toString().matches("charts-\\d+\\.png"))
                    .sorted()
                    .toList();
        }
        assertThat(pages).isNotEmpty();
        long colored = 0;
        for (Path page : pages) {
            colored += coloredPixels(ImageIO.read(page.toFile()));
        }
        // The chart bars and pie slices are coloured; a sheet of text and grid lines is grey.
        assertThat(colored).as("coloured pixels of the drawn charts").isGreaterThan(2_000);
    }

    static long coloredPixels(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    n++;
                }
            }
        }
        return n;
    }
}
