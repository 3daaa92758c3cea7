package io.lumos.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.source.postgres.RuleLineage.Column;
import io.lumos.source.postgres.RuleLineage.Output;
import io.lumos.source.postgres.ViewLineage.Origin;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the three lineage sources (dependencies, stored rule, query origins) combine into edges. */
class ViewLineageTest {
    private static final DatasetId ORDERS = DatasetId.of("postgres", "shop.s.orders");
    private static final DatasetId VIEW = DatasetId.of("postgres", "shop.s.v");
    private static final List<String> COLUMNS = List.of("id", "double_amount");

    private static ViewLineage.Uses uses() {
        ViewLineage.Uses u = new ViewLineage.Uses();
        u.add("s", "orders", ORDERS, "id", 10, 1);
        u.add("s", "orders", ORDERS, "amount", 10, 3);
        return u;
    }

    private static final List<Output> RULE = List.of(
            new Output("id", Set.of(new Column(10, 1)), true),
            new Output("double_amount", Set.of(new Column(10, 3)), false));
    private static final List<Origin> ORIGINS = List.of(new Origin("s", "orders", "id"), new Origin("", "", ""));

    @Test
    void ruleAndOriginsAgree() {
        List<LineageEdge> edges = ViewLineage.edges(uses(), VIEW, COLUMNS, ORIGINS, RULE);
        assertThat(edges).hasSize(1);
        assertThat(edges.get(0).type()).isEqualTo(LineageType.VIEW);
        assertThat(edges.get(0).columns())
                .containsExactly(
                        new ColumnMapping(List.of("id"), "id", "IDENTITY"),
                        new ColumnMapping(List.of("amount"), "double_amount", "TRANSFORMED"));
    }

    @Test
    void theRuleAloneGivesTheSameEdges() {
        assertThat(ViewLineage.edges(uses(), VIEW, COLUMNS, null, RULE))
                .isEqualTo(ViewLineage.edges(uses(), VIEW, COLUMNS, ORIGINS, RULE));
    }

    @Test
    void originsAloneGivePassThroughsOnly() {
        List<LineageEdge> edges = ViewLineage.edges(uses(), VIEW, COLUMNS, ORIGINS, null);
        assertThat(edges.get(0).columns()).containsExactly(new ColumnMapping(List.of("id"), "id", "IDENTITY"));
    }

    @Test
    void withNeitherTheTablesAreLinkedWithoutGuessingColumns() {
        List<LineageEdge> edges = ViewLineage.edges(uses(), VIEW, COLUMNS, null, null);
        assertThat(edges).hasSize(1);
        assertThat(edges.get(0).upstream()).isEqualTo(ORDERS);
        assertThat(edges.get(0).columns()).isEmpty();
    }

    @Test
    void aWholeRowReferenceReadsEveryColumnTheViewUses() {
        List<Output> rule = List.of(
                new Output("id", Set.of(new Column(10, 1)), true),
                new Output("double_amount", Set.of(new Column(10, 0)), false));
        assertThat(ViewLineage.edges(uses(), VIEW, COLUMNS, null, rule).get(0).columns())
                .contains(new ColumnMapping(List.of("id", "amount"), "double_amount", "TRANSFORMED"));
    }
}
