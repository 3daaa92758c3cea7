package io.lumos.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.cli.CliRuntime;
import io.lumos.cli.Main;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.json.ModelJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lumos extract` over a small quickstart-like shop catalog in the local SQLite catalog. */
class ExtractCommandTest {
    @TempDir
    static Path dir;

    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    static final DatasetId DAILY = DatasetId.of("csv", "orders_daily");
    static StringWriter err;

    static int run(String... args) {
        err = new StringWriter();
        CliRuntime runtime = new CliRuntime(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                Map.of(),
                dir,
                Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC),
                false);
        List<String> all = new ArrayList<>(
                List.of("--catalog-path", dir.resolve("catalog.db").toString()));
        all.addAll(List.of(args));
        return Main.run(runtime, all.toArray(new String[0]));
    }

    static CatalogSnapshot shop(boolean withShipping) {
        List<Field> fields = new ArrayList<>(List.of(
                Field.builder("id", DataTypes.parse("int64"))
                        .nullable(false)
                        .primaryKey(true)
                        .build(),
                Field.builder("amount", DataTypes.parse("decimal(10,2)"))
                        .description("=1+1")
                        .build()));
        if (withShipping) {
            fields.add(Field.builder("city", DataTypes.parse("string")).build());
        }
        Dataset orders = Dataset.builder(ORDERS)
                .description("Orders of the shop")
                .owners(List.of(new Owner("alice", null)))
                .domain("sales")
                .fields(fields)
                .properties(Map.of("cost.monthly", "300"))
                .build();
        Dataset daily = Dataset.builder(DAILY)
                .fields(List.of(
                        Field.builder("total", DataTypes.parse("float64")).build()))
                .build();
        LineageEdge edge = new LineageEdge(
                ORDERS,
                DAILY,
                LineageType.AGGREGATED,
                1.0,
                null,
                "dbt",
                List.of(new ColumnMapping(List.of("amount"), "total", "SUM(amount)")));
        return CatalogSnapshot.of(Instant.parse("2026-05-01T00:00:00Z"), List.of(orders, daily), List.of(edge));
    }

    static void write(Path file, CatalogSnapshot s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelJson.writeSnapshot(out, s);
        Files.write(file, out.toByteArray());
    }

    @BeforeAll
    static void catalog() throws Exception {
        Path snap = dir.resolve("shop.json");
        write(snap, shop(true));
        write(dir.resolve("before.json"), shop(false));
        assertThat(run("snapshot", "import", snap.toString()))
                .as(err.toString())
                .isEqualTo(0);
    }

    @Test
    void comprehensiveWorkbookFromTheCatalog() throws Exception {
        assertThat(run("extract", "-t", "comprehensive", "-o", "out/shop.xlsx"))
                .as(err.toString())
                .isEqualTo(0);
        // The path as given, not this machine's absolute path.
        assertThat(err.toString())
                .contains("wrote comprehensive as xlsx to out/shop.xlsx: ")
                .doesNotContain(dir.toString());
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(dir.resolve("out/shop.xlsx")))) {
            assertThat(wb.getSheetName(0)).isEqualTo("Summary");
            var fields = wb.getSheet("Fields");
            assertThat(fields.getLastRowNum()).isEqualTo(4);
            assertThat(fields.getRow(3).getCell(8).getStringCellValue()).isEqualTo("'=1+1");
            var cost = wb.getSheet("Cost");
            assertThat(cost.getRow(1).getCell(0).getStringCellValue()).isEqualTo("csv:orders_daily");
            assertThat(cost.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(300.0);
        }
    }

    @Test
    void picturesAndDiffAndCsv() throws Exception {
        assertThat(run("extract", "-t", "lineage", "-f", "html", "-o", "lineage.html"))
                .isEqualTo(0);
        assertThat(Files.readString(dir.resolve("lineage.html"))).contains("\"n\":\"csv:orders_daily\"");
        assertThat(run("extract", "-t", "impact", "-o", "impact.md", "--root", "postgres:shop.public.orders"))
                .isEqualTo(0);
        assertThat(Files.readString(dir.resolve("impact.md")))
                .startsWith("```mermaid")
                .contains("-->|AGGREGATED|");
        assertThat(run("extract", "-t", "metadata_diff", "-f", "csv", "-o", "diff", "--baseline", "before.json"))
                .as(err.toString())
                .isEqualTo(0);
        assertThat(Files.readString(dir.resolve("diff/changes.csv")))
                .contains("field added,postgres:shop.public.orders,city,,string");
        assertThat(run("extract", "-t", "cost", "-f", "json", "-o", "cost.json", "--cost", "csv:orders_daily=50"))
                .isEqualTo(0);
        assertThat(Files.readString(dir.resolve("cost.json"))).contains("\"attributed\" : 350");
    }

    @Test
    void badRequestsExitWithUsage() {
        assertThat(run("extract", "-t", "nope", "-o", "x.xlsx")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown type 'nope'");
        assertThat(run("extract", "-t", "schema", "-f", "html", "-o", "x.html")).isEqualTo(2);
        assertThat(run("extract", "-t", "metadata_diff", "-o", "x.xlsx")).isEqualTo(2);
        assertThat(err.toString()).contains("--baseline");
    }
}
