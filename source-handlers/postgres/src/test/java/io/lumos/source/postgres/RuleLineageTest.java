package io.lumos.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.source.postgres.RuleLineage.Column;
import io.lumos.source.postgres.RuleLineage.Output;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stored query tree of a view, as PostgreSQL 17 wrote it (recorded from the IT's fixture). */
class RuleLineageTest {
    // oids in the recorded tree
    private static final long CUSTOMERS = 16400;
    private static final long ORDERS = 16412;

    private static String recorded() throws IOException {
        try (InputStream in = RuleLineageTest.class.getResourceAsStream("/v_mix.ev_action.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void everyOutputColumnOfARecordedViewReachesItsTableColumns() throws IOException {
        // WITH x AS (SELECT customer_id, amount FROM orders)
        // SELECT c.id, (SELECT max(o2.amount) FROM orders o2 WHERE o2.customer_id = c.id) AS mx,
        //        x.amount AS cte_amount, coalesce(x.amount, 0) + 1 AS "a 1", 'lit'::text AS lit, count(*) AS n
        // FROM customers c JOIN x ON x.customer_id = c.id GROUP BY c.id, x.amount
        List<Output> out = RuleLineage.outputs(recorded());
        assertThat(out).extracting(Output::name).containsExactly("id", "mx", "cte_amount", "a 1", "lit", "n");
        assertThat(out.get(0)).isEqualTo(new Output("id", Set.of(new Column(CUSTOMERS, 1)), true));
        assertThat(out.get(1).uses())
                .containsExactlyInAnyOrder(new Column(ORDERS, 3), new Column(ORDERS, 2), new Column(CUSTOMERS, 1));
        assertThat(out.get(1).passThrough()).isFalse();
        assertThat(out.get(2)).isEqualTo(new Output("cte_amount", Set.of(new Column(ORDERS, 3)), true));
        assertThat(out.get(3)).isEqualTo(new Output("a 1", Set.of(new Column(ORDERS, 3)), false));
        assertThat(out.get(4).uses()).isEmpty();
        assertThat(out.get(5).uses()).isEmpty();
    }

    @Test
    void theReaderHandlesEscapesNullsListsAndDatums() {
        Object tree = PgNodeTree.parse(
                "({QUERY :a <> :b (\"x\\ y\" \"q\\\"\") :c {VAR :varno 1} :d 4 [ 1 0 0 0 ] :e (b 1 2) :f co\\ l})");
        Map<String, Object> q = PgNodeTree.node(((List<?>) tree).get(0));
        assertThat(PgNodeTree.type(q)).isEqualTo("QUERY");
        assertThat(q.get("a")).isNull();
        assertThat(q.get("b")).isEqualTo(List.of("x y", "q\""));
        assertThat(PgNodeTree.number(PgNodeTree.node(q.get("c")), "varno", -1)).isEqualTo(1);
        assertThat(q.get("d")).isEqualTo(List.of("4", "[", "1", "0", "0", "0", "]"));
        assertThat(q.get("e")).isEqualTo(List.of("b", "1", "2"));
        assertThat(q.get("f")).isEqualTo("co l");
    }

    @Test
    void brokenTreesAreRefusedNotGuessed() {
        assertThatThrownBy(() -> PgNodeTree.parse("({QUERY :a 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleLineage.outputs("({NOTAQUERY})")).hasMessageContaining("no query");
    }
}
