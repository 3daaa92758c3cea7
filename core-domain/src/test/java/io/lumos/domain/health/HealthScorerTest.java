package io.lumos.domain.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.domain.Statistics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthScorerTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final DatasetId A = DatasetId.of("postgres", "shop.orders");
    static final DatasetId B = DatasetId.of("csv", "dump");
    static final DatasetId C = DatasetId.of("csv", "daily");
    static final DatasetId Z = DatasetId.of("csv", "elsewhere");

    static Field field(String name, String description) {
        return Field.builder(name, DataTypes.parse("string"))
                .description(description)
                .build();
    }

    static CatalogSnapshot snapshot() {
        Dataset a = Dataset.builder(A)
                .description("Orders")
                .owners(List.of(new Owner("alice", null)))
                .domain("sales")
                .tags(List.of("pii"))
                .fields(List.of(field("id", "key"), field("amount", "total"), field("note", null), field("x", "y")))
                .statistics(new Statistics(null, null, NOW.minus(Duration.ofDays(10))))
                .build();
        Dataset b = Dataset.builder(B).build();
        Dataset c = Dataset.builder(C)
                .owners(List.of(new Owner("alice", "BUSINESS_OWNER")))
                .domain("sales")
                .fields(List.of(field("d", "day"), field("n", "count")))
                .statistics(new Statistics(null, null, NOW.minus(Duration.ofDays(200))))
                .build();
        return CatalogSnapshot.of(NOW, List.of(a, b, c), List.of(LineageEdge.of(A, Z)));
    }

    @Test
    void scoresEachCriterionAndSaysWhyPointsWereLost() {
        HealthReport r = new HealthScorer().score(snapshot());
        DatasetHealth a = find(r, A);
        assertThat(a.score()).isEqualTo(95.0);
        assertThat(a.grade()).isEqualTo("A");
        assertThat(a.criterion(Criterion.FIELD_DESCRIPTIONS).points()).isEqualTo(15.0);
        assertThat(a.reasons()).containsExactly("1 of 4 fields have no description");

        DatasetHealth b = find(r, B);
        assertThat(b.score()).isEqualTo(0.0);
        assertThat(b.reasons())
                .containsExactly(
                        "no description",
                        "no owner",
                        "no schema known",
                        "no tags or glossary terms",
                        "no lineage (neither upstream nor downstream known)",
                        "schema age unknown (no version and no last-modified time)");

        DatasetHealth c = find(r, C);
        assertThat(c.score()).isEqualTo(40.0);
        assertThat(c.criterion(Criterion.FRESHNESS).reason())
                .isEqualTo("data last changed 200 days ago (limit 90 days)");
    }

    @Test
    void freshnessIsWhenTheDataChangedAtTheSourceNotWhenLumosIngestedIt() {
        // a file unchanged since 2020, ingested (first version made) yesterday: not fresh
        io.lumos.domain.DatasetVersion ingested =
                new io.lumos.domain.VersionPolicy("S-").initial(1, NOW.minus(Duration.ofDays(1)), "ci", "fp");
        Dataset old = Dataset.builder(B)
                .statistics(new Statistics(null, null, Instant.parse("2020-01-01T00:00:00Z")))
                .version(ingested)
                .build();
        DatasetHealth h = new HealthScorer().score(old, false, NOW);
        assertThat(h.criterion(Criterion.FRESHNESS).points()).isZero();
        assertThat(h.criterion(Criterion.FRESHNESS).reason()).startsWith("data last changed 2343 days ago");

        // a source that cannot tell: the version's time is all there is
        Dataset unknown = Dataset.builder(B).version(ingested).build();
        assertThat(new HealthScorer()
                        .score(unknown, false, NOW)
                        .criterion(Criterion.FRESHNESS)
                        .points())
                .isEqualTo(HealthWeights.DEFAULT.freshness());
    }

    @Test
    void rollsUpPerOwnerAndDomain() {
        HealthReport r = new HealthScorer().score(snapshot());
        assertThat(r.byOwner())
                .containsExactly(
                        new HealthRollup(HealthScorer.NO_OWNER, 1, 0.0, 0.0, 0.0, 1),
                        new HealthRollup("urn:li:corpuser:alice", 2, 67.5, 40.0, 95.0, 1));
        assertThat(r.byDomain())
                .containsExactly(
                        new HealthRollup(HealthScorer.NO_DOMAIN, 1, 0.0, 0.0, 0.0, 1),
                        new HealthRollup("sales", 2, 67.5, 40.0, 95.0, 1));
        assertThat(r.averageScore()).isEqualTo(45.0);
    }

    @Test
    void customWeightsScaleToHundred() {
        HealthWeights w = new HealthWeights(1, 1, 0, 0, 0, 0, Duration.ofDays(1));
        HealthReport r = new HealthScorer(w).score(snapshot());
        assertThat(find(r, A).score()).isEqualTo(100.0);
        assertThat(find(r, C).score()).isEqualTo(50.0);
        assertThat(find(r, C).reasons()).containsExactly("no description");
    }

    static DatasetHealth find(HealthReport r, DatasetId id) {
        return r.datasets().stream()
                .filter(h -> h.dataset().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
