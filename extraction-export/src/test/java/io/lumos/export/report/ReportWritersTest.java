package io.lumos.export.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.lumos.domain.diff.FailOn;
import io.lumos.domain.diff.GateReport;
import io.lumos.spi.report.DiffReportWriter;
import io.lumos.spi.report.DiffReportWriters;
import io.lumos.spi.report.ReportOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWritersTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String write(String format, GateReport report, ReportOptions options) throws IOException {
        DiffReportWriter w = DiffReportWriters.load(getClass().getClassLoader()).get(format);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.write(report, out, options);
        return out.toString(StandardCharsets.UTF_8);
    }

    private ReportOptions options(Map<String, String> env) throws IOException {
        Path cur = ReportFixture.write(dir, "cur.json", ReportFixture.current());
        return new ReportOptions(cur, "snapshots/cur.json", env, 10);
    }

    /** The line in the written snapshot where the field's "path" sits, found independently. */
    private int lineOf(String path) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("cur.json"));
        boolean inOrders = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.contains("\"id\" : \"urn:li:dataset:")) {
                inOrders = l.contains("shop.public.orders");
            }
            if (inOrders && l.strip().equals("\"path\" : \"" + path + "\",")) {
                return i + 1;
            }
        }
        return -1;
    }

    @Test
    void allSixFormatsAreFound() {
        assertThat(DiffReportWriters.load(getClass().getClassLoader()).all().keySet())
                .containsExactlyInAnyOrder("text", "json", "markdown", "github", "junit", "sarif");
    }

    @Test
    void textPointsIntoTheNewSnapshot() throws IOException {
        String text = write("text", ReportFixture.report(), options(Map.of()));
        int line = lineOf("amount");
        assertThat(line).isPositive();
        assertThat(text)
                .contains("snapshots/cur.json:" + line
                        + ": BREAKING DECIMAL_SCALE_CHANGED postgres:shop.public.orders.amount: type of amount changed"
                        + " from decimal(10,2) to decimal(10,4)");
        assertThat(text)
                .contains(
                        "    breaks csv:mart.daily_sales.total via postgres:shop.public.orders -> csv:mart.daily_sales");
        assertThat(text).contains("BREAKING FIELD_REMOVED postgres:shop.public.orders.customer_id");
        assertThat(text).contains("ignored: FIELD_DESCRIPTION_CHANGED");
        assertThat(text).doesNotContain("ignored: OWNERS");
        assertThat(text.lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("2 breaking, 2 non-breaking, 1 info; 0 ignored; 2 blocking (fail-on breaking): exit 1"
                        .replace("0 ignored", "1 ignored"));
        // The first line is the worst finding.
        assertThat(text.lines().findFirst().orElseThrow()).contains(": BREAKING ");
    }

    @Test
    void jsonMatchesThePublishedSchema() throws IOException {
        String json = write("json", ReportFixture.report(), options(Map.of()));
        Path schemaFile = repoRoot().resolve("docs/gate-report.schema.json");
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(schemaFile));
        Set<ValidationMessage> errors = schema.validate(JSON.readTree(json));
        assertThat(errors).isEmpty();
        JsonNode root = JSON.readTree(json);
        assertThat(root.get("exitCode").asInt()).isEqualTo(1);
        assertThat(root.at("/summary/breaking").asInt()).isEqualTo(2);
        JsonNode first = root.get("findings").get(0);
        assertThat(first.get("severity").asText()).isEqualTo("BREAKING");
        assertThat(root.at("/summary/datasets/0/bump").asText()).isEqualTo("major");
        assertThat(root.at("/summary/datasets/0/changeType").asText()).isEqualTo("BREAKING_SCHEMA_CHANGE");
        JsonNode scale = null;
        for (JsonNode f : root.get("findings")) {
            if (f.get("ruleId").asText().equals("DECIMAL_SCALE_CHANGED")) {
                scale = f;
            }
        }
        assertThat(scale).isNotNull();
        assertThat(scale.at("/location/line").asInt()).isEqualTo(lineOf("amount"));
        assertThat(scale.at("/downstream/0/columns/0").asText()).isEqualTo("total");
        assertThat(root.at("/ignored/0/reason").asText()).isEqualTo("docs only");
        assertThat(root.at("/warnings/0").asText()).contains("expired on 2026-01-01");
        // A broken document must fail the same schema: the test can fail.
        ((com.fasterxml.jackson.databind.node.ObjectNode) first).put("severity", "FATAL");
        assertThat(schema.validate(root)).isNotEmpty();
    }

    @Test
    void markdownHasTablesBumpAndMermaid() throws IOException {
        String md = write("markdown", ReportFixture.report(), options(Map.of()));
        assertThat(md).startsWith("## Lumos schema gate: ❌ failed");
        assertThat(md).contains("### `postgres:shop.public.orders`: major bump (BACKWARD)");
        assertThat(md)
                .contains("| 🔴 BREAKING | `DECIMAL_SCALE_CHANGED` | `amount` | `decimal(10,2)` | `decimal(10,4)` |");
        assertThat(md).contains("```mermaid\nflowchart LR\n");
        assertThat(md).contains("[\"csv:mart.daily_sales\"]").contains("[\"s3:audit.orders_copy\"]");
        assertThat(md).contains(" possibly\n");
        assertThat(md).contains("1 ignored");
        assertThat(md.getBytes(StandardCharsets.UTF_8).length).isLessThan(1024 * 1024);
    }

    @Test
    void githubAnnotationsWorstFirstCappedWithCountsToOutput() throws IOException {
        Path output = dir.resolve("github_output");
        Files.writeString(output, "earlier=1\n");
        GateReport r = ReportFixture.report(FailOn.BREAKING, List.of());
        ReportOptions opts = new ReportOptions(
                ReportFixture.write(dir, "cur.json", ReportFixture.current()),
                "cur.json",
                Map.of("GITHUB_OUTPUT", output.toString()),
                1);
        String gh = write("github", r, opts);
        List<String> lines = gh.lines().toList();
        assertThat(lines.get(0)).startsWith("::error file=cur.json,line=").contains("title=");
        assertThat(lines.stream().filter(l -> l.startsWith("::error ")).count()).isEqualTo(1);
        assertThat(lines.stream().filter(l -> l.startsWith("::warning ")).count())
                .isEqualTo(1);
        assertThat(gh).contains("1 more breaking findings are not annotated");
        assertThat(gh).contains("postgres%3Ashop.public.orders");
        assertThat(Files.readString(output))
                .isEqualTo("earlier=1\nbreaking_count=2\nnon_breaking_count=2\ninfo_count=2\nignored_count=0\n"
                        + "blocking_count=2\nexit_code=1\n");
        assertThat(GithubReportWriter.data("50%\nx")).isEqualTo("50%25%0Ax");
    }

    @Test
    void githubWithoutOutputVariableWritesNoFile() throws IOException {
        String gh = write("github", ReportFixture.report(), ReportOptions.none());
        assertThat(gh).contains("::error title=");
        assertThat(gh).doesNotContain("file=");
    }

    @Test
    void junitHasASuitePerDatasetAndFailuresForBlocking() throws Exception {
        String xml = write("junit", ReportFixture.report(), options(Map.of()));
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(1);
        Element orders = (Element) suites.item(0);
        assertThat(orders.getAttribute("name")).isEqualTo("postgres:shop.public.orders");
        assertThat(orders.getElementsByTagName("failure").getLength()).isEqualTo(2);
        assertThat(orders.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(orders.getAttribute("tests"))
                .isEqualTo(
                        Integer.toString(orders.getElementsByTagName("testcase").getLength()));
        Element failure = (Element) orders.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isIn("FIELD_REMOVED", "DECIMAL_SCALE_CHANGED");
    }

    @Test
    void junitCleanRunHasOnePassingCase() throws Exception {
        GateReport clean = io.lumos.domain.diff.Gate.run(
                "a", ReportFixture.base(), "b", ReportFixture.base(), io.lumos.domain.diff.GateOptions.defaults());
        String xml = write("junit", clean, ReportOptions.none());
        assertThat(xml).contains("name=\"no schema changes\"").contains("failures=\"0\"");
    }

    @Test
    void sarifIsStructuredWithStableFingerprints() throws IOException {
        String sarif = write("sarif", ReportFixture.report(), options(Map.of()));
        JsonNode root = JSON.readTree(sarif);
        assertThat(root.get("version").asText()).isEqualTo("2.1.0");
        assertThat(root.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = root.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("lumos");
        JsonNode results = run.get("results");
        assertThat(results.size()).isEqualTo(5);
        JsonNode rules = run.at("/tool/driver/rules");
        for (JsonNode r : results) {
            assertThat(r.get("level").asText()).isIn("error", "warning", "note");
            int idx = r.get("ruleIndex").asInt();
            assertThat(rules.get(idx).get("id").asText())
                    .isEqualTo(r.get("ruleId").asText());
            assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri")
                            .asText())
                    .isEqualTo("snapshots/cur.json");
            assertThat(r.at("/locations/0/physicalLocation/region/startLine").asInt())
                    .isPositive();
            assertThat(r.at("/partialFingerprints/lumosFinding~1v1").asText()).hasSize(32);
            assertThat(r.at("/message/text").asText()).isNotBlank();
        }
        // Same findings, other wording and lines: same fingerprints.
        String again = write("sarif", ReportFixture.report(FailOn.NONE, List.of()), ReportOptions.none());
        Set<String> a = fingerprints(results);
        Set<String> b = fingerprints(JSON.readTree(again).get("runs").get(0).get("results"));
        assertThat(b).containsAll(a);
    }

    private static Set<String> fingerprints(JsonNode results) {
        Set<String> out = new java.util.HashSet<>();
        results.forEach(
                r -> out.add(r.at("/partialFingerprints/lumosFinding~1v1").asText()));
        return out;
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/gate-report.schema.json"))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root with docs/gate-report.schema.json").isNotNull();
        return p;
    }
}
