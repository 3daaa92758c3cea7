package io.lumos.source.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.platform.local.LocalCatalogFactory;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the source finds, written to the real embedded catalog and read back. */
class LocalCatalogRoundTripTest extends SourceTestBase {
    @Test
    void datasetsLineageAndTheKindOfEachColumnMappingSurviveTheLocalCatalog() {
        Found f = scan(
                "spark-hive-to-s3.jsonl",
                "airflow-postgres-out-of-order.json",
                "dbt-snowflake.jsonl",
                "flink-kafka-to-iceberg.jsonl");
        assertThat(f.problems()).isEmpty();
        PluginContext context = PluginContext.basic(dir, List.of());
        Settings settings = Settings.of("platforms.local", Map.of("path", "catalog.db"));
        try (CatalogAdapter c = new LocalCatalogFactory().create(settings, context)) {
            c.writeDatasets(List.copyOf(f.datasets().values()));
            c.writeLineage(f.edges());
            c.flush();
        }
        try (CatalogAdapter c = new LocalCatalogFactory().create(settings, context)) {
            for (Dataset d : f.datasets().values()) {
                assertThat(c.dataset(d.id())).contains(d);
            }
            DatasetId ltv = DatasetId.of("snowflake", "ANALYTICS.MARTS.CUSTOMER_LTV");
            LineageEdge back = c.upstreamEdges(ltv).get(0);
            assertThat(back.columns())
                    .contains(
                            new ColumnMapping(List.of("CUSTOMER_ID"), "LIFETIME_VALUE", null, "INDIRECT", "GROUP_BY"));
            assertThat(back.columns())
                    .isEqualTo(f.edge("snowflake:ANALYTICS.STAGING.STG_ORDERS", ltv.shortName())
                            .columns());
            assertThat(c.lineage()).hasSameSizeAs(f.edges());
        }
    }
}
