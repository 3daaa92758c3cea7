package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.json.ModelJson;
import io.lumos.spi.run.ParentRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** `lumos run` with real child processes and the local catalog; `runs list/get` read them back. */
@DisabledOnOs(OS.WINDOWS)
class RunCommandTest extends CliTestSupport {
    @TempDir
    Path dir;

    private JsonNode runs(String... filter) throws Exception {
        List<String> args = new ArrayList<>(List.of("runs", "list", "-f", "json"));
        args.addAll(List.of(filter));
        Result r = run(dir, args.toArray(new String[0]));
        assertThat(r.code()).as(r.toString()).isZero();
        return ModelJson.mapper().readTree(r.out());
    }

    @Test
    void aCommandThatSucceedsIsACompleteRunAndSeesItsRunAsParent() throws Exception {
        Result r = run(
                dir,
                "run",
                "--job",
                "nightly",
                "--namespace",
                "etl",
                "--input",
                "postgres:shop.public.orders",
                "--output",
                "s3:lake/daily",
                "--",
                "sh",
                "-c",
                "printf %s \"$OPENLINEAGE_PARENT_ID\" > parent.txt; echo progress >&2");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("progress");
        JsonNode list = runs("--job", "nightly");
        assertThat(list).hasSize(1);
        JsonNode run = list.get(0);
        assertThat(run.path("state").asText()).isEqualTo("COMPLETE");
        assertThat(run.path("exitCode").asInt()).isZero();
        assertThat(run.path("namespace").asText()).isEqualTo("etl");
        assertThat(run.path("states").findValuesAsText("state")).containsExactly("START", "COMPLETE");
        assertThat(run.path("inputs").get(0).asText()).contains("postgres").contains("shop.public.orders");
        ParentRun seen = ParentRun.parse(Files.readString(dir.resolve("parent.txt")));
        assertThat(seen.namespace()).isEqualTo("etl");
        assertThat(seen.job()).isEqualTo("nightly");
        assertThat(seen.runId().toString()).isEqualTo(run.path("runId").asText());

        Result get = run(dir, "runs", "get", run.path("runId").asText());
        assertThat(get.code()).as(get.toString()).isZero();
        assertThat(get.out()).contains("etl/nightly  COMPLETE").contains("s3:lake/daily");
    }

    @Test
    void aFailingCommandKeepsItsExitCodeAndTheRedactedTailOfStderr() throws Exception {
        Result r = run(
                dir,
                "run",
                "--job",
                "load",
                "--",
                "sh",
                "-c",
                "echo 'connecting to postgres://etl:hunter2@db:5432/shop' >&2; echo 'token=abc123 rejected' >&2; exit 3");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("hunter2"); // the terminal sees the child's own stderr, as it was
        JsonNode run = runs("--state", "fail").get(0);
        assertThat(run.path("exitCode").asInt()).isEqualTo(3);
        assertThat(run.path("durationMs").isNumber()).isTrue();
        String error = run.path("error").asText();
        assertThat(error).startsWith("exit code 3: ").contains("rejected").contains("postgres://etl:****@db");
        assertThat(error).doesNotContain("hunter2").doesNotContain("abc123");
        assertThat(runs("--state", "complete")).isEmpty();
    }

    @Test
    void aCommandThatCannotStartFailsWith127() throws Exception {
        Result r = run(dir, "run", "--job", "typo", "--", "no-such-command-" + UUID.randomUUID());
        assertThat(r.code()).isEqualTo(127);
        assertThat(r.err()).contains("cannot run no-such-command-");
        assertThat(runs().get(0).path("state").asText()).isEqualTo("FAIL");
    }

    @Test
    void theParentComesFromTheOptionOrTheEnvironment() throws Exception {
        UUID outer = UUID.randomUUID();
        env.put("OPENLINEAGE_PARENT_ID", "airflow/dag.task/" + outer);
        assertThat(run(dir, "run", "--job", "child", "--", "true").code()).isZero();
        assertThat(runs().get(0).path("parent").asText()).isEqualTo("airflow/dag.task/" + outer);

        Result bad = run(dir, "run", "--job", "x", "--parent", "not-a-run", "--", "true");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--parent").contains("namespace/job/runId");
    }

