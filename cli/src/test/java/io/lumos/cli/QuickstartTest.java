package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "run it" command, in-process, over a copy of config-samples. */
class QuickstartTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void ingestImpactAndListInOneChain() throws Exception {
        copySamples(dir);
        Result r = run(
                dir,
                "ingest",
                "-c",
                "config-samples/quickstart.yaml",
                "+",
                "lineage",
                "impact",
                "csv:orders",
                "+",
                "datasets",
                "list");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.exists(dir.resolve(".lumos/catalog.db"))).isTrue();
        assertThat(r.out())
                .contains("Impact of a change to csv:orders: 2 direct, 1 indirect")
                .containsPattern(
                        "json:revenue_report\\s+2\\s+indirect\\s+1\\.00\\s+csv:orders -> csv:orders_daily -> json:revenue_report")
                .contains(
                        "csv:customers",
                        "csv:orders_daily",
                        "csv:customer_ltv",
                        "tsv:products",
                        "jsonl:order_items",
                        "json:events",
                        "json:revenue_report");
        assertThat(r.err()).contains("ingested 8 dataset(s) from 4 source(s)").contains("8 new version(s)");

        // Re-running the same ingestion changes nothing: no new version, byte-identical snapshot.
        assertThat(run(dir, "snapshot", "export", "-o", "before.json").code()).isZero();
        Result again = run(dir, "ingest", "-c", "config-samples/quickstart.yaml");
        assertThat(again.code()).isZero();
        assertThat(again.err()).contains("0 new version(s)");
        assertThat(run(dir, "snapshot", "export", "-o", "after.json").code()).isZero();
        assertThat(Files.readString(dir.resolve("after.json"))).isEqualTo(Files.readString(dir.resolve("before.json")));
    }

    @Test
    void columnImpactFollowsColumnLineage() throws Exception {
        copySamples(dir);
        Result r = run(
                dir,
                "ingest",
                "-c",
                "config-samples/quickstart.yaml",
                "-q",
                "+",
                "lineage",
                "impact",
                "csv:orders.amount",
                "-f",
                "json");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("\"column\" : \"amount\"")
                .containsPattern(
                        "orders_daily,PROD\\)\",\\s+\"depth\" : 1,\\s+\"direct\" : true,\\s+\"possiblyAffected\" : false,"
                                + "\\s+\"columns\" : \\[\\s+\"revenue\"");
    }

    @Test
    void aSchemaChangeMakesANewVersionWithTheFindings() throws Exception {
        Path samples = copySamples(dir);
        assertThat(run(dir, "ingest", "-c", "config-samples/quickstart.yaml").code())
                .isZero();
        Path orders = samples.resolve("data/orders.csv");
        String csv = Files.readString(orders)
                .replace("order_id,customer_id,", "order_id,")
                .replaceAll("(?m)^(\\d+),\\d+,", "$1,");
        Files.writeString(orders, csv);
        Result r = run(dir, "ingest", "-c", "config-samples/quickstart.yaml", "+", "version", "history", "csv:orders");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("csv:orders 1.0.0 -> 2.0.0").contains("BREAKING_SCHEMA_CHANGE");
        assertThat(r.out()).contains("2.0.0").contains("customer_id");
        Result compare = run(dir, "version", "compare", "csv:orders", "1.0.0", "2.0.0");
        assertThat(compare.out()).contains("BREAKING").contains("customer_id");
    }

    @Test
    void badFilesAreNamedAndTheRestIsIngestedWithExitThree() throws Exception {
        Path samples = copySamples(dir);
        Files.write(samples.resolve("data/broken.csv"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 0, 7, 8, 9, 0, 0});
        Result r = run(dir, "ingest", "-c", "config-samples/quickstart.yaml", "+", "datasets", "list");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("broken.csv").contains("could not be read");
        Result list = run(dir, "datasets", "list");
        assertThat(list.out()).contains("csv:orders", "json:events");
    }

    @Test
    void dryRunWritesNothing() throws Exception {
        copySamples(dir);
        Result r = run(dir, "ingest", "-c", "config-samples/quickstart.yaml", "--dry-run");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("would ingest 8 dataset(s)").contains("dry run, nothing written");
        Result list = run(dir, "datasets", "list");
        assertThat(list.out()).doesNotContain("csv:orders");
    }
}
