package io.lumos.domain.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import java.math.BigDecimal;
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
        assertThat(cost(r, A).direct()).isEqualByComparingTo("1000");
        assertThat(cost(r, A).source()).isEqualTo("property cost.monthly");
        assertThat(cost(r, A).passedOn()).isEqualByComparingTo("1000");
        assertThat(cost(r, A).attributed()).isEqualByComparingTo("0");
        assertThat(cost(r, B).received()).isEqualByComparingTo("250");
        assertThat(cost(r, B).passedOn()).isEqualByComparingTo("550");
        assertThat(cost(r, C).attributed()).isEqualByComparingTo("500");
        assertThat(cost(r, D).attributed()).isEqualByComparingTo("250");
        assertThat(cost(r, E).attributed()).isEqualByComparingTo("550");
        assertThat(r.totalAttributed()).isEqualByComparingTo("1300");
        assertThat(r.totalDirect()).isEqualByComparingTo("1300");
        assertThat(r.flows())
                .anySatisfy(f -> assertFlow(f, A, C, "0.5", "500", true))
                .anySatisfy(f -> assertFlow(f, A, B, "0.25", "250", false))
                .anySatisfy(f -> assertFlow(f, B, E, "1", "550", false));
    }

    @Test
    void totalsPerOwnerAndDomainSplitSharedDatasets() {
        CostReport r = new CostAttribution().attribute(snapshot());
        assertThat(r.byOwner().stream().map(CostAttributionTest::text))
                .containsExactly(
                        CostAttribution.NO_OWNER + " 3 1300 250",
                        "urn:li:corpuser:alice 2 0 800",
                        "urn:li:corpuser:bob 1 0 250");
        assertThat(r.byDomain().stream().map(CostAttributionTest::text))
                .containsExactly(CostAttribution.NO_DOMAIN + " 3 1300 250", "finance 2 0 1050");
    }

    @Test
    void configWinsOverPropertiesAndSplitsCanBeDeclaredInConfig() {
        CostAttribution attribution = new CostAttribution(
                Map.of(B, new BigDecimal("100")),
                Map.of(A, Map.of(B, new BigDecimal("0.1"), C, new BigDecimal("0.2"), D, new BigDecimal("0.7"))));
        CostReport r = attribution.attribute(snapshot());
        assertThat(cost(r, B).source()).isEqualTo("config");
        assertThat(cost(r, C).attributed()).isEqualByComparingTo("200");
        assertThat(cost(r, D).attributed()).isEqualByComparingTo("700");
        assertThat(cost(r, E).attributed()).isEqualByComparingTo("200");
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
        assertThat(cost(r, x).attributed()).isEqualByComparingTo("10");
    }

    @Test
    void sharesAboveHundredPercentAreScaled() {
        CostReport r = new CostAttribution(Map.of(), Map.of(A, Map.of(B, BigDecimal.ONE, C, new BigDecimal("3"))))
                .attribute(snapshot());
        assertThat(cost(r, C).attributed()).isEqualByComparingTo("750");
        assertThat(cost(r, D).attributed()).isEqualByComparingTo("0");
        assertThat(r.problems()).hasSize(1);
        assertThat(r.problems().get(0)).startsWith("postgres:a: declared cost shares add up to 400%");
    }

    @Test
    void moneyIsDecimalWithoutFloatNoise() {
        DatasetId x = DatasetId.of("csv", "x");
        DatasetId y = DatasetId.of("csv", "y");
        DatasetId z = DatasetId.of("csv", "z");
        CatalogSnapshot s = CatalogSnapshot.of(
                Instant.EPOCH,
                List.of(
                        Dataset.builder(x).properties(Map.of("cost", "0.1")).build(),
                        Dataset.builder(y).properties(Map.of("cost", "0.2")).build(),
                        Dataset.builder(z).build()),
                List.of(LineageEdge.of(x, z), LineageEdge.of(y, z)));
        CostReport r = new CostAttribution().attribute(s);
        assertThat(cost(r, z).attributed().toPlainString()).isEqualTo("0.3");
        assertThat(r.totalDirect().toPlainString()).isEqualTo("0.3");
    }

    @Test
    void thirdsAddUpToTheWhole() {
        DatasetId x = DatasetId.of("csv", "x");
        List<DatasetId> downs = List.of(DatasetId.of("csv", "p"), DatasetId.of("csv", "q"), DatasetId.of("csv", "r"));
        CatalogSnapshot s = CatalogSnapshot.of(
                Instant.EPOCH,
                List.of(Dataset.builder(x).properties(Map.of("cost", "100")).build()),
                downs.stream().map(d -> LineageEdge.of(x, d)).toList());
        CostReport r = new CostAttribution().attribute(s);
        assertThat(r.flows().stream().map(f -> f.amount().toPlainString())).containsExactly("33.33", "33.33", "33.34");
        assertThat(r.totalAttributed()).isEqualByComparingTo("100");
    }

    private static void assertFlow(
            CostFlow f, DatasetId from, DatasetId to, String share, String amount, boolean declared) {
        assertThat(f.from()).isEqualTo(from);
        assertThat(f.to()).isEqualTo(to);
        assertThat(f.share()).isEqualByComparingTo(share);
        assertThat(f.amount()).isEqualByComparingTo(amount);
        assertThat(f.declared()).isEqualTo(declared);
    }

    private static String text(CostTotal t) {
        return t.group() + " " + t.datasets() + " "
                + t.direct().stripTrailingZeros().toPlainString() + " "
                + t.attributed().stripTrailingZeros().toPlainString();
    }

    static DatasetCost cost(CostReport r, DatasetId id) {
        return r.datasets().stream()
                .filter(c -> c.dataset().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