    @Test
    void theCommandsOwnOptionsNeedNoDoubleDash() throws Exception {
        Result r = run(dir, "run", "--job", "opts", "sh", "-c", "echo \"$0\" > opt.txt", "--job");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(dir.resolve("opt.txt")).strip()).isEqualTo("--job");
    }

    @Test
    void aPlusAfterTheDoubleDashBelongsToTheCommand() throws Exception {
        Result r = run(dir, "run", "--job", "calc", "--", "sh", "-c", "echo \"$1\" > arg.txt", "sh", "+");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(dir.resolve("arg.txt")).strip()).isEqualTo("+");
    }

    @Test
    void aCatalogOutageNeverFailsTheCommandAndTheEventsCanBeReplayed() throws Exception {
        Path broken = dir.resolve("broken.db");
        Files.writeString(broken, "this is not a SQLite file, so the catalog cannot open");
        Result r = run(
                dir, "run", "--catalog-path", broken.toString(), "--job", "j", "--", "sh", "-c", "echo out > done.txt");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(dir.resolve("done.txt")).exists();
        Path letters = dir.resolve(".lumos/dead-letters/runs.jsonl");
        assertThat(r.err()).contains("dead-letter file").contains("runs.jsonl").contains("the command goes on");
        assertThat(Files.readAllLines(letters)).hasSize(2);

        // once the catalog is back, the replay records the run
        Result replay = run(dir, "ingest", "--replay", letters.toString());
        assertThat(replay.code()).as(replay.toString()).isZero();
        JsonNode run = runs().get(0);
        assertThat(run.path("job").asText()).isEqualTo("j");
        assertThat(run.path("state").asText()).isEqualTo("COMPLETE");
    }

    @Test
    void runOnlyDatasetsAreToldApartAndDatasetsGetShowsTheLastRunThatWroteOne() throws Exception {
        copySamples(dir);
        Result ingest = run(dir, "ingest", "-c", "config-samples/quickstart.yaml");
        assertThat(ingest.code()).as(ingest.toString()).isZero();
        Result r = run(
                dir,
                "run",
                "--job",
                "refresh",
                "--input",
                "csv:orders",
                "--output",
                "s3:lake/orders_copy",
                "--",
                "true");
        assertThat(r.code()).as(r.toString()).isZero();

        Result list = run(dir, "datasets", "list");
        assertThat(list.out()).contains("csv:orders").doesNotContain("lake/orders_copy");

        Result stub = run(dir, "datasets", "get", "s3:lake/orders_copy");
        assertThat(stub.code()).as(stub.toString()).isZero();
        assertThat(stub.out())
                .contains("known only from runs")
                .contains("written by")
                .contains("lumos/refresh");

        Result run2 = run(dir, "run", "--job", "rebuild", "--output", "csv:orders", "--", "true");
        assertThat(run2.code()).isZero();
        Result scanned = run(dir, "datasets", "get", "csv:orders");
        assertThat(scanned.out()).contains("FIELD").contains("last run that wrote it: lumos/rebuild COMPLETE");

        Result unknown = run(dir, "datasets", "get", "s3:nowhere");
        assertThat(unknown.code()).isEqualTo(2);
    }

    @Test
    void theExtractGetsARunsSheet() throws Exception {
        assertThat(run(dir, "run", "--job", "nightly", "--output", "s3:lake/daily", "--", "sh", "-c", "exit 4")
                        .code())
                .isEqualTo(4);
        Result r = run(dir, "extract", "-t", "comprehensive", "-f", "csv", "-o", "out");
        assertThat(r.code()).as(r.toString()).isZero();
        Path runsCsv;
        try (var files = Files.walk(dir.resolve("out"))) {
            runsCsv = files.filter(p -> p.getFileName().toString().startsWith("runs"))
                    .findFirst()
                    .orElseThrow();
        }
        String csv = Files.readString(runsCsv);
        assertThat(csv)
                .contains("nightly")
                .contains("FAIL")
                .contains("s3:lake/daily")
                .contains("exit code 4");
    }

    /** The whole process: SIGTERM to Lumos reaches the child, the run is ABORT, Lumos exits 128+15. */
    @Test
    void sigtermReachesTheChildAndTheRunEndsAsAbort() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path catalog = dir.resolve("catalog.db");
        Process lumos = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "run",
                        "--catalog-path",
                        catalog.toString(),
                        "--job",
                        "long",
                        "--",
                        "sh",
                        "-c",
                        "trap 'echo child got TERM >&2; exit 143' TERM; echo ready; while :; do sleep 0.05; done")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(lumos.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.equals("ready")) {
                    // SIGTERM to Lumos only, not to the child (Process.destroy would close our pipe)
                    new ProcessBuilder("kill", "-TERM", String.valueOf(lumos.pid()))
                            .start()
                            .waitFor();
                }
            }
        }
        assertThat(lumos.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lumos.exitValue()).as(output.toString()).isEqualTo(143);
        assertThat(output).contains("child got TERM");
        Result get = run(dir, "runs", "list", "--catalog-path", catalog.toString(), "-f", "json");
        JsonNode run = ModelJson.mapper().readTree(get.out()).get(0);
        assertThat(run.path("state").asText()).as(get.toString()).isEqualTo("ABORT");
        assertThat(run.path("exitCode").asInt()).isEqualTo(143);
    }
}
