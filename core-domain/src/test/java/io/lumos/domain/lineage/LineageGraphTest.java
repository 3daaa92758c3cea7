package io.lumos.domain.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.lineage.LineageGraph.Impact;
import io.lumos.domain.lineage.LineageGraph.ImpactedDataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageGraphTest {
    private static final DatasetId ORDERS = DatasetId.of("pg", "orders");
    private static final DatasetId DAILY = DatasetId.of("csv", "daily");
    private static final DatasetId LTV = DatasetId.of("csv", "ltv");
    private static final DatasetId REPORT = DatasetId.of("json", "report");
    private static final DatasetId ARCHIVE = DatasetId.of("s3", "archive");

    private static LineageEdge edge(DatasetId up, DatasetId down, String... columns) {
        List<ColumnMapping> mappings = new ArrayList<>();
        for (String c : columns) {
            mappings.add(ColumnMapping.parse(c));
        }
        return LineageEdge.of(up, down).withColumns(mappings);
    }

    private static LineageGraph graph() {
        return LineageGraph.of(List.of(
                edge(ORDERS, DAILY, "amount=revenue", "day=day"),
                edge(ORDERS, LTV, "customer_id=customer_id"),
                edge(DAILY, REPORT, "revenue=total"),
                edge(REPORT, ARCHIVE)));
    }

    @Test
    void walksBothWaysNearestFirstWithPaths() {
        LineageGraph g = graph();
        assertThat(g.downstream(ORDERS, LineageGraph.UNBOUNDED))
                .extracting(LineageGraph.Reached::id)
                .containsExactly(DAILY, LTV, REPORT, ARCHIVE);
        assertThat(g.downstream(ORDERS, 1)).extracting(LineageGraph.Reached::id).containsExactly(DAILY, LTV);
        assertThat(g.upstream(ARCHIVE, LineageGraph.UNBOUNDED).get(2).path())
                .containsExactly(ARCHIVE, REPORT, DAILY, ORDERS);
        assertThat(g.upstreamEdges(DAILY)).extracting(LineageEdge::upstream).containsExactly(ORDERS);
    }

    @Test
    void datasetImpactSeparatesDirectAndIndirect() {
        Impact impact = graph().impact(ORDERS, null, LineageGraph.UNBOUNDED);
        assertThat(impact.directCount()).isEqualTo(2);
        assertThat(impact.indirectCount()).isEqualTo(2);
        ImpactedDataset archive = impact.affected().get(3);
        assertThat(archive.id()).isEqualTo(ARCHIVE);
        assertThat(archive.depth()).isEqualTo(3);
        assertThat(archive.path()).containsExactly(ORDERS, DAILY, REPORT, ARCHIVE);
    }

    @Test
    void columnImpactFollowsOnlyTheMappedColumns() {
        Impact impact = graph().impact(ORDERS, "amount", LineageGraph.UNBOUNDED);
        assertThat(impact.affected()).extracting(ImpactedDataset::id).containsExactly(DAILY, REPORT, ARCHIVE);
        assertThat(impact.affected().get(0).columns()).containsExactly("revenue");
        assertThat(impact.affected().get(1).columns()).containsExactly("total");
        // The report feeds the archive without column lineage: possibly affected, whole dataset.
        assertThat(impact.affected().get(2).possiblyAffected()).isTrue();
        assertThat(impact.affected().get(1).possiblyAffected()).isFalse();
        assertThat(graph().impact(ORDERS, "customer_id", 5).affected())
                .extracting(ImpactedDataset::id)
                .containsExactly(LTV);
    }

    @Test
    void nestedColumnsMatchTheirParents() {
        LineageGraph g = LineageGraph.of(List.of(edge(ORDERS, DAILY, "customer.email=email")));
        assertThat(g.impact(ORDERS, "customer", 5).affected()).hasSize(1);
        assertThat(g.impact(ORDERS, "customer.email", 5).affected()).hasSize(1);
        assertThat(g.impact(ORDERS, "customer.id", 5).affected()).isEmpty();
    }

    @Test
    void cyclesEndAndTheLastEdgeBetweenTwoDatasetsWins() {
        LineageGraph g = LineageGraph.of(
                List.of(LineageEdge.of(ORDERS, DAILY), LineageEdge.of(DAILY, ORDERS), edge(ORDERS, DAILY, "a=b")));
        assertThat(g.edgeCount()).isEqualTo(2);
        assertThat(g.downstreamEdges(ORDERS).get(0).columns()).hasSize(1);
        assertThat(g.impact(ORDERS, null, LineageGraph.UNBOUNDED).affected())
                .extracting(ImpactedDataset::id)
                .containsExactly(DAILY);
        assertThat(g.impact(ORDERS, "a", LineageGraph.UNBOUNDED).affected())
                .extracting(ImpactedDataset::id)
                .containsExactly(DAILY);
    }

    @Test
    void aMillionEdgesWalk() {
        List<LineageEdge> edges = new ArrayList<>();
        for (int e = 0; e < 1_000_000; e++) {
            edges.add(LineageEdge.of(DatasetId.of("b", "n" + e / 4), DatasetId.of("b", "n" + (e + 1))));
        }
        LineageGraph g = LineageGraph.of(edges);
        Impact impact = g.impact(DatasetId.of("b", "n0"), null, LineageGraph.UNBOUNDED);
        assertThat(impact.affected()).hasSize(1_000_000);
        assertThat(impact.directCount()).isEqualTo(4);
        assertThat(impact.affected().get(999_999).path().get(0)).isEqualTo(DatasetId.of("b", "n0"));
    }
}
