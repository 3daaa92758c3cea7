package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingest --dry-run} reads the catalog to plan, and never creates or writes it. */
class IngestDryRunTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void aMissingCatalogStaysMissing() throws Exception {
        copySamples(dir);
        Result r = run(dir, "ingest", "-c", "config-samples/quickstart.yaml", "--dry-run");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("would ingest 8 dataset(s)");
        assertThat(dir.resolve(".lumos/catalog.db")).doesNotExist();
        Result named =
                run(dir, "ingest", "-c", "config-samples/quickstart.yaml", "--dry-run", "--catalog-path", "new/c.db");
        assertThat(named.code()).as(named.toString()).isZero();
        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void anExistingCatalogIsReadToPlanAndLeftAsItWas() throws Exception {
        Path samples = copySamples(dir);
        assertThat(run(dir, "ingest", "-c", "config-samples/quickstart.yaml", "-q")
                        .code())
                .isZero();
        Path catalog = dir.resolve(".lumos/catalog.db");
        byte[] before = Files.readAllBytes(catalog);
        // a column dropped: the plan reads the stored version to name the next one
        Path orders = samples.resolve("data/orders.csv");
        Files.writeString(
                orders,
                Files.readString(orders)
                        .replace("order_id,customer_id,", "order_id,")
                        .replaceAll("(?m)^(\\d+),\\d+,", "$1,"));
        Result r = run(dir, "ingest", "-c", "config-samples/quickstart.yaml", "--dry-run");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("csv:orders 1.0.0 -> 2.0.0");
        assertThat(Files.readAllBytes(catalog)).isEqualTo(before);
        Result history = run(dir, "version", "history", "csv:orders");
        assertThat(history.out()).contains("1.0.0").doesNotContain("2.0.0");
    }
}
