package io.lumos.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.distribution.DistributionHarness.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenLineage source from the built distribution: its own plugin folder, `lumos ingest -c`. */
class OpenLineageDistributionIT {
    private static final Path EVENTS = Path.of(
                    "..", "source-handlers", "openlineage", "src", "test", "resources", "events")
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path dir;

    private Run lumos(String... args) throws IOException, InterruptedException {
        return DistributionHarness.run(dir, Duration.ofSeconds(120), args);
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
