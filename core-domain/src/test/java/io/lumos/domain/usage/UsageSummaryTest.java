package io.lumos.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.DatasetId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageSummaryTest {
    private static final DatasetId A = DatasetId.of("postgres", "shop.public.a");
    private static final DatasetId B = DatasetId.of("postgres", "shop.public.b");
    private static final DatasetId C = DatasetId.of("postgres", "shop.public.c");
    private static final DatasetId D = DatasetId.of("postgres", "shop.public.d");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static UsageSample sample(DatasetId id, Instant at, String origin, long reads, long writes) {
        return new UsageSample(id, at, origin, Map.of(UsageSample.READS, reads, UsageSample.WRITES, writes), Map.of());
    }

    @Test
    void theNewestSampleOfEachOriginCountsAndOriginsAdd() {
        UsageSummary s = UsageSummary.of(List.of(
                sample(A, T, "postgres", 5, 1),
                sample(A, T.plusSeconds(60), "postgres", 9, 2),
                sample(A, T, "datahub", 100, 0),
                sample(B, T, "postgres", 50, 0),
                sample(C, T, "postgres", 0, 0)));
        assertThat(s.get(A).reads()).isEqualTo(109);
        assertThat(s.get(A).writes()).isEqualTo(2);
        assertThat(s.get(A).origins()).containsExactly("datahub", "postgres");
        assertThat(s.get(A).observedAt()).isEqualTo(T.plusSeconds(60));
        assertThat(s.top(10)).extracting(UsageSummary.DatasetUsage::dataset).containsExactly(A, B);
        assertThat(s.top(1)).extracting(UsageSummary.DatasetUsage::dataset).containsExactly(A);
        assertThat(s.unused(List.of(A, B, C, D)))
                .containsExactly(new UsageSummary.Unused(C, true), new UsageSummary.Unused(D, false));
    }

    @Test
    void countersAreNeverNegative() {
        assertThatThrownBy(() -> sample(A, T, "postgres", -1, 0)).hasMessageContaining("must not be negative");
    }
}
