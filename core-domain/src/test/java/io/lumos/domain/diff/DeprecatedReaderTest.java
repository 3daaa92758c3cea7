package io.lumos.domain.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.LineageEdge;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeprecatedReaderTest {
    static final DatasetId OLD = DatasetId.of("postgres", "shop.public.orders_v1");
    static final DatasetId FRESH = DatasetId.of("postgres", "shop.public.orders_v2");
    static final DatasetId REPORT = DatasetId.of("csv", "report");
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static Dataset deprecated() {
        return new Lifecycle(DatasetStatus.DEPRECATED, "use orders_v2", LocalDate.parse("2027-03-31"), null)
                .applyTo(Dataset.builder(OLD).build());
    }

    @Test
    void aNewReaderOfADeprecatedDatasetIsAnInfoFinding() {
        List<Dataset> datasets = List.of(
                deprecated(),
                Dataset.builder(FRESH).build(),
                Dataset.builder(REPORT).build());
        CatalogSnapshot before = CatalogSnapshot.of(T, datasets, List.of(LineageEdge.of(FRESH, REPORT)));
        CatalogSnapshot after =
                CatalogSnapshot.of(T, datasets, List.of(LineageEdge.of(FRESH, REPORT), LineageEdge.of(OLD, REPORT)));

        List<Finding> findings = SchemaDiff.diff(before, after, CompatibilityMode.BACKWARD).findings().stream()
                .filter(f -> f.ruleId().equals(Rule.DEPRECATED_UPSTREAM_READ.name()))
                .toList();

        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.dataset()).isEqualTo(REPORT);
        assertThat(f.message())
                .isEqualTo(
                        "now reads postgres:shop.public.orders_v1, which is deprecated (decommission on 2027-03-31): "
                                + "use orders_v2");
    }

    @Test
    void anExistingReaderOrAReaderOfAnActiveDatasetIsNot() {
        List<Dataset> datasets = List.of(
                deprecated(),
                Dataset.builder(FRESH).build(),
                Dataset.builder(REPORT).build());
        CatalogSnapshot before = CatalogSnapshot.of(T, datasets, List.of(LineageEdge.of(OLD, REPORT)));
        CatalogSnapshot after =
                CatalogSnapshot.of(T, datasets, List.of(LineageEdge.of(OLD, REPORT), LineageEdge.of(FRESH, REPORT)));

        assertThat(SchemaDiff.diff(before, after, CompatibilityMode.BACKWARD).findings())
                .extracting(Finding::ruleId)
                .doesNotContain(Rule.DEPRECATED_UPSTREAM_READ.name());
    }
}
