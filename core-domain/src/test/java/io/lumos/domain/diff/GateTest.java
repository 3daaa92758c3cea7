package io.lumos.domain.diff;

import static io.lumos.domain.diff.Fixtures.opt;
import static io.lumos.domain.diff.Fixtures.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateTest {
    static final DatasetId ORDERS = DatasetId.of("postgres", "shop.public.orders");
    static final DatasetId DAILY = DatasetId.of("csv", "mart.daily_sales");
    static final DatasetId REPORT = DatasetId.of("csv", "mart.report");
    static final DatasetId AUDIT = DatasetId.of("s3", "audit.orders_copy");

    static CatalogSnapshot snap(List<Dataset> datasets, List<LineageEdge> lineage) {
        return CatalogSnapshot.of(Instant.EPOCH, datasets, lineage);
    }

    static List<LineageEdge> lineage() {
        return List.of(
                LineageEdge.of(ORDERS, DAILY)
                        .withColumns(List.of(
                                ColumnMapping.parse("customer_id=customer_id"), ColumnMapping.parse("amount=total"))),
                LineageEdge.of(DAILY, REPORT).withColumns(List.of(ColumnMapping.parse("total=revenue"))),
                LineageEdge.of(ORDERS, AUDIT));
    }

    static Dataset orders(boolean withCustomer) {
        var fields = new java.util.ArrayList<>(List.of(req("id", "int64"), req("amount", "decimal(10,2)")));
        if (withCustomer) {
            fields.add(opt("customer_id", "int64"));
        }
        return Dataset.builder(ORDERS).fields(fields).build();
    }

    static Dataset plain(DatasetId id) {
        return Dataset.builder(id)
                .fields(List.of(opt("customer_id", "int64"), opt("total", "decimal(10,2)")))
                .build();
    }

    private static GateReport gate(Dataset newOrders, GateOptions options) {
        CatalogSnapshot base = snap(List.of(orders(true), plain(DAILY), plain(REPORT), plain(AUDIT)), lineage());
        CatalogSnapshot cur = snap(List.of(newOrders, plain(DAILY), plain(REPORT), plain(AUDIT)), lineage());
        return Gate.run("base.json", base, "cur.json", cur, options);
    }

    @Test
    void breakingFindingNamesDownstreamColumnsAndPossiblyAffectedDatasets() {
        GateReport r = gate(orders(false), GateOptions.defaults());
        assertThat(r.exitCode()).isEqualTo(1);
        Finding f = r.findings().get(0);
        assertThat(f.ruleId()).isEqualTo("FIELD_REMOVED");
        assertThat(f.path()).isEqualTo("customer_id");
        assertThat(f.downstream()).extracting(Downstream::dataset).containsExactlyInAnyOrder(AUDIT, DAILY);
        Downstream daily = f.downstream().stream()
                .filter(d -> d.dataset().equals(DAILY))
                .findFirst()
                .orElseThrow();
        assertThat(daily.columns()).containsExactly("customer_id");
        assertThat(daily.possiblyAffected()).isFalse();
        assertThat(daily.path()).containsExactly(ORDERS, DAILY);
        Downstream audit = f.downstream().stream()
                .filter(d -> d.dataset().equals(AUDIT))
                .findFirst()
                .orElseThrow();
        assertThat(audit.possiblyAffected()).isTrue();
        // revenue is computed from total, which is computed from amount, not customer_id: not reached.
        assertThat(f.downstream()).extracting(Downstream::dataset).doesNotContain(REPORT);
        assertThat(f.message()).contains("breaks: ").contains("csv:mart.daily_sales.customer_id");
        assertThat(r.bumps()).containsEntry(ORDERS, Bump.MAJOR);
    }

    @Test
    void transitiveColumnImpactFollowsTheChain() {
        Dataset scaled = Dataset.builder(ORDERS)
                .fields(List.of(req("id", "int64"), req("amount", "decimal(10,4)"), opt("customer_id", "int64")))
                .build();
        Finding f = gate(scaled, GateOptions.defaults()).findings().get(0);
        assertThat(f.ruleId()).isEqualTo("DECIMAL_SCALE_CHANGED");
        assertThat(f.downstream())
                .extracting(d -> d.dataset().shortName() + ":" + d.columns())
                .contains("csv:mart.daily_sales:[total]", "csv:mart.report:[revenue]");
        Downstream report = f.downstream().stream()
                .filter(d -> d.dataset().equals(REPORT))
                .findFirst()
                .orElseThrow();
        assertThat(report.path()).containsExactly(ORDERS, DAILY, REPORT);
        assertThat(report.depth()).isEqualTo(2);
    }

    @Test
    void failOnLevels() {
        Dataset added = Dataset.builder(ORDERS)
                .fields(List.of(
                        req("id", "int64"),
                        req("amount", "decimal(10,2)"),
                        opt("customer_id", "int64"),
                        opt("x", "string")))
                .build();
        assertThat(gate(added, GateOptions.defaults()).exitCode()).isZero();
        assertThat(gate(added, GateOptions.defaults().withFailOn(FailOn.NON_BREAKING))
                        .exitCode())
                .isEqualTo(1);
        assertThat(gate(orders(false), GateOptions.defaults().withFailOn(FailOn.NONE))
                        .exitCode())
                .isZero();
        assertThat(gate(orders(true), GateOptions.defaults().withFailOn(FailOn.INFO))
                        .exitCode())
                .isZero();
    }

    @Test
    void ignoreEntriesApplyUntilTheyExpire() {
        IgnoreEntry entry = new IgnoreEntry(
                "postgres:shop.public.orders",
                "customer_id",
                "FIELD_REMOVED",
                "moved to customers",
                LocalDate.of(2026, 12, 31));
        GateReport before =
                gate(orders(false), GateOptions.defaults().withIgnores(List.of(entry), LocalDate.of(2026, 12, 31)));
        assertThat(before.exitCode()).isZero();
        assertThat(before.ignored()).hasSize(1);
        assertThat(before.warnings()).isEmpty();
        GateReport after =
                gate(orders(false), GateOptions.defaults().withIgnores(List.of(entry), LocalDate.of(2027, 1, 1)));
        assertThat(after.exitCode()).isEqualTo(1);
        assertThat(after.ignored()).isEmpty();
        assertThat(after.warnings()).singleElement().asString().contains("expired on 2026-12-31");
    }

    @Test
    void ignoreEntryNeedsAReasonAndMatchesWildcards() {
        assertThatThrownBy(() -> new IgnoreEntry("*", "*", "*", " ", null)).hasMessageContaining("needs a reason");
        IgnoreEntry prefix = new IgnoreEntry("*", "address.*", "*", "migration", null);
        Finding f = new Finding(
                "TYPE_WIDENED",
                Severity.NON_BREAKING,
                true,
                false,
                ORDERS,
                "address.zip",
                "int32",
                "int64",
                "m",
                null,
                null,
                List.of());
        assertThat(prefix.matches(f)).isTrue();
        assertThat(new IgnoreEntry(ORDERS.urn(), "address.zip", "type_widened", "r", null).matches(f))
                .isTrue();
        assertThat(new IgnoreEntry("csv:other", "*", "*", "r", null).matches(f)).isFalse();
    }

    @Test
    void datasetsAndLineageEdgesAddedAndRemoved() {
        CatalogSnapshot base = snap(
                List.of(orders(true), plain(DAILY), plain(AUDIT)), lineage().subList(0, 1));
        CatalogSnapshot cur = snap(
                List.of(orders(true), plain(DAILY), plain(REPORT)),
                List.of(lineage().get(1)));
        SnapshotDiff d = SchemaDiff.diff(base, cur, CompatibilityMode.BACKWARD);
        List<String> rules = d.findings().stream()
                .map(f -> f.ruleId() + " " + f.dataset().shortName())
                .toList();
        assertThat(rules)
                .containsExactlyInAnyOrder(
                        "DATASET_REMOVED s3:audit.orders_copy",
                        "DATASET_ADDED csv:mart.report",
                        "LINEAGE_EDGE_ADDED csv:mart.report",
                        "LINEAGE_EDGE_REMOVED csv:mart.daily_sales");
        assertThat(d.counts()).containsEntry(Severity.BREAKING, 1L);
    }

    @Test
    void renameImpactFollowsTheOldName() {
        Dataset renamed = Dataset.builder(ORDERS)
                .fields(List.of(
                        req("id", "int64"),
                        req("amount", "decimal(10,2)"),
                        Fixtures.with(opt("customer", "int64"), SchemaDiff.RENAMED_FROM, "customer_id")))
                .build();
        Finding f = gate(renamed, GateOptions.defaults()).findings().get(0);
        assertThat(f.ruleId()).isEqualTo("FIELD_RENAMED");
        assertThat(f.downstream()).extracting(Downstream::dataset).contains(DAILY);
    }

    @Test
    void aBreakingChangeToAnAggregatedColumnSaysItBreaksAnAggregation() {
        List<LineageEdge> edges = List.of(
                LineageEdge.of(ORDERS, DAILY)
                        .withColumns(List.of(
                                io.lumos.domain.ColumnTransformations.parse("amount=total:AGGREGATION"),
                                io.lumos.domain.ColumnTransformations.parse("customer_id=customer_id:GROUP_BY"))),
                LineageEdge.of(ORDERS, AUDIT)
                        .withColumns(List.of(io.lumos.domain.ColumnTransformations.parse("amount=amount"))));
        Dataset scaled = Dataset.builder(ORDERS)
                .fields(List.of(req("id", "int64"), req("amount", "decimal(10,4)"), opt("customer_id", "int64")))
                .build();
        CatalogSnapshot base = snap(List.of(orders(true), plain(DAILY), plain(AUDIT)), edges);
        CatalogSnapshot cur = snap(List.of(scaled, plain(DAILY), plain(AUDIT)), edges);
        Finding f = Gate.run("base.json", base, "cur.json", cur, GateOptions.defaults())
                .findings()
                .get(0);
        assertThat(f.ruleId()).isEqualTo("DECIMAL_SCALE_CHANGED");
        assertThat(f.message())
                .contains("; breaks an aggregation: csv:mart.daily_sales.total")
                .contains("; breaks: s3:audit.orders_copy.amount")
                .doesNotContain("a group by");
        // a removed grouping column breaks the group by, not the aggregation
        Finding removed = Gate.run(
                        "base.json",
                        base,
                        "cur.json",
                        snap(List.of(orders(false), plain(DAILY), plain(AUDIT)), edges),
                        GateOptions.defaults())
                .findings()
                .get(0);
        assertThat(removed.message())
                .contains("breaks a group by: csv:mart.daily_sales.customer_id")
                .doesNotContain("aggregation");
    }
}
