package io.lumos.domain.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostAttributionTest {
    static final DatasetId A = DatasetId.of("postgres", "a");
    static final DatasetId B = DatasetId.of("csv", "b");
    static final DatasetId C = DatasetId.of("csv", "c");
    static final DatasetId D = DatasetId.of("csv", "d");
    static final DatasetId E = DatasetId.of("csv", "e");

    static CatalogSnapshot snapshot() {
        Dataset a = Dataset.builder(A)
                .properties(Map.of("cost.monthly", "1,000", "cost", "5", "cost.split.csv:c", "50%"))
                .build();
        Dataset b = Dataset.builder(B).properties(Map.of("cost", "300")).build();
        Dataset c = Dataset.builder(C)
                .owners(List.of(new Owner("alice", null), new Owner("bob", null)))
                .domain("finance")
                .build();
        Dataset d = Dataset.builder(D).build();
        Dataset e = Dataset.builder(E)
                .owners(List.of(new Owner("alice", null)))
                .domain("finance")
                .build();
        return CatalogSnapshot.of(
                Instant.EPOCH,
                List.of(a, b, c, d, e),
                List.of(LineageEdge.of(A, B), LineageEdge.of(A, C), LineageEdge.of(A, D), LineageEdge.of(B, E)));
    }

    @Test
    void costFlowsDownByDeclaredThenEqualShares() {
        CostReport r = new CostAttribution().attribute(snapshot());
        assertThat(r.problems()).isEmpty();
        assertThat(cost(r, A))
                .isEqualTo(new DatasetCost(A, List.of(), null, 1000, "property cost.monthly", 0, 1000, 0));
        assertThat(cost(r, B).received()).isEqualTo(250.0);
        assertThat(cost(r, B).passedOn()).isEqualTo(550.0);
        assertThat(cost(r, C).attributed()).isEqualTo(500.0);
        assertThat(cost(r, D).attributed()).isEqualTo(250.0);
        assertThat(cost(r, E).attributed()).isEqualTo(550.0);
        assertThat(r.totalAttributed()).isEqualTo(1300.0);
        assertThat(r.totalDirect()).isEqualTo(1300.0);
        assertThat(r.flows())
                .contains(
                        new CostFlow(A, C, 0.5, 500, true),
                        new CostFlow(A, B, 0.25, 250, false),
                        new CostFlow(B, E, 1.0, 550, false));
    }

    @Test
    void totalsPerOwnerAndDomainSplitSharedDatasets() {
        CostReport r = new CostAttribution().attribute(snapshot());
        assertThat(r.byOwner())
                .containsExactly(
                        new CostTotal(CostAttribution.NO_OWNER, 3, 1300, 250),
                        new CostTotal("urn:li:corpuser:alice", 2, 0, 800),
                        new CostTotal("urn:li:corpuser:bob", 1, 0, 250));
        assertThat(r.byDomain())
                .containsExactly(
                        new CostTotal(CostAttribution.NO_DOMAIN, 3, 1300, 250), new CostTotal("finance", 2, 0, 1050));
    }

    @Test
    void configWinsOverPropertiesAndSplitsCanBeDeclaredInConfig() {
        CostAttribution attribution = new CostAttribution(Map.of(B, 100.0), Map.of(A, Map.of(B, 0.1, C, 0.2, D, 0.7)));
        CostReport r = attribution.attribute(snapshot());
        assertThat(cost(r, B).source()).isEqualTo("config");
        assertThat(cost(r, C).attributed()).isCloseTo(200.0, within(1e-9));
        assertThat(cost(r, D).attributed()).isCloseTo(700.0, within(1e-9));
        assertThat(cost(r, E).attributed()).isCloseTo(200.0, within(1e-9));
    }

    @Test
    void badNumbersAndCyclesAreReportedAndTheRestGoesOn() {
        DatasetId x = DatasetId.of("csv", "x");
        DatasetId y = DatasetId.of("csv", "y");
        CatalogSnapshot s = CatalogSnapshot.of(
                Instant.EPOCH,
                List.of(
                        Dataset.builder(x).properties(Map.of("cost", "10")).build(),
                        Dataset.builder(y)
                                .properties(Map.of("cost", "ten dollars"))
                                .build()),
                List.of(LineageEdge.of(x, y), LineageEdge.of(y, x)));
        CostReport r = new CostAttribution().attribute(s);
        assertThat(r.problems())
                .containsExactly(
                        "csv:y: property cost='ten dollars' is not a number; write a plain amount such as 1200.50",
                        "cost was not passed on from 2 dataset(s) on or below a lineage cycle, they keep their cost: csv:x, csv:y");
        assertThat(cost(r, x).attributed()).isEqualTo(10.0);
    }

    @Test
    void sharesAboveHundredPercentAreScaled() {
        CostReport r = new CostAttribution(Map.of(), Map.of(A, Map.of(B, 1.0, C, 3.0))).attribute(snapshot());
        assertThat(cost(r, C).attributed()).isEqualTo(750.0);
        assertThat(cost(r, D).attributed()).isEqualTo(0.0);
        assertThat(r.problems()).hasSize(1);
        assertThat(r.problems().get(0)).startsWith("postgres:a: declared cost shares add up to 400.0%");
    }

    static DatasetCost cost(CostReport r, DatasetId id) {
        return r.datasets().stream()
                .filter(c -> c.dataset().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
