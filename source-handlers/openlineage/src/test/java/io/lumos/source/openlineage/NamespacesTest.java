package io.lumos.source.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.spi.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamespacesTest {
    private final Namespaces defaults = new Namespaces(List.of(), "PROD");

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "s3a://bucket | path/to/table | s3:bucket/path/to/table",
                "s3://bucket/ | /path/to/table | s3:bucket/path/to/table",
                "s3://bucket/prefix | table | s3:bucket/prefix/table",
                "gs://bucket | events/2024 | gcs:bucket/events/2024",
                "abfss://container@account.dfs.core.windows.net | raw/x | adls:container@account.dfs.core.windows.net/raw/x",
                "hdfs://nn:8020 | /warehouse/db.db/orders | hdfs:warehouse/db.db/orders",
                "file | /data/orders.csv | file:/data/orders.csv",
                "file:// | /data/orders.csv | file:data/orders.csv",
                "postgres://host:5432 | shop.public.orders | postgres:shop.public.orders",
                "postgresql://host:5432 | shop.public.orders | postgres:shop.public.orders",
                "mysql://host:3306 | shop.orders | mysql:shop.orders",
                "snowflake://account | DB.SCHEMA.TABLE | snowflake:DB.SCHEMA.TABLE",
                "bigquery | project.dataset.table | bigquery:project.dataset.table",
                "redshift://cluster.region:5439 | dev.public.t | redshift:dev.public.t",
                "awsathena://athena.eu-west-1.amazonaws.com | AwsDataCatalog.db.t | athena:AwsDataCatalog.db.t",
                "kafka://broker:9092 | orders | kafka:orders",
                "hive://metastore:9083 | db.table | hive:db.table",
                "food_delivery | public.menus | food_delivery:public.menus",
                "custom+x://host | thing | custom+x:thing",
            })
    void defaultsByScheme(String namespace, String name, String id) {
        assertThat(defaults.id(namespace, name).shortName()).isEqualTo(id);
    }

    @Test
    void theLongestConfiguredNamespaceWins() {
        Namespaces n = Namespaces.of(
                Settings.of(
                        "s",
                        Map.of(
                                "namespaces",
                                Map.of(
                                        "s3://lake", "lake",
                                        "s3://lake/raw", Map.of("platform", "raw_zone", "env", "dev"),
                                        "postgres://replica:5432", Map.of("platform", "postgres", "env", "qa")))),
                "PROD");
        assertThat(n.id("s3://lake/raw", "orders").urn())
                .isEqualTo("urn:li:dataset:(urn:li:dataPlatform:raw_zone,lake/raw/orders,DEV)");
        assertThat(n.id("s3://lake", "curated/orders").shortName()).isEqualTo("lake:lake/curated/orders");
        // a prefix matches only at a path boundary
        assertThat(n.id("s3://lakehouse", "x").shortName()).isEqualTo("s3:lakehouse/x");
        assertThat(n.id("postgres://replica:5432", "db.s.t").env()).isEqualTo("QA");
        assertThat(n.id("postgres://primary:5432", "db.s.t").env()).isEqualTo("PROD");
    }

    @Test
    void locationsAreForFilesAndObjectsOnly() {
        assertThat(Namespaces.location("s3a://lake", "a/b")).isEqualTo("s3a://lake/a/b");
        assertThat(Namespaces.location("hdfs://nn:8020", "/w/t")).isEqualTo("hdfs://nn:8020/w/t");
        assertThat(Namespaces.location("postgres://h:5432", "db.s.t")).isNull();
        assertThat(Namespaces.location("file", "/data/x.csv")).isEqualTo("/data/x.csv");
    }
}
