package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.json.ModelJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** config-samples/ci/run-tracking.sh as a user runs it: `lumos` on the PATH, the local catalog. */
@DisabledOnOs(OS.WINDOWS)
class RunTrackingSampleTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void theScriptIsAParentRunWhoseStepsLinkToIt() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path lumos = bin.resolve("lumos");
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(
                lumos,
                "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                        + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(lumos, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = repoRoot().resolve("config-samples/ci/run-tracking.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.remove("OPENLINEAGE_PARENT_ID");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(dir.resolve("out.txt"));
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(Files.readString(dir.resolve("orders_daily.csv"))).contains("today,9.9");

        Result list = run(dir, "runs", "list", "-f", "json");
        Map<String, JsonNode> byJob = new HashMap<>();
        for (JsonNode r : ModelJson.mapper().readTree(list.out())) {
            byJob.put(r.path("job").asText(), r);
        }
        assertThat(byJob).containsOnlyKeys("nightly_pipeline", "extract_orders", "daily_totals");
        String parent = "lumos/nightly_pipeline/"
                + byJob.get("nightly_pipeline").path("runId").asText();
        assertThat(byJob.get("extract_orders").path("parent").asText()).isEqualTo(parent);
        assertThat(byJob.get("daily_totals").path("parent").asText()).isEqualTo(parent);
        assertThat(byJob.values()).allMatch(r -> r.path("state").asText().equals("COMPLETE"));
        assertThat(byJob.get("daily_totals").path("inputs").get(0).asText()).contains("orders");
    }
}
