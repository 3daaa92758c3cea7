package io.lumos.export.report;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.diff.FailOn;
import io.lumos.domain.diff.Gate;
import io.lumos.domain.diff.GateOptions;
import io.lumos.domain.diff.GateReport;
import io.lumos.domain.diff.IgnoreEntry;
import io.lumos.json.ModelJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Two small snapshots (written as files, for line numbers) and the gate report between them. */
final class ReportFixture {
    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    static final DatasetId DAILY = DatasetId.of("csv", "mart.daily_sales");
    static final DatasetId AUDIT = DatasetId.of("s3", "audit.orders_copy");

    private ReportFixture() {}

    static Field f(String name, String type, boolean nullable) {
        return Field.builder(name, DataTypes.parse(type)).nullable(nullable).build();
    }

    static CatalogSnapshot base() {
        return CatalogSnapshot.of(
                Instant.EPOCH,
                List.of(
                        Dataset.builder(ORDERS)
                                .fields(List.of(
                                        f("id", "int64", false),
                                        f("customer_id", "int64", true),
                                        f("amount", "decimal(10,2)", false),
                                        f("status", "enum(NEW,PAID)", false),
                                        f("note", "string", true)))
                                .build(),
                        Dataset.builder(DAILY)
                                .fields(List.of(f("customer_id", "int64", true), f("total", "decimal(10,2)", true)))
                                .build(),
                        Dataset.builder(AUDIT)
                                .fields(List.of(f("id", "int64", true)))
                                .build()),
                lineage());
    }

    static CatalogSnapshot current() {
        return CatalogSnapshot.of(
                Instant.EPOCH,
                List.of(
                        Dataset.builder(ORDERS)
                                .description("orders | placed online")
                                .fields(List.of(
                                        f("id", "int64", false),
                                        f("amount", "decimal(10,4)", false),
                                        f("status", "enum(NEW,PAID,REFUNDED)", false),
                                        f("note", "string", true).toBuilder()
                                                .description("free text")
                                                .build(),
                                        f("channel", "string", true)))
                                .build(),
                        Dataset.builder(DAILY)
                                .fields(List.of(f("customer_id", "int64", true), f("total", "decimal(10,2)", true)))
                                .build(),
                        Dataset.builder(AUDIT)
                                .fields(List.of(f("id", "int64", true)))
                                .build()),
                lineage());
    }

    static List<LineageEdge> lineage() {
        return List.of(
                LineageEdge.of(ORDERS, DAILY)
                        .withColumns(List.of(
                                ColumnMapping.parse("customer_id=customer_id"), ColumnMapping.parse("amount=total"))),
                LineageEdge.of(ORDERS, AUDIT));
    }

    static Path write(Path dir, String name, CatalogSnapshot s) throws IOException {
        // ModelJson.writeSnapshot closes the stream before its final newline: buffer it.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ModelJson.writeSnapshot(out, s);
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    static GateReport report(FailOn failOn, List<IgnoreEntry> ignores) {
        GateOptions o = GateOptions.defaults().withFailOn(failOn).withIgnores(ignores, LocalDate.of(2026, 11, 22));
        return Gate.run("base.json", base(), "cur.json", current(), o);
    }

    static GateReport report() {
        return report(
                FailOn.BREAKING,
                List.of(
                        new IgnoreEntry(
                                "postgres:shop.public.orders", "note", "*", "docs only", LocalDate.of(2027, 1, 1)),
                        new IgnoreEntry("*", "*", "OWNERS_CHANGED", "team reshuffle", LocalDate.of(2026, 1, 1))));
    }
}
