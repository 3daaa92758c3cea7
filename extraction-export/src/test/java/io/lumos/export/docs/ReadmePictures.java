package io.lumos.export.docs;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.export.SnapshotExporter;
import io.lumos.spi.ExportRequest;
import io.lumos.spi.PluginContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the quickstart's workbook and lineage page for the README, and an HTML rendering of the
 * workbook's Summary sheet (as Excel formats the cells) to screenshot. The catalog mirrors what
 * {@code ingest -c config-samples/quickstart.yaml} gives: the sample files' columns and the
 * lineage, owners and metadata the YAML declares. Run by bench/export/readme-pictures.sh.
 */
public final class ReadmePictures {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        CatalogSnapshot s = quickstart();
        SnapshotExporter exporter = new SnapshotExporter(Map.of(), PluginContext.basic(out, List.of()));
        exporter.export(new ExportRequest("comprehensive", "xlsx", out.resolve("quickstart.xlsx"), s, null, Map.of()));
        exporter.export(new ExportRequest("lineage", "html", out.resolve("lineage.html"), s, null, Map.of()));
        exporter.export(new ExportRequest("impact", "mermaid", out.resolve("impact.md"), s, null, Map.of()));
        try (InputStream in = Files.newInputStream(out.resolve("quickstart.xlsx"));
                XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Files.writeString(out.resolve("summary.html"), sheetAsHtml(wb.getSheet("Summary")));
        }
    }

    static String sheetAsHtml(Sheet sheet) {
        DataFormatter fmt = new DataFormatter();
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=utf-8><style>"
                + "body{font:13px Calibri,Carlito,sans-serif;margin:0}table{border-collapse:collapse}"
                + "td,th{border:1px solid #d4d4d4;padding:2px 6px;white-space:nowrap}"
                + "th{background:#d9d9d9;font-weight:bold;text-align:left}td.n{text-align:right}"
                + ".tab{background:#fff;border-top:2px solid #217346;padding:4px 10px;display:inline-block;margin:6px;font-weight:bold}"
                + "</style></head><body><table>");
        for (Row r : sheet) {
            b.append("<tr>");
            for (int i = 0; i < sheet.getRow(0).getLastCellNum(); i++) {
                Cell c = r.getCell(i);
                String text = c == null ? "" : fmt.formatCellValue(c);
                String tag = r.getRowNum() == 0 ? "th" : "td";
                boolean num = c != null && c.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC;
                b.append('<')
                        .append(tag)
                        .append(num ? " class=n" : "")
                        .append('>')
                        .append(text.replace("&", "&amp;").replace("<", "&lt;"))
                        .append("</")
                        .append(tag)
                        .append('>');
            }
            b.append("</tr>");
        }
        return b.append("</table><div class=tab>Summary</div></body></html>").toString();
    }

    static Field f(String name, String type) {
        return Field.builder(name, DataTypes.parse(type)).build();
    }

    static CatalogSnapshot quickstart() {
        Instant now = Instant.parse("2026-11-22T00:00:00Z");
        Map<DatasetId, Dataset.Builder> ds = new LinkedHashMap<>();
        ds.put(
                DatasetId.of("csv", "orders"),
                Dataset.builder(DatasetId.of("csv", "orders"))
                        .fields(List.of(
                                f("order_id", "int64"),
                                f("customer_id", "int64"),
                                f("order_date", "date"),
                                f("amount", "float64"),
                                f("currency", "string"),
                                f("status", "string"),
                                f("coupon", "string")))
                        .description("One row per order placed in the web shop")
                        .domain("sales")
                        .tags(List.of("core")));
        ds.put(
                DatasetId.of("csv", "customers"),
                Dataset.builder(DatasetId.of("csv", "customers"))
                        .fields(List.of(
                                f("customer_id", "int64"),
                                f("email", "string"),
                                f("full_name", "string"),
                                f("country", "string"),
                                f("signup_ts", "timestamp(us)"),
                                f("is_active", "boolean")))
                        .description("Customers with contact details")
                        .domain("sales")
                        .tags(List.of("pii"))
                        .glossaryTerms(List.of("Customer")));
        ds.put(
                DatasetId.of("csv", "orders_daily"),
                Dataset.builder(DatasetId.of("csv", "orders_daily"))
                        .fields(List.of(f("day", "date"), f("orders", "int64"), f("revenue", "float64")))
                        .description("Orders and revenue per day")
                        .domain("finance"));
        ds.put(
                DatasetId.of("csv", "customer_ltv"),
                Dataset.builder(DatasetId.of("csv", "customer_ltv"))
                        .fields(List.of(
                                f("customer_id", "int64"),
                                f("orders_count", "int64"),
                                f("lifetime_value", "float64"),
                                f("first_order_date", "date")))
                        .domain("finance"));
        ds.put(
                DatasetId.of("tsv", "products"),
                Dataset.builder(DatasetId.of("tsv", "products"))
                        .fields(List.of(
                                f("product_id", "int64"),
                                f("sku", "string"),
                                f("name", "string"),
                                f("category", "string"),
                                f("price", "float64"))));
        ds.put(
                DatasetId.of("jsonl", "order_items"),
                Dataset.builder(DatasetId.of("jsonl", "order_items"))
                        .fields(List.of(
                                f("order_id", "int64"),
                                f("line", "int64"),
                                f("product_id", "int64"),
                                f("quantity", "int64"),
                                f("unit_price", "float64"),
                                f("discount", "struct<code:string,pct:float64>"))));
        ds.put(
                DatasetId.of("json", "events"),
                Dataset.builder(DatasetId.of("json", "events"))
                        .fields(List.of(
                                f("event_id", "string"),
                                f("type", "string"),
                                f("ts", "timestamp(us)"),
                                f("customer_id", "int64"),
                                f("device", "struct<os:string,app_version:string>"),
                                f("tags", "array<string>")))
                        .domain("web"));
        ds.put(
                DatasetId.of("json", "revenue_report"),
                Dataset.builder(DatasetId.of("json", "revenue_report"))
                        .fields(List.of(
                                f("month", "string"),
                                f("revenue", "float64"),
                                f("top_category", "string"),
                                f("orders", "int64")))
                        .description("Monthly revenue for the board")
                        .domain("finance")
                        .properties(Map.of("cost", "120")));
        Owner sales = new Owner("group:sales-data", "TECHNICAL_OWNER");
        Owner web = new Owner("group:web-analytics", "TECHNICAL_OWNER");
        Owner carol = new Owner("carol", "BUSINESS_OWNER");
        ds.forEach((id, b) -> {
            List<Owner> owners = new ArrayList<>();
            switch (id.platform()) {
                case "csv" -> owners.add(sales);
                case "json" -> owners.addAll(List.of(web, carol));
                case "jsonl" -> owners.add(new Owner("bob", null));
                default -> owners.add(new Owner("dave", "DATAOWNER"));
            }
            if (id.name().equals("customers")) {
                owners.add(new Owner("alice", "DATA_STEWARD"));
            }
            b.owners(owners).location("config-samples/data/" + id.name());
        });
        DatasetId orders = DatasetId.of("csv", "orders");
        List<LineageEdge> edges = List.of(
                edge(
                        orders,
                        DatasetId.of("csv", "orders_daily"),
                        LineageType.AGGREGATED,
                        1.0,
                        "order_date=day",
                        "order_id=orders",
                        "amount=revenue"),
                edge(
                        orders,
                        DatasetId.of("csv", "customer_ltv"),
                        LineageType.AGGREGATED,
                        1.0,
                        "customer_id=customer_id",
                        "order_id=orders_count",
                        "amount=lifetime_value",
                        "order_date=first_order_date"),
                edge(
                        DatasetId.of("csv", "customers"),
                        DatasetId.of("csv", "customer_ltv"),
                        LineageType.TRANSFORMED,
                        1.0,
                        "customer_id=customer_id"),
                edge(
                        DatasetId.of("csv", "orders_daily"),
                        DatasetId.of("json", "revenue_report"),
                        LineageType.AGGREGATED,
                        1.0,
                        "revenue=revenue",
                        "orders=orders",
                        "day=month"),
                edge(
                        DatasetId.of("jsonl", "order_items"),
                        DatasetId.of("json", "revenue_report"),
                        LineageType.TRANSFORMED,
                        0.8),
                edge(
                        DatasetId.of("tsv", "products"),
                        DatasetId.of("json", "revenue_report"),
                        LineageType.TRANSFORMED,
                        1.0,
                        "category=top_category"));
        List<Dataset> datasets =
                ds.values().stream().map(Dataset.Builder::build).toList();
        return CatalogSnapshot.of(now, datasets, edges);
    }

    static LineageEdge edge(DatasetId up, DatasetId down, LineageType type, double confidence, String... columns) {
        List<ColumnMapping> cols = new ArrayList<>();
        for (String c : columns) {
            cols.add(ColumnMapping.parse(c));
        }
        return new LineageEdge(up, down, type, confidence, Instant.parse("2026-11-22T00:00:00Z"), "config", cols);
    }
}
