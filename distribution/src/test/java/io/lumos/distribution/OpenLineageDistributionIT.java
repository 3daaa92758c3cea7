package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenLineage source from the built distribution: its own plugin folder, `lumos ingest -c`. */
class OpenLineageDistributionIT {
    private static final Path HOME = Path.of("target", "lumos").toAbsolutePath();
    private static final Path EVENTS = Path.of(
                    "..", "source-handlers", "openlineage", "src", "test", "resources", "events")
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private Run lumos(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlumos.home=" + HOME,
                "-cp",
                HOME.resolve("lib") + "/*",
                "io.lumos.cli.Main"));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().remove("LUMOS_PLUGIN_PATH");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("lumos finished").isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theSampleConfigIngestsTheProducersEventsWithLineage() throws Exception {
        Path sample = Path.of("..", "config-samples", "openlineage.yaml")
                .toAbsolutePath()
                .normalize();
        Run r = lumos(
                "ingest",
                "-c",
                sample.toString(),
                "+",
                "lineage",
                "impact",
                "hive:raw.orders",
                "+",
                "datasets",
                "list");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("ingested 8 dataset(s) from 1 source(s) into local; 4 lineage edge(s)");
        assertThat(r.out())
                .contains("Impact of a change to hive:raw.orders: 1 direct")
                .contains("s3:lake/warehouse/sales/daily")
                .contains("snowflake:ANALYTICS.MARTS.CUSTOMER_LTV  view");
    }

    @Test
    void badLinesAreNamedAndTheExitCodeSaysSo() throws Exception {
        Files.writeString(
                dir.resolve("lumos.yaml"),
                "lumos_config:\n  platform: local\n  sources:\n    - { name: ol, type: openlineage, path: \""
                        + EVENTS.resolve("broken.jsonl").toString().replace('\\', '/') + "\" }\n");
        Run r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err())
                .contains("broken.jsonl:2: not a JSON event")
                .contains("broken.jsonl:3: the event has no eventTime")
                .contains("ingested 2 dataset(s)");
    }
}
