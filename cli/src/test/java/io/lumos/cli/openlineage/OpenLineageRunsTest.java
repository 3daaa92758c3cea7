package io.lumos.cli.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.cli.CliTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest of OpenLineage events records their runs: {@code lumos runs list} and {@code runs get}
 * show Spark's and Airflow's runs with their states, times, datasets, error and parent.
 */
class OpenLineageRunsTest extends CliTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static final String DAG_RUN = "01932f7a-0000-7000-8000-00000000aaaa";
    private static final String SPARK_OK = "01932f7a-0000-7000-8000-000000000001";
    private static final String SPARK_FAIL = "01932f7a-0000-7000-8000-000000000002";

    private static String event(String type, String time, String runId, String runFacets) {
        return """
                {"eventType":"%s","eventTime":"%s",
                 "producer":"https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark",
                 "run":{"runId":"%s","facets":{%s}},
                 "job":{"namespace":"spark-prod","name":"orders_daily.write"},
                 "inputs":[{"namespace":"postgres://db:5432","name":"shop.public.orders",
                   "facets":{"schema":{"fields":[{"name":"id","type":"bigint"}]}}}],
                 "outputs":[{"namespace":"s3a://lake","name":"daily/orders",
                   "facets":{"schema":{"fields":[{"name":"id","type":"bigint"}]}}}]}
                """
                .formatted(type, time, runId, runFacets)
                .replace("\n", "");
    }

    private static final String PARENT = "\"parent\":{\"run\":{\"runId\":\"" + DAG_RUN + "\"},"
            + "\"job\":{\"namespace\":\"airflow\",\"name\":\"orders_dag.spark_task\"}}";

    @Test
    void anIngestOfRunEventsRecordsTheRunsAndRunsListShowsThem() throws IOException {
        List<String> events = new ArrayList<>();
        events.add(event("START", "2026-11-01T02:00:00Z", SPARK_OK, PARENT));
        events.add(event("COMPLETE", "2026-11-01T02:01:30Z", SPARK_OK, PARENT));
        // the failed run: its COMPLETE-less end comes before its START in the file
        events.add(event(
                "FAIL",
                "2026-11-02T02:00:45Z",
                SPARK_FAIL,
                "\"errorMessage\":{\"message\":\"Job aborted due to stage failure\","
                        + "\"programmingLanguage\":\"JAVA\",\"stackTrace\":\"org.apache.spark.SparkException: x\"}"));
        events.add(event("START", "2026-11-02T02:00:00Z", SPARK_FAIL, ""));
        events.add(event("OTHER", "2026-11-02T02:00:50Z", SPARK_FAIL, ""));
        Files.write(dir.resolve("events.jsonl"), events);
        Files.writeString(
                dir.resolve("lumos.yaml"),
                """
                lumos_config:
                  platform: local
                  sources:
                    - { name: spark, type: openlineage, path: events.jsonl }
                """);
        Result ingest = run(dir, "ingest", "-c", "lumos.yaml");
        assertThat(ingest.code()).as(ingest.toString()).isZero();

        Result list = run(dir, "runs", "list", "-f", "json");
        assertThat(list.code()).as(list.toString()).isZero();
        JsonNode runs = JSON.readTree(list.out());
        assertThat(runs).hasSize(2);
        JsonNode failed = runs.get(0);
        assertThat(failed.path("runId").asText()).isEqualTo(SPARK_FAIL);
        assertThat(failed.path("namespace").asText()).isEqualTo("spark-prod");
        assertThat(failed.path("job").asText()).isEqualTo("orders_daily.write");
        assertThat(failed.path("state").asText()).isEqualTo("FAIL");
        assertThat(failed.path("startedAt").asText()).isEqualTo("2026-11-02T02:00:00Z");
        assertThat(failed.path("endedAt").asText()).isEqualTo("2026-11-02T02:00:45Z");
        assertThat(failed.path("durationMs").asLong()).isEqualTo(45_000);
        assertThat(failed.path("error").asText()).contains("Job aborted due to stage failure");
        JsonNode ok = runs.get(1);
        assertThat(ok.path("state").asText()).isEqualTo("COMPLETE");
        assertThat(ok.path("parent").asText()).isEqualTo("airflow/orders_dag.spark_task/" + DAG_RUN);
        assertThat(ok.path("inputs").get(0).asText())
                .isEqualTo("urn:li:dataset:(urn:li:dataPlatform:postgres,shop.public.orders,PROD)");
        assertThat(ok.path("outputs").get(0).asText())
                .isEqualTo("urn:li:dataset:(urn:li:dataPlatform:s3,lake/daily/orders,PROD)");
        assertThat(ok.path("states").findValuesAsText("state")).containsExactly("START", "COMPLETE");

        Result onlyFailed = run(dir, "runs", "list", "--state", "fail", "--job", "orders_daily.write");
        assertThat(onlyFailed.code()).as(onlyFailed.toString()).isZero();
        assertThat(onlyFailed.out()).contains(SPARK_FAIL).doesNotContain(SPARK_OK);

        Result get = run(dir, "runs", "get", SPARK_FAIL);
        assertThat(get.code()).as(get.toString()).isZero();
        assertThat(get.out()).contains("START 2026-11-02T02:00:00Z, FAIL 2026-11-02T02:00:45Z");

        // the same events again change nothing
        Result again = run(dir, "ingest", "-c", "lumos.yaml");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(JSON.readTree(run(dir, "runs", "list", "-f", "json").out())).isEqualTo(runs);
    }

    @Test
    void runsFalseRecordsNoRuns() throws IOException {
        Files.write(
                dir.resolve("events.jsonl"),
                List.of(
                        event("START", "2026-11-01T02:00:00Z", SPARK_OK, ""),
                        event("COMPLETE", "2026-11-01T02:01:30Z", SPARK_OK, "")));
        Files.writeString(
                dir.resolve("lumos.yaml"),
                """
                lumos_config:
                  platform: local
                  sources:
                    - { name: spark, type: openlineage, path: events.jsonl, runs: false }
                """);
        Result ingest = run(dir, "ingest", "-c", "lumos.yaml");
        assertThat(ingest.code()).as(ingest.toString()).isZero();
        Result list = run(dir, "runs", "list", "-f", "json");
        assertThat(JSON.readTree(list.out())).isEmpty();
    }
}
