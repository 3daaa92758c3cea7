package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers a newcomer found wrong or surprising (issue 17), each over a small imported catalog. */
class AnswersTest extends CliTestSupport {
    @TempDir
    Path dir;

    @BeforeEach
    void seed() throws Exception {
        Files.writeString(
                dir.resolve("seed.json"),
                """
                {"formatVersion":1,"createdAt":"2026-01-01T00:00:00Z","producer":"test","datasets":[
                 {"id":"urn:li:dataset:(urn:li:dataPlatform:csv,orders,PROD)","subtype":"file",
                  "owners":[{"id":"urn:li:corpuser:svc:etl","type":"TECHNICAL_OWNER"}],
                  "fields":[{"name":"order_id","type":"int64","nullable":false,"primaryKey":true},
                   {"name":"customer_id","type":"int64","nullable":false,
                    "properties":{"foreign_key.column":"id","foreign_key.dataset":"csv:customers"}},
                   {"name":"amount","type":"decimal(12,2)","nullable":false}]},
                 {"id":"urn:li:dataset:(urn:li:dataPlatform:csv,customers,PROD)",
                  "fields":[{"name":"id","type":"int64","nullable":false}]},
                 {"id":"urn:li:dataset:(urn:li:dataPlatform:csv,daily,PROD)",
                  "fields":[{"name":"revenue","type":"decimal(12,2)","nullable":true}]}
                ],"lineage":[
                 {"upstream":"urn:li:dataset:(urn:li:dataPlatform:csv,orders,PROD)",
                  "downstream":"urn:li:dataset:(urn:li:dataPlatform:csv,daily,PROD)","type":"AGGREGATED",
                  "columns":[{"upstream":["amount"],"downstream":"revenue"}]},
                 {"upstream":"urn:li:dataset:(urn:li:dataPlatform:kafka,raw_orders,PROD)",
                  "downstream":"urn:li:dataset:(urn:li:dataPlatform:csv,orders,PROD)","type":"COPIED",
                  "columns":[{"upstream":["amt"],"downstream":"amount"}]}
                ],"versions":[]}
                """);
        Result r = run(dir, "snapshot", "import", "seed.json");
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void aForeignKeyShowsInTheKeyColumn() {
        Result r = run(dir, "datasets", "get", "csv:orders");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .containsPattern("order_id\\s+int64\\s+no\\s+PK\\n")
                .containsPattern("customer_id\\s+int64\\s+no\\s+FK csv:customers.id");
    }

    @Test
    void anOwnerIdWithAColonIsNotCut() {
        Result r = run(dir, "datasets", "list", "+", "datasets", "get", "csv:orders");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .containsPattern("csv:orders\\s+file\\s+3\\s+svc:etl")
                .contains("svc:etl (TECHNICAL_OWNER)");
    }

    @Test
    void ownerAddAndRemoveTakeGlobs() {
        Result add = run(dir, "owner", "add", "csv:*", "group:finance", "+", "owner", "list", "csv:daily");
        assertThat(add.code()).as(add.toString()).isZero();
        assertThat(add.err()).contains("added to 3 datasets matching csv:*");
        assertThat(add.out()).contains("urn:li:corpGroup:finance");

        Result remove = run(dir, "owner", "remove", "csv:*s", "group:finance", "+", "owner", "list", "csv:customers");
        assertThat(remove.code()).as(remove.toString()).isZero();
        assertThat(remove.err()).contains("removed from 2 datasets matching csv:*s");
        assertThat(remove.out()).doesNotContain("finance");

        Result none = run(dir, "owner", "add", "kafka:*", "bob");
        assertThat(none.code()).as(none.toString()).isEqualTo(2);
        assertThat(none.err()).contains("no dataset in the local catalog matches 'kafka:*'");
    }

    @Test
    void anUnknownColumnIsAUsageErrorWithAHint() {
        Result r = run(dir, "lineage", "impact", "csv:orders.amont");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("csv:orders has no column 'amont'; did you mean csv:orders.amount?");

        Result unknown = run(dir, "lineage", "impact", "csv:nothing.amount");
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("no dataset csv:nothing.amount");

        Result good = run(dir, "lineage", "impact", "csv:orders.amount");
        assertThat(good.code()).as(good.toString()).isZero();
        assertThat(good.out()).contains("1 direct");
    }

    @Test
    void aColumnOfADatasetWithoutASchemaIsWalkedWithAWarning() {
        Result r = run(dir, "lineage", "impact", "kafka:raw_orders.amt");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("warning: the schema of kafka:raw_orders is unknown");
        assertThat(r.out()).contains("Impact of a change to kafka:raw_orders column amt: 1 direct, 1 indirect");
    }

    @Test
    void outputThatCannotBeWrittenIsExit3WithThePathAndTheReason() throws Exception {
        Files.writeString(dir.resolve("blocker"), "a file, not a folder");

        Result snapshot = run(dir, "snapshot", "export", "-o", "blocker/main.json");
        assertThat(snapshot.code()).as(snapshot.toString()).isEqualTo(3);
        assertThat(snapshot.err())
                .contains("cannot write the snapshot to blocker/main.json")
                .containsPattern("is a file, not a folder|not a directory");

        Result extract = run(dir, "extract", "-t", "schema", "-o", "blocker/out.xlsx");
        assertThat(extract.code()).as(extract.toString()).isEqualTo(3);
        assertThat(extract.err()).contains("cannot write the schema extract to").contains("blocker");

        Result csv = run(dir, "extract", "-t", "schema", "-f", "csv", "-o", "blocker/out");
        assertThat(csv.code()).as(csv.toString()).isEqualTo(3);

        Result html = run(dir, "extract", "-t", "lineage", "-f", "html", "-o", "blocker/l.html");
        assertThat(html.code()).as(html.toString()).isEqualTo(3);

        assertThat(run(dir, "snapshot", "export", "-o", "main.json").code()).isZero();
        Result gate = run(
                dir,
                "gate",
                "--baseline",
                "main.json",
                "--current",
                "main.json",
                "-f",
                "sarif",
                "-o",
                "blocker/gate.sarif");
        assertThat(gate.code()).as(gate.toString()).isEqualTo(3);
        assertThat(gate.err()).contains("cannot write the sarif report to blocker/gate.sarif");
    }

    @Test
    void costAmountsAreDecimalAndUnknownOptionsAreErrors() throws Exception {
        Result r = run(
                dir,
                "extract",
                "-t",
                "cost",
                "-f",
                "csv",
                "-o",
                "cost",
                "--cost",
                "csv:orders=0.1",
                "--cost",
                "kafka:raw_orders=0.2",
                "--option",
                "cost_splits=csv:orders>csv:daily=100%");
        assertThat(r.code()).as(r.toString()).isZero();
        String csv = Files.readString(dir.resolve("cost/cost.csv"));
        assertThat(csv).contains("csv:daily,0,,0.3,0,0.3,").doesNotContain("0000000");

        Result bad = run(dir, "extract", "-t", "cost", "-o", "c.xlsx", "--option", "cost_split=csv:orders>csv:daily=1");
        assertThat(bad.code()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown option 'cost_split'; did you mean 'cost_splits'?");

        Result form = run(dir, "extract", "-t", "cost", "-o", "c.xlsx", "--option", "cost_splits=csv:orders=1");
        assertThat(form.code()).as(form.toString()).isEqualTo(2);
        assertThat(form.err()).contains("must look like UP>DOWN=SHARE");

        // a trailing comma is an empty part, named as one between two commas is
        Result trailing =
                run(dir, "extract", "-t", "cost", "-o", "c.xlsx", "--option", "cost_splits=csv:orders>csv:daily=1,");
        assertThat(trailing.code()).as(trailing.toString()).isEqualTo(2);
        assertThat(trailing.err()).contains("'' must look like UP>DOWN=SHARE");
    }

    @Test
    void anAvroSchemaIsAnAvroDatasetNamedAfterItsRecord() throws Exception {
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(
                dir.resolve("schemas/order-v2.avsc"),
                """
                {"type":"record","name":"Order","namespace":"com.shop","fields":[{"name":"id","type":"long"}]}
                """);
        Result one = run(dir, "scan", dir.resolve("schemas/order-v2.avsc").toString());
        assertThat(one.code()).as(one.toString()).isZero();
        assertThat(one.out()).contains("avro:com.shop.Order").doesNotContain("file:");

        Result folder = run(dir, "scan", dir.resolve("schemas").toString(), "-f", "json");
        assertThat(folder.code()).as(folder.toString()).isZero();
        assertThat(folder.out()).contains(",com.shop.Order,PROD)").doesNotContain("\"name\" : \"order-v2");
    }
}
