package io.lumos.source.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.spi.LumosException;
import io.lumos.spi.ScanProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OpenLineageSourceTest extends SourceTestBase {
    @Test
    void isFoundAsAPluginByItsType() {
        assertThat(ServiceLoader.load(io.lumos.spi.SourceHandlerFactory.class).stream()
                        .map(p -> p.get().name()))
                .contains("openlineage");
    }

    @Test
    void sparkHiveTablesAreNamedByTheirSymlinkAndTheOutputTakesTheSchemaOfComplete() {
        Found f = scan("spark-hive-to-s3.jsonl");
        assertThat(f.problems()).isEmpty();
        // hdfs://nn:8020 /warehouse/raw.db/orders is the Hive table raw.orders
        Dataset orders = f.dataset("hive:raw.orders");
        assertThat(orders.location()).isEqualTo("hdfs://nn:8020/warehouse/raw.db/orders");
        assertThat(orders.properties())
                .containsEntry("openlineage.namespace", "hive://metastore:9083")
                .containsEntry("openlineage.symlinks", "hive://metastore:9083 raw.orders (TABLE)");
        assertThat(orders.fields())
                .extracting(Field::name)
                .containsExactly("order_id", "customer_id", "amount", "ordered_at", "shipping", "items");
        assertThat(orders.field("order_id").orElseThrow().type()).isEqualTo(DataType.Primitive.INT64);
        assertThat(orders.field("order_id").orElseThrow().nativeType()).isEqualTo("long");
        assertThat(orders.field("amount").orElseThrow().type().print()).isEqualTo("decimal(10,2)");
        assertThat(orders.field("shipping.zip").orElseThrow().type()).isEqualTo(DataType.Primitive.STRING);
        assertThat(orders.field("shipping").orElseThrow().type().print()).isEqualTo("struct<city:string,zip:string>");
        assertThat(orders.field("items").orElseThrow().type().print()).isEqualTo("array<struct<sku:string,qty:int32>>");
        assertThat(f.datasets()).doesNotContainKey("hdfs:warehouse/raw.db/orders");

        // the START had no output schema; the COMPLETE's is kept, with storage and statistics
        Dataset daily = f.dataset("s3:lake/warehouse/sales/daily");
        assertThat(daily.fields()).extracting(Field::name).containsExactly("day", "customer_id", "revenue");
        assertThat(daily.location()).isEqualTo("s3a://lake/warehouse/sales/daily");
        assertThat(daily.properties())
                .containsEntry("storage.layer", "delta")
                .containsEntry("storage.file_format", "parquet")
                .containsEntry("openlineage.data_source.uri", "s3a://lake");
        assertThat(daily.statistics().rowCount()).isEqualTo(365L);
        assertThat(daily.statistics().sizeBytes()).isEqualTo(40960L);
        assertThat(daily.statistics().lastModified()).hasToString("2024-03-01T02:04:10.456Z");

        LineageEdge e = f.edge("hive:raw.orders", "s3:lake/warehouse/sales/daily");
        assertThat(e.createdBy())
                .isEqualTo("openlineage:spark-prod/orders_etl.execute_insert_into_hadoop_fs_relation_command"
                        + ".warehouse_sales_daily");
        assertThat(e.createdAt()).hasToString("2024-03-01T02:00:00.123Z");
        assertThat(e.columns())
                .containsExactly(
                        new ColumnMapping(
                                List.of("ordered_at"), "day", "to_date(ordered_at)", "DIRECT", "TRANSFORMATION"),
                        new ColumnMapping(List.of("customer_id"), "customer_id", null, "DIRECT", "IDENTITY"),
                        new ColumnMapping(List.of("amount"), "revenue", "sum(amount)", "DIRECT", "AGGREGATION"));
        assertThat(f.edges()).hasSize(1);
    }

    @Test
    void airflowEventsOutOfOrderEndWithTheLatestEventTime() {
        Found f = scan("airflow-postgres-out-of-order.json");
        assertThat(f.problems()).isEmpty();
        // the COMPLETE (03:10+01:00) comes first in the file, the START (03:00) with an older schema after
        Dataset clean = f.dataset("postgres:shop.public.orders_clean");
        assertThat(clean.fields()).extracting(Field::name).containsExactly("id", "email", "total");
        assertThat(clean.field("id").orElseThrow().description()).isEqualTo("order id");
        assertThat(clean.field("id").orElseThrow().type()).isEqualTo(DataType.Primitive.INT32);
        assertThat(clean.field("total").orElseThrow().type().print()).isEqualTo("decimal(12,2)");
        assertThat(clean.description()).isEqualTo("Orders with a positive total");
        assertThat(clean.owners()).containsExactly(new Owner("jdoe", "MAINTAINER"), new Owner("group:data-eng", null));
        assertThat(clean.location()).isNull();
        Dataset orders = f.dataset("postgres:shop.public.orders");
        assertThat(orders.field("email").orElseThrow().type()).isEqualTo(DataType.Primitive.STRING);
        assertThat(orders.field("email").orElseThrow().nativeType()).isEqualTo("character varying(255)");

        LineageEdge e = f.edge("postgres:shop.public.orders", "postgres:shop.public.orders_clean");
        assertThat(e.createdAt()).hasToString("2024-03-01T02:00:00Z");
        assertThat(e.columns())
                .containsExactly(
                        new ColumnMapping(List.of("id"), "id", null, "DIRECT", "IDENTITY"),
                        new ColumnMapping(List.of("email"), "email", "lower(email)", "DIRECT", "TRANSFORMATION"),
                        new ColumnMapping(List.of("total"), "total", null, "DIRECT", "IDENTITY"),
                        new ColumnMapping(List.of("total"), "total", "total > 0", "INDIRECT", "FILTER"));
    }

    @Test
    void theSameEventsInAnyOrderGiveTheSameResult() throws IOException {
        Path in = events("airflow-postgres-out-of-order.json");
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        var array = m.readTree(in.toFile());
        Path reversed = dir.resolve("reversed.jsonl");
        Files.writeString(reversed, m.writeValueAsString(array.get(1)) + "\n" + m.writeValueAsString(array.get(0)));
        Found a = scan(Map.of("path", in.toString()));
        Found b = scan(Map.of("path", reversed.toString()));
        assertThat(b.datasets()).isEqualTo(a.datasets());
        assertThat(b.edges()).isEqualTo(a.edges());
    }

    @Test
    void anEventThatNamesOnlyTheHivePathBeforeTheSymlinkIsKnownStillMeetsTheTable() throws IOException {
        List<String> lines = Files.readAllLines(events("spark-hive-to-s3.jsonl"));
        Path reversed = dir.resolve("spark-reversed.jsonl");
        Files.writeString(reversed, lines.get(1) + "\n" + lines.get(0) + "\n");
        Found a = scan("spark-hive-to-s3.jsonl");
        Found b = scan(Map.of("path", reversed.toString()));
        assertThat(b.problems()).isEmpty();
        assertThat(b.edges()).isEqualTo(a.edges());
        assertThat(b.datasets()).isEqualTo(a.datasets());
    }

    @Test
    void dbtOnSnowflakeKeepsAggregationsAndGroupByApart() {
        Found f = scan("dbt-snowflake.jsonl");
        assertThat(f.problems()).isEmpty();
        Dataset ltv = f.dataset("snowflake:ANALYTICS.MARTS.CUSTOMER_LTV");
        assertThat(ltv.subtype()).isEqualTo("view");
        assertThat(ltv.tags()).containsExactly("finance");
        assertThat(ltv.field("CUSTOMER_ID").orElseThrow().tags()).containsExactly("pii:false");
        assertThat(ltv.field("LIFETIME_VALUE").orElseThrow().type().print()).isEqualTo("decimal(38,2)");
        assertThat(ltv.field("FIRST_ORDER_AT").orElseThrow().type().print()).isEqualTo("timestamp(us)");
        LineageEdge e = f.edge("snowflake:ANALYTICS.STAGING.STG_ORDERS", "snowflake:ANALYTICS.MARTS.CUSTOMER_LTV");
        assertThat(e.columns())
                .filteredOn(c -> c.downstreamColumn().equals("LIFETIME_VALUE"))
                .containsExactly(
                        new ColumnMapping(List.of("AMOUNT"), "LIFETIME_VALUE", "SUM(AMOUNT)", "DIRECT", "AGGREGATION"),
                        new ColumnMapping(List.of("CUSTOMER_ID"), "LIFETIME_VALUE", null, "INDIRECT", "GROUP_BY"));
        assertThat(e.columns())
                .filteredOn(ColumnMapping::isIdentity)
                .extracting(ColumnMapping::downstreamColumn)
                .containsExactly("CUSTOMER_ID");
    }

    @Test
    void flinkTopicsAndIcebergTablesOnS3() {
        Found f = scan("flink-kafka-to-iceberg.jsonl");
        assertThat(f.problems()).isEmpty();
        Dataset topic = f.dataset("kafka:clickstream");
        assertThat(topic.subtype()).isEqualTo("topic");
        Field user = topic.field("user_id").orElseThrow();
        assertThat(user.type()).isEqualTo(DataType.Primitive.INT64);
        assertThat(user.nullable()).isFalse();
        assertThat(topic.field("url").orElseThrow().nullable()).isTrue();
        assertThat(topic.field("ts").orElseThrow().type().print()).isEqualTo("timestamp(ms)");
        assertThat(topic.field("device").orElseThrow().type().print()).isEqualTo("struct<os:string,version:int32>");
        assertThat(topic.field("device.os")).isPresent();
        Dataset clicks = f.dataset("s3:warehouse/iceberg/web/clicks");
        assertThat(clicks.field("ts").orElseThrow().type().print()).isEqualTo("timestamptz(ms)");
        assertThat(clicks.properties()).containsEntry("storage.layer", "iceberg");
        assertThat(clicks.location()).isEqualTo("s3://warehouse/iceberg/web/clicks");
        assertThat(f.edge("kafka:clickstream", "s3:warehouse/iceberg/web/clicks")
                        .columns())
                .isEmpty();
    }

    @Test
    void aBadLineIsOneProblemWithItsFileAndLineAndTheRestGoesOn() {
        Found f = scan("broken.jsonl");
        assertThat(f.problems())
                .extracting(ScanProblem::toString)
                .satisfiesExactly(
                        p -> assertThat(p)
                                .startsWith("ol: ")
                                .contains("broken.jsonl:2: not a JSON event: ")
                                .endsWith("; fix or remove the line"),
                        p -> assertThat(p).contains("broken.jsonl:3: the event has no eventTime; the event is skipped"),
                        p -> assertThat(p).contains("broken.jsonl:5: inputs[0] has no name; that dataset is skipped"));
        assertThat(f.datasets()).containsOnlyKeys("kafka:payments", "kafka:refunds");
        assertThat(f.dataset("kafka:payments").fields()).extracting(Field::name).containsExactly("id");
    }

    @Test
    void namespacesMapToConfiguredPlatformsAndEnvironments() {
        Found f = scan(Map.of(
                "paths",
                List.of(
                        events("airflow-postgres-out-of-order.json").toString(),
                        events("spark-hive-to-s3.jsonl").toString()),
                "namespaces",
                Map.of(
                        "postgres://db.internal:5432", Map.of("platform", "postgres", "env", "dev"),
                        "s3a://lake", "lakehouse",
                        "hive://metastore:9083", "glue")));
        assertThat(f.datasets())
                .containsOnlyKeys(
                        "postgres:shop.public.orders",
                        "postgres:shop.public.orders_clean",
                        "glue:raw.orders",
                        "lakehouse:lake/warehouse/sales/daily");
        assertThat(f.dataset("postgres:shop.public.orders").id().env()).isEqualTo("DEV");
        assertThat(f.dataset("glue:raw.orders").id().env()).isEqualTo("PROD");
    }

    @Test
    void withoutPreferSymlinksThePathIsTheDataset() {
        Found f = scan(Map.of("path", events("spark-hive-to-s3.jsonl").toString(), "prefer_symlinks", false));
        assertThat(f.datasets()).containsKey("hdfs:warehouse/raw.db/orders").doesNotContainKey("hive:raw.orders");
        assertThat(f.dataset("hdfs:warehouse/raw.db/orders").properties())
                .containsEntry("openlineage.symlinks", "hive://metastore:9083 raw.orders (TABLE)");
    }

    @Test
    void aFolderIsReadWholeAndDatasetsWithoutASchemaAreLineageEndsOnly() throws IOException {
        Path folder = dir.resolve("events");
        Files.createDirectories(folder.resolve("2024/03"));
        Files.copy(events("dbt-snowflake.jsonl"), folder.resolve("2024/03/dbt.jsonl"));
        Files.writeString(
                folder.resolve("2024/03/job.json"),
                """
                {
                  "eventTime": "2024-03-03T00:00:00Z",
                  "producer": "https://example.com/static",
                  "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
                  "job": {"namespace": "static", "name": "export"},
                  "inputs": [{"namespace": "snowflake://xy12345.eu-central-1", "name": "ANALYTICS.MARTS.CUSTOMER_LTV"}],
                  "outputs": [{"namespace": "file", "name": "/exports/ltv.csv"}]
                }
                """);
        Files.writeString(folder.resolve("_SUCCESS"), "");
        Files.writeString(folder.resolve("2024/notes.txt"), "not events");
        Found f = scan(Map.of("path", folder.toString()));
        assertThat(f.problems()).isEmpty();
        assertThat(f.datasets())
                .containsOnlyKeys("snowflake:ANALYTICS.STAGING.STG_ORDERS", "snowflake:ANALYTICS.MARTS.CUSTOMER_LTV");
        // the JobEvent's lineage is kept even though the export file has no schema
        f.edge("snowflake:ANALYTICS.MARTS.CUSTOMER_LTV", "file:/exports/ltv.csv");

        Found all = scan(Map.of("path", folder.toString(), "datasets_without_schema", true));
        assertThat(all.dataset("file:/exports/ltv.csv").fields()).isEmpty();
        assertThat(all.dataset("file:/exports/ltv.csv").location()).isEqualTo("/exports/ltv.csv");
    }

    @Test
    void aDatasetEventCanDropADatasetAndALaterRunBringsItBack() throws IOException {
        Path file = dir.resolve("lifecycle.jsonl");
        String schema = "\"schema\":{\"fields\":[{\"name\":\"id\",\"type\":\"bigint\"}]}";
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "{\"eventTime\":\"2024-01-01T00:00:00Z\",\"dataset\":{\"namespace\":\"postgres://h:5432\","
                                + "\"name\":\"db.s.t\",\"facets\":{" + schema + "}}}",
                        "{\"eventTime\":\"2024-01-02T00:00:00Z\",\"dataset\":{\"namespace\":\"postgres://h:5432\","
                                + "\"name\":\"db.s.t\",\"facets\":{\"lifecycleStateChange\":"
                                + "{\"lifecycleStateChange\":\"DROP\"}}}}"));
        assertThat(scan(Map.of("path", file.toString()))
                        .dataset("postgres:db.s.t")
                        .status())
                .isEqualTo(DatasetStatus.REMOVED);
        Files.writeString(
                file,
                "\n{\"eventTime\":\"2024-01-03T00:00:00Z\",\"dataset\":{\"namespace\":\"postgres://h:5432\","
                        + "\"name\":\"db.s.t\",\"facets\":{\"lifecycleStateChange\":"
                        + "{\"lifecycleStateChange\":\"CREATE\"}}}}",
                java.nio.file.StandardOpenOption.APPEND);
        Dataset back = scan(Map.of("path", file.toString())).dataset("postgres:db.s.t");
        assertThat(back.status()).isEqualTo(DatasetStatus.ACTIVE);
        assertThat(back.properties()).containsEntry("openlineage.lifecycle", "CREATE");
    }

    @Test
    void twoNamespacesThatMeetOnOneIdAreOneDatasetAndTheNewestSchemaWins() throws IOException {
        Path file = dir.resolve("two.jsonl");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "{\"eventTime\":\"2024-01-02T00:00:00Z\",\"dataset\":{\"namespace\":\"postgres://replica:5432\","
                                + "\"name\":\"db.s.t\",\"facets\":{\"schema\":{\"fields\":[{\"name\":\"b\"}]}}}}",
                        "{\"eventTime\":\"2024-01-01T00:00:00Z\",\"dataset\":{\"namespace\":\"postgres://primary:5432\","
                                + "\"name\":\"db.s.t\",\"facets\":{\"schema\":{\"fields\":[{\"name\":\"a\"}]}}}}"));
        Found f = scan(Map.of("path", file.toString()));
        assertThat(f.dataset("postgres:db.s.t").fields())
                .extracting(Field::name)
                .containsExactly("b");
        assertThat(f.dataset("postgres:db.s.t").field("b").orElseThrow().type()).isEqualTo(DataType.Primitive.UNKNOWN);
    }

    @Test
    void outputsBeforeInputsInTheEventAreStillJoinedAndADeletedFacetIsGone() throws IOException {
        Path file = dir.resolve("order.jsonl");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "{\"outputs\":[{\"namespace\":\"kafka://b:9092\",\"name\":\"out\",\"facets\":{"
                                + "\"schema\":{\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]},"
                                + "\"documentation\":{\"description\":\"old\"}}}],"
                                + "\"inputs\":[{\"namespace\":\"kafka://b:9092\",\"name\":\"in\"}],"
                                + "\"job\":{\"namespace\":\"j\",\"name\":\"n\"},\"run\":{\"runId\":\"r\"},"
                                + "\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventType\":\"COMPLETE\"}",
                        "{\"eventTime\":\"2024-01-02T00:00:00Z\",\"dataset\":{\"namespace\":\"kafka://b:9092\","
                                + "\"name\":\"out\",\"facets\":{\"documentation\":{\"_deleted\":true}}}}"));
        Found f = scan(Map.of("path", file.toString()));
        assertThat(f.problems()).isEmpty();
        assertThat(f.edge("kafka:in", "kafka:out").createdBy()).isEqualTo("openlineage:j/n");
        assertThat(f.dataset("kafka:out").description()).isNull();
        assertThat(f.dataset("kafka:out").fields()).extracting(Field::name).containsExactly("x");
    }

    @Test
    void configIsCheckedUpFront() {
        assertThatThrownBy(() -> scan(Map.of("pth", "x")))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("unknown key 'pth'; did you mean 'path'?");
        assertThatThrownBy(() -> scan(Map.of())).hasMessageContaining("the key 'path' is required");
        assertThatThrownBy(() -> scan(Map.of("path", "x", "namespaces", List.of("s3"))))
                .hasMessageContaining("'namespaces' must be a mapping");
        assertThatThrownBy(() -> scan(Map.of("path", "x", "namespaces", Map.of("s3://b", Map.of("platfrom", "s3")))))
                .hasMessageContaining("unknown key 'platfrom'");
    }

    @Test
    void aMissingPathIsAProblemNotACrash() {
        Found f = scan(
                Map.of("paths", List.of("nowhere", events("dbt-snowflake.jsonl").toString())));
        assertThat(f.problems())
                .singleElement()
                .hasToString("ol: nowhere: no such file or folder; 'path' takes a"
                        + " file or folder of OpenLineage events");
        assertThat(f.datasets()).hasSize(2);
    }

    @Test
    void idsFollowDataHubNamingForEveryProducer() {
        DatasetId id = new Namespaces(List.of(), "PROD").id("s3a://bucket", "path/to/table");
        assertThat(id.shortName()).isEqualTo("s3:bucket/path/to/table");
    }
}
