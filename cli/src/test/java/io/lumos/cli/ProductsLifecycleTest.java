package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data products ({@code data_products:}, {@code products list|get}, the product's promised mode in
 * the gate), dataset lifecycle ({@code metadata: status}, {@code datasets deprecate|activate}) and
 * stale datasets ({@code features.remove_stale} with its fail-safes), with the local catalog.
 */
class ProductsLifecycleTest extends DiffGateSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Result lumos(String... args) {
        return runAt(dir, Map.of(), args);
    }

    private void files(String... names) throws Exception {
        Files.createDirectories(dir.resolve("d"));
        for (String n : names) {
            Files.writeString(dir.resolve("d").resolve(n + ".json"), "[{\"id\": 1, \"name\": \"" + n + "\"}]");
        }
    }

    private void config(String extra) throws Exception {
        Files.writeString(
                dir.resolve("lumos.yaml"),
                """
                lumos_config:
                  platform: local
                  sources:
                    - { name: web, type: json, path: "d/*.json" }
                """
                        + extra);
    }

    // ---------------------------------------------------------------- data products

    private static final String PRODUCTS =
            """
              data_products:
                - name: web-events
                  description: What the web shop records
                  domain: web
                  owners: [ { id: "group:web-analytics", type: TECHNICAL_OWNER }, carol ]
                  datasets: [ "json:a", "json:b*" ]
                  freshness_hours: 24
                  compatibility: FORWARD
                  support: "#web-data"
            """;

    @Test
    void productsAreStoredByIngestAndReadByProductsListAndGet() throws Exception {
        files("a", "b1", "b2", "c");
        config(PRODUCTS);
        Result ingest = lumos("ingest", "-c", "lumos.yaml");
        assertThat(ingest.code()).as(ingest.toString()).isZero();

        Result list = lumos("products", "list");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out())
                .contains("PRODUCT")
                .containsPattern("web-events\\s+web\\s+web-analytics,carol\\s+3\\s+FORWARD\\s+24h");

        Result get = lumos("products", "get", "web-events", "-f", "json");
        assertThat(get.code()).as(get.toString()).isZero();
        JsonNode p = JSON.readTree(get.out());
        assertThat(p.path("domain").asText()).isEqualTo("web");
        assertThat(p.path("assets").toString())
                .isEqualTo("[\"urn:li:dataset:(urn:li:dataPlatform:json,a,PROD)\","
                        + "\"urn:li:dataset:(urn:li:dataPlatform:json,b1,PROD)\","
                        + "\"urn:li:dataset:(urn:li:dataPlatform:json,b2,PROD)\"]");
        assertThat(p.path("terms").path("compatibility").asText()).isEqualTo("FORWARD");
        assertThat(p.path("terms").path("freshnessHours").asInt()).isEqualTo(24);
        assertThat(p.path("terms").path("support").asText()).isEqualTo("#web-data");

        Result table = lumos("products", "get", "web-events");
        assertThat(table.out())
                .contains("urn:li:dataProduct:web-events")
                .contains("json:b2")
                .doesNotContain("json:c");

        Result missing = lumos("products", "get", "web-event");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no data product named 'web-event'; did you mean 'web-events'?");
    }

    @Test
    void aCatalogWithoutProductEntitiesGetsTheProductAsATagOnItsDatasets() throws Exception {
        Files.writeString(dir.resolve("p.yaml"), "lumos_config:\n" + PRODUCTS);
        io.lumos.cli.config.LumosConfig config = new io.lumos.cli.config.ConfigLoader(Map.of())
                .load(dir.resolve("p.yaml"), java.util.Set.of("local"), t -> java.util.Set.of());
        io.lumos.cli.service.ProductRules rules = new io.lumos.cli.service.ProductRules(config);
        io.lumos.domain.Dataset b1 = io.lumos.domain.Dataset.builder(io.lumos.domain.DatasetId.of("json", "b1"))
                .tags(java.util.List.of("pii"))
                .build();
        assertThat(rules.tagged(b1).tags()).containsExactly("pii", "product:web-events");
        io.lumos.domain.Dataset c = io.lumos.domain.Dataset.builder(io.lumos.domain.DatasetId.of("json", "c"))
                .build();
        assertThat(rules.tagged(c)).isSameAs(c);
        assertThat(rules.promisedMode(b1.id())).isEqualTo(io.lumos.domain.diff.CompatibilityMode.FORWARD);
        assertThat(rules.promisedMode(c.id())).isNull();
    }

    @Test
    void aBrokenProductEntryIsAConfigErrorWithItsPlace() throws Exception {
        files("a");
        config(
                """
                  data_products:
                    - name: "bad name"
                      datasets: [ "json:a" ]
                      freshness_hours: soon
                      compatibilty: FULL
                """);
        Result r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .contains("lumos.yaml:6:13: data product name 'bad name' may hold only letters")
                .contains("lumos.yaml:8:24: freshness_hours must be a whole number of hours above 0, not 'soon'")
                .contains("unknown key 'data_products[].compatibilty'; did you mean 'compatibility'?");
    }

    /** Both datasets gain a required column: BACKWARD breaks, FORWARD does not. */
    private Result gate(String config, String... extra) throws Exception {
        String field = "{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false}";
        String added = "{\"name\":\"region\",\"type\":\"string\",\"nullable\":false}";
        Files.writeString(dir.resolve("base.json"), snapshot("[" + field + "]"));
        Files.writeString(dir.resolve("now.json"), snapshot("[" + field + "," + added + "]"));
        Files.writeString(dir.resolve("gate.yaml"), config);
        String[] args = {"gate", "-c", "gate.yaml", "--baseline", "base.json", "--current", "now.json", "-f", "text"};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return lumos(all);
    }

    private static String snapshot(String fields) {
        return "{\"formatVersion\":1,\"datasets\":["
                + "{\"platform\":\"postgres\",\"name\":\"shop.public.orders\",\"fields\":" + fields + "},"
                + "{\"platform\":\"postgres\",\"name\":\"shop.public.customers\",\"fields\":" + fields + "}]}";
    }

    private static final String ORDERS_PRODUCT_FORWARD =
            """
            lumos_config:
              data_products:
                - { name: orders, datasets: [ "postgres:shop.public.orders" ], compatibility: FORWARD }
            """;

    @Test
    void theGateUsesTheModeAProductPromisesForItsDatasets() throws Exception {
        Result r = gate(ORDERS_PRODUCT_FORWARD);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out())
                .contains(": NON_BREAKING FIELD_ADDED_REQUIRED postgres:shop.public.orders.region")
                .contains(": BREAKING FIELD_ADDED_REQUIRED postgres:shop.public.customers.region");

        // the product's mode beats --mode and compatibility.default ...
        Result mode = gate(ORDERS_PRODUCT_FORWARD + "  compatibility: { default: BACKWARD }\n", "--mode", "FULL");
        assertThat(mode.out()).contains(": NON_BREAKING FIELD_ADDED_REQUIRED postgres:shop.public.orders.region");

        // ... a compatibility.datasets entry beats the product, and --mode-for beats both
        Result entry = gate(ORDERS_PRODUCT_FORWARD
                + "  compatibility:\n    datasets:\n      - { dataset: \"*orders\", mode: BACKWARD }\n");
        assertThat(entry.out()).contains(": BREAKING FIELD_ADDED_REQUIRED postgres:shop.public.orders.region");
        Result modeFor = gate(ORDERS_PRODUCT_FORWARD, "--mode-for", "postgres:shop.public.orders=BACKWARD");
        assertThat(modeFor.out()).contains(": BREAKING FIELD_ADDED_REQUIRED postgres:shop.public.orders.region");
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void deprecateOutlivesReingestsUntilActivate() throws Exception {
        files("a", "b");
        config("");
        assertThat(lumos("ingest", "-c", "lumos.yaml").code()).isZero();

        Result dep = lumos("datasets", "deprecate", "json:a", "--note", "use json:b", "--on", "2027-03-31");
        assertThat(dep.code()).as(dep.toString()).isZero();
        assertThat(dep.err()).contains("deprecated json:a (decommission on 2027-03-31)");

        Result get = lumos("datasets", "get", "json:a");
        assertThat(get.out()).contains("status       deprecated until 2027-03-31: use json:b");

        // a re-ingest does not undo it
        assertThat(lumos("ingest", "-c", "lumos.yaml").code()).isZero();
        JsonNode a = JSON.readTree(
                        lumos("datasets", "get", "json:a", "-f", "json").out())
                .path("datasets")
                .get(0);
        assertThat(a.path("status").asText()).isEqualTo("deprecated");
        assertThat(a.path("properties").path("lumos.lifecycle.note").asText()).isEqualTo("use json:b");
        assertThat(a.path("properties").path("lumos.lifecycle.by").asText()).isEqualTo("cli:tester");

        Result act = lumos("datasets", "activate", "json:a");
        assertThat(act.code()).as(act.toString()).isZero();
        JsonNode back = JSON.readTree(
                        lumos("datasets", "get", "json:a", "-f", "json").out())
                .path("datasets")
                .get(0);
        assertThat(back.has("status")).isFalse();
        assertThat(back.path("properties").has("lumos.lifecycle.note")).isFalse();

        Result badDate = lumos("datasets", "deprecate", "json:a", "--note", "x", "--on", "31.03.2027");
        assertThat(badDate.code()).isEqualTo(2);
        assertThat(badDate.err()).contains("--on: '31.03.2027' is not a date; write it as YYYY-MM-DD");
    }

    @Test
    void theConfigCanDeprecateDatasets() throws Exception {
        files("a", "b");
        config(
                """
                  metadata:
                    - dataset: "json:a"
                      status: deprecated
                      status_note: "moved to json:b"
                      decommission_on: 2027-01-15
                """);
        Result r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.toString()).isZero();
        Result get = lumos("datasets", "get", "json:a");
        assertThat(get.out()).contains("status       deprecated until 2027-01-15: moved to json:b");
        assertThat(lumos("datasets", "get", "json:b").out()).doesNotContain("status ");

        config("  metadata:\n    - { dataset: \"json:a\", status: retired }\n");
        Result bad = lumos("ingest", "-c", "lumos.yaml");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown status 'retired' (expected active, deprecated or removed)");
    }

    @Test
    void theGateReportsANewReaderOfADeprecatedDatasetAsInfo() throws Exception {
        String datasets = "[{\"platform\":\"csv\",\"name\":\"old\",\"status\":\"deprecated\","
                + "\"properties\":{\"lumos.lifecycle.note\":\"use csv:new\"}},"
                + "{\"platform\":\"csv\",\"name\":\"new\"},{\"platform\":\"csv\",\"name\":\"report\"}]";
        String edge = "{\"upstream\":\"urn:li:dataset:(urn:li:dataPlatform:csv,%s,PROD)\","
                + "\"downstream\":\"urn:li:dataset:(urn:li:dataPlatform:csv,report,PROD)\"}";
        Files.writeString(
                dir.resolve("base.json"),
                "{\"formatVersion\":1,\"datasets\":" + datasets + ",\"lineage\":[" + edge.formatted("new") + "]}");
        Files.writeString(
                dir.resolve("now.json"),
                "{\"formatVersion\":1,\"datasets\":" + datasets + ",\"lineage\":[" + edge.formatted("new") + ","
                        + edge.formatted("old") + "]}");
        Result r = lumos("gate", "--baseline", "base.json", "--current", "now.json", "-f", "text");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("INFO DEPRECATED_UPSTREAM_READ csv:report").contains("use csv:new");
    }

    // ---------------------------------------------------------------- stale datasets

    private static final String REMOVE_STALE = "  features: { remove_stale: true }\n";

    @Test
    void aDatasetGoneFromItsSourceIsMarkedRemovedAndComesBackActive() throws Exception {
        files("a", "b", "c", "d", "e");
        config(REMOVE_STALE);
        assertThat(lumos("ingest", "-c", "lumos.yaml").code()).isZero();

        Files.delete(dir.resolve("d/e.json")); // 1 of 5 = 20%: not more than the default share
        Result r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("marked 1 dataset(s) removed").contains("removed json:e");

        assertThat(lumos("datasets", "list").out()).contains("json:d").doesNotContain("json:e");
        assertThat(lumos("datasets", "list", "--all").out()).contains("json:e");
        JsonNode e = JSON.readTree(
                        lumos("datasets", "get", "json:e", "-f", "json").out())
                .path("datasets")
                .get(0);
        assertThat(e.path("status").asText()).isEqualTo("removed");
        assertThat(e.path("properties").path("lumos.lifecycle.by").asText()).isEqualTo("stale:web");

        files("e"); // it comes back
        assertThat(lumos("ingest", "-c", "lumos.yaml").code()).isZero();
        assertThat(lumos("datasets", "list").out()).contains("json:e");
        assertThat(lumos("datasets", "get", "json:e", "-f", "json").out()).doesNotContain("\"status\"");
    }

    @Test
    void moreThanTheAllowedShareGoingRemovesNothingAndExitsThree() throws Exception {
        files("a", "b", "c", "d", "e");
        config(REMOVE_STALE);
        assertThat(lumos("ingest", "-c", "lumos.yaml").code()).isZero();

        Files.delete(dir.resolve("d/d.json"));
        Files.delete(dir.resolve("d/e.json"));
        Result r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err())
                .contains("web: not marking 2 of its 5 dataset(s) removed (40% > remove_stale_max_share 0.2)");
        assertThat(lumos("datasets", "list").out()).contains("json:d").contains("json:e");

        // a larger share allowed for one ingest lets them go
        config("  features: { remove_stale: true, remove_stale_max_share: 0.5 }\n");
        Result allowed = lumos("ingest", "-c", "lumos.yaml");
        assertThat(allowed.code()).as(allowed.toString()).isZero();
        assertThat(lumos("datasets", "list").out()).doesNotContain("json:d").doesNotContain("json:e");
    }

    @Test
    void aSourceThatReportedAProblemRemovesNothing() throws Exception {
        files("a", "b", "c", "d", "e");
        config(REMOVE_STALE);
        assertThat(lumos("ingest", "-c", "lumos.yaml").code()).isZero();

        Files.delete(dir.resolve("d/e.json"));
        Files.writeString(dir.resolve("d/broken.json"), "[{\"id\": ");
        Result r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).as(r.toString()).isEqualTo(3); // the problem itself
        assertThat(r.err())
                .contains("web: not marking 1 dataset(s) removed that it no longer has: it reported 1 problem(s)");
        assertThat(lumos("datasets", "list").out()).contains("json:e");
    }

    @Test
    void withoutTheFeatureNothingIsRemoved() throws Exception {
        files("a", "b");
        config("");
        assertThat(lumos("ingest", "-c", "lumos.yaml").code()).isZero();
        Files.delete(dir.resolve("d/b.json"));
        Result r = lumos("ingest", "-c", "lumos.yaml");
        assertThat(r.code()).isZero();
        assertThat(lumos("datasets", "list").out()).contains("json:b");
    }
}
