package io.lumos.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.lumos.json.ModelJson;
import io.lumos.spi.ExportRequest;
import io.lumos.spi.PluginContext;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvJsonExportTest {
    @TempDir
    Path dir;

    String export(String type, String format, Path out) {
        return new SnapshotExporter(Map.of(), PluginContext.basic(dir, List.of()))
                .export(new ExportRequest(type, format, out, Fixtures.shop(), Fixtures.before(), Map.of()));
    }

    static List<List<String>> read(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
            for (CsvRecord r : csv) {
                rows.add(r.getFields());
            }
        }
        return rows;
    }

    @Test
    void theProductsPartListsEachProductWithItsTermsAndDatasets() throws Exception {
        io.lumos.domain.DataProduct product = new io.lumos.domain.DataProduct(
                "orders",
                "Orders and customers",
                "sales",
                List.of(new io.lumos.domain.Owner("group:sales-data", null)),
                List.of("postgres:shop.public.*"),
                List.of(Fixtures.ORDERS, Fixtures.CUSTOMERS),
                new io.lumos.domain.DataProduct.Terms(24, io.lumos.domain.diff.CompatibilityMode.FORWARD, "#sales"));
        Path out = dir.resolve("products-csv");
        new SnapshotExporter(Map.of(), PluginContext.basic(dir, List.of()))
                .export(new ExportRequest(
                        "governance",
                        "csv",
                        out,
                        Fixtures.shop(),
                        null,
                        Map.of(io.lumos.export.parts.ExtractionContext.PRODUCTS, List.of(product))));
        List<List<String>> rows = read(out.resolve("products.csv"));
        assertThat(rows.get(0))
                .containsExactly(
                        "Product",
                        "URN",
                        "Description",
                        "Domain",
                        "Owners",
                        "Freshness (hours)",
                        "Compatibility",
                        "Support",
                        "Datasets",
                        "Dataset list",
                        "Declared as");
        assertThat(rows.get(1))
                .containsExactly(
                        "orders",
                        "urn:li:dataProduct:orders",
                        "Orders and customers",
                        "sales",
                        "sales-data",
                        "24",
                        "FORWARD",
                        "#sales",
                        "2",
                        "postgres:shop.public.customers, postgres:shop.public.orders",
                        "postgres:shop.public.*");

        // a user cannot smuggle products in as a command-line option
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new SnapshotExporter(Map.of(), PluginContext.basic(dir, List.of()))
                                .export(new ExportRequest(
                                        "governance",
                                        "csv",
                                        dir.resolve("bad"),
                                        Fixtures.shop(),
                                        null,
                                        Map.of("products", "x"))))
                .hasMessageContaining("extract option 'products' is filled from the catalog's data products");
    }

    @Test
    void thePropertiesPartLeavesOutASourcesBookkeeping() throws Exception {
        io.lumos.domain.CatalogSnapshot shop = Fixtures.shop();
        List<io.lumos.domain.Dataset> datasets = new ArrayList<>();
        for (io.lumos.domain.Dataset d : shop.datasets()) {
            Map<String, String> properties = new java.util.LinkedHashMap<>(d.properties());
            properties.put("lumos.state.openlineage.event_times", "schema=2026-06-01T12:00:00Z");
            properties.put("owner_team", "sales");
            datasets.add(d.toBuilder().properties(properties).build());
        }
        io.lumos.domain.CatalogSnapshot marked = new io.lumos.domain.CatalogSnapshot(
                shop.formatVersion(), shop.createdAt(), shop.producer(), datasets, shop.lineage(), shop.versions());
        Path out = dir.resolve("properties.csv");
        new SnapshotExporter(Map.of(), PluginContext.basic(dir, List.of()))
                .export(new ExportRequest("properties", "csv", out, marked, Fixtures.before(), Map.of()));
        Path written;
        try (Stream<Path> files = Files.walk(dir)) {
            written = files.filter(f -> f.getFileName().toString().equals("properties.csv"))
                    .findFirst()
                    .orElseThrow();
        }
        List<List<String>> rows = read(written);
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("owner_team", "sales"));
        assertThat(rows).noneSatisfy(r -> assertThat(String.join(",", r)).contains("lumos.state."));
    }

    @Test
    void writesOneRfc4180FilePerPartInAFolder() throws Exception {
        Path out = dir.resolve("governance");
        String summary = export("governance", "csv", out);
        assertThat(summary).contains("5 files");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(
                            "governance.csv", "owners.csv", "products.csv", "tags_and_terms.csv", "unowned.csv");
        }
        List<List<String>> unowned = read(out.resolve("unowned.csv"));
        assertThat(unowned.get(0)).containsExactly("Dataset", "Platform", "Domain", "Status", "Description");
        assertThat(unowned.subList(1, unowned.size()))
                .containsExactly(
                        List.of("mongodb:app.events", "mongodb", "", "active", ""),
                        List.of(
                                "postgres:shop.public.customers",
                                "postgres",
                                "sales",
                                "active",
                                "People who buy, named in Z\u00fcrich and \u6771\u4eac"));
        // CRLF line ends, as RFC 4180 says.
        assertThat(Files.readString(out.resolve("unowned.csv"))).contains("Description\r\n");
    }

    @Test
    void hostileCellsAreNeutralisedAndNegativeNumbersStayNumbers() throws Exception {
        Path out = dir.resolve("all.csv");
        export("comprehensive", "csv", out);
        Path folder = dir.resolve("all");
        List<List<String>> datasets = read(folder.resolve("datasets.csv"));
        List<String> orders = datasets.stream()
                .filter(r -> r.get(0).equals("postgres:shop.public.orders"))
                .findFirst()
                .orElseThrow();
        assertThat(orders.get(6)).isEqualTo("'" + Fixtures.HOSTILE);
        assertThat(orders.get(13)).isEqualTo("1234567");
        assertThat(orders.get(15)).isEqualTo("2026-05-30 08:15:00");
        List<String> daily = datasets.stream()
                .filter(r -> r.get(0).equals("csv:orders_daily"))
                .findFirst()
                .orElseThrow();
        assertThat(daily.get(6)).isEqualTo("Tab first and \"quoted\",\nmultiline");
        List<List<String>> props = read(folder.resolve("properties.csv"));
        assertThat(props)
                .contains(
                        List.of("csv:orders_daily", "dataset", "", "note", "'\tTab first"),
                        List.of("csv:orders_daily", "dataset", "", "script", "'\r=1+1"),
                        List.of("postgres:shop.public.orders", "dataset", "", "owner.note", "'-2+3"));
        List<List<String>> cost = read(folder.resolve("cost.csv"));
        assertThat(cost)
                .contains(List.of(
                        "postgres:shop.public.customers", "-50", "property cost", "0", "-50", "0", "", "sales"));
        for (Path f : Files.list(folder).toList()) {
            List<List<String>> rows = read(f);
            List<String> header = rows.get(0);
            for (List<String> r : rows) {
                for (int i = 0; i < r.size(); i++) {
                    String v = r.get(i);
                    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
                        // Only numeric columns may start with '-' (negative numbers).
                        assertThat(v).as(f.getFileName() + " " + header.get(i)).matches("-[0-9.]+");
                    }
                }
            }
        }
    }

    @Test
    void jsonKeepsTypesAndLeavesOutEmptyValues() throws Exception {
        Path out = dir.resolve("schema.json");
        export("schema", "json", out);
        JsonNode root;
        try (InputStream in = Files.newInputStream(out)) {
            root = ModelJson.mapper().readTree(in);
        }
        assertThat(root.get("type").asText()).isEqualTo("schema");
        assertThat(root.get("snapshotCreatedAt").asText()).isEqualTo("2026-06-01T12:00:00Z");
        JsonNode datasets = root.get("parts").get("datasets");
        assertThat(datasets).hasSize(4);
        JsonNode orders = datasets.get(3);
        assertThat(orders.get("dataset").asText()).isEqualTo("postgres:shop.public.orders");
        assertThat(orders.get("description").asText()).isEqualTo(Fixtures.HOSTILE);
        assertThat(orders.get("rowCount").isIntegralNumber()).isTrue();
        assertThat(orders.get("rowCount").asLong()).isEqualTo(1_234_567L);
        assertThat(orders.get("lastModified").asText()).isEqualTo("2026-05-30T08:15:00Z");
        JsonNode fields = root.get("parts").get("fields");
        assertThat(fields).hasSize(9);
        assertThat(fields.get(0).get("nullable").isBoolean()).isTrue();
        assertThat(fields.get(0).has("keys")).isFalse();
    }

    @Test
    void impactAndProfilingAndCostAsJson() throws Exception {
        Path out = dir.resolve("p.json");
        export("profiling", "json", out);
        JsonNode root = ModelJson.mapper().readTree(out.toFile());
        JsonNode fp = root.get("parts").get("field_profile");
        assertThat(fp).hasSize(1);
        assertThat(fp.get(0).get("presence").asDouble()).isEqualTo(0.75);
        assertThat(fp.get(0).get("statistics").asText()).isEqualTo("types=string:1.0");
        JsonNode profile = root.get("parts").get("profile");
        assertThat(profile.get(3).get("sizeMb").asDouble()).isEqualTo(50.0);
    }
}
