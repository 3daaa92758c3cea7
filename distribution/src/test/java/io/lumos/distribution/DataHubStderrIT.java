package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DataHub client prints ANTLR version lines to stderr when its schema parser loads; the packaged
 * {@code bin/lumos} shows none of them, and says what it did.
 */
class DataHubStderrIT {
    private static final Path LUMOS = Path.of("target", "lumos", "bin", "lumos").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aDataHubIngestThroughTheLauncherPrintsNoAntlrLines() throws Exception {
        Path samples = Path.of("..", "config-samples").toAbsolutePath().normalize();
        String quickstart = Files.readString(samples.resolve("quickstart.yaml"));
        assertThat(quickstart).contains("  platform: local");
        Files.writeString(
                dir.resolve("lumos.yaml"),
                quickstart
                        .replaceFirst(
                                "  platform: local[^\\n]*",
                                "  platform: datahub\n  platforms:\n    datahub: { transport: file, file: out/mcps.json }")
                        .replace("data/", samples.resolve("data").toString().replace('\\', '/') + "/"));
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(List.of(LUMOS.toString(), "ingest", "-c", "lumos.yaml"))
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(err.toFile());
        pb.environment().remove("LUMOS_PLUGIN_PATH");
        pb.environment().put("LUMOS_NO_CDS", "1");
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("lumos finished").isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(stderr).contains("ingested 8 dataset(s)").doesNotContain("ANTLR");
        // the client's Pegasus classes (and so its PDL parser) ran: the proposals are there
        assertThat(Files.readString(dir.resolve("out/mcps.json"))).contains("schemaMetadata");
    }
}
