package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the very {@code lumos gate} lines of the GitHub workflow and the Jenkinsfile in
 * config-samples/ci on the two committed snapshots (baseline.json stands for the main branch).
 */
class GateCiSamplesTest extends DiffGateSupport {
    @TempDir
    Path dir;

    private List<String> gateLine(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(l -> l.startsWith("lumos gate "))
                .toList();
        assertThat(lines).as("one lumos gate line in %s", file).hasSize(1);
        return List.of(lines.get(0));
    }

    private Result runLine(String line, Map<String, String> vars) {
        List<String> words = shellWords(line, vars);
        assertThat(words.get(0)).isEqualTo("lumos");
        return runAt(dir, vars, words.subList(1, words.size()).toArray(new String[0]));
    }

    @Test
    void githubWorkflowGateFailsOnTheBreakingChangeAndFillsEveryReport() throws Exception {
        Path samples = copySamples(dir);
        String line = gateLine(samples.resolve("ci/github-schema-gate.yml")).get(0);
        Path summary = dir.resolve("step_summary.md");
        Path output = dir.resolve("github_output");
        Map<String, String> vars = Map.of(
                "BASELINE",
                "config-samples/ci/snapshots/baseline.json",
                "CURRENT",
                "config-samples/ci/snapshots/current.json",
                "GITHUB_STEP_SUMMARY",
                summary.toString(),
                "GITHUB_OUTPUT",
                output.toString());
        Result r = runLine(line, vars);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        // -f github went to stdout: annotations, worst first, pointing into the current snapshot.
        List<String> out = r.out().lines().toList();
        assertThat(out.get(0))
                .startsWith("::error file=config-samples/ci/snapshots/current.json,line=")
                .containsPattern(",line=\\d+,col=\\d+,")
                .contains("DECIMAL_SCALE_CHANGED");
        assertThat(r.out()).contains("::warning ").doesNotContain("FIELD_RENAMED");
        assertThat(Files.readString(output)).contains("breaking_count=1\n", "blocking_count=1\n", "exit_code=1\n");
        String md = Files.readString(summary);
        assertThat(md).contains("## Lumos schema gate: ❌ failed", "```mermaid", "s3:lake/marts/churn_features");
        JsonNode json =
                new ObjectMapper().readTree(dir.resolve("build/lumos-gate.json").toFile());
        assertThat(json.at("/summary/breaking").asInt()).isEqualTo(1);
        assertThat(json.at("/ignored/0/ruleId").asText()).isEqualTo("FIELD_RENAMED");
        JsonNode scale = json.at("/findings/0");
        assertThat(scale.get("ruleId").asText()).isEqualTo("DECIMAL_SCALE_CHANGED");
        List<String> downstream = scale.get("downstream").findValuesAsText("dataset");
        assertThat(downstream)
                .contains(
                        "urn:li:dataset:(urn:li:dataPlatform:s3,lake/marts/daily_sales,PROD)",
                        "urn:li:dataset:(urn:li:dataPlatform:s3,lake/marts/churn_features,PROD)",
                        "urn:li:dataset:(urn:li:dataPlatform:kafka,orders.v1,PROD)");
        JsonNode sarif = new ObjectMapper()
                .readTree(dir.resolve("build/lumos-gate.sarif").toFile());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        int line1 = sarif.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine")
                .asInt();
        int column1 = sarif.at("/runs/0/results/0/locations/0/physicalLocation/region/startColumn")
                .asInt();
        assertThat(Files.readAllLines(samples.resolve("ci/snapshots/current.json"))
                        .get(line1 - 1)
                        .substring(column1 - 1))
                .startsWith("\"path\" : \"amount\"");
    }

    @Test
    void jenkinsfileGateWritesJunitAndFails() throws Exception {
        Path samples = copySamples(dir);
        String line = gateLine(samples.resolve("ci/Jenkinsfile")).get(0);
        Map<String, String> vars = Map.of(
                "BASELINE", "config-samples/ci/snapshots/baseline.json",
                "CURRENT", "config-samples/ci/snapshots/current.json");
        Result r = runLine(line, vars);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        String xml = Files.readString(dir.resolve("build/lumos-gate.xml"));
        assertThat(xml)
                .contains("<testsuite name=\"postgres:shop.public.orders\"")
                .contains("<failure type=\"DECIMAL_SCALE_CHANGED\"")
                .contains("<skipped message=\"ignored: coupon was renamed");
        assertThat(Files.exists(dir.resolve("build/lumos-gate.sarif"))).isTrue();
        assertThat(Files.readString(dir.resolve("build/lumos-gate.md"))).contains("major bump");
        // -f text went to stdout.
        assertThat(r.out())
                .contains("config-samples/ci/snapshots/current.json:")
                .contains(": BREAKING DECIMAL_SCALE_CHANGED postgres:shop.public.orders.amount")
                .contains("1 breaking, 2 non-breaking");
    }

    @Test
    void theSameLinesPassWhenNothingBreaks() throws Exception {
        Path samples = copySamples(dir);
        String line = gateLine(samples.resolve("ci/Jenkinsfile")).get(0);
        Map<String, String> vars = Map.of(
                "BASELINE", "config-samples/ci/snapshots/current.json",
                "CURRENT", "config-samples/ci/snapshots/current.json");
        Result r = runLine(line, vars);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(dir.resolve("build/lumos-gate.xml"))).contains("no schema changes");
    }
}
