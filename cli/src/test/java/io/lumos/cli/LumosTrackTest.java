package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.spi.run.RunQuery;
import io.lumos.spi.run.RunRecord;
import io.lumos.spi.run.RunState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API records runs in the local catalog, through the same service as `lumos run`. */
class LumosTrackTest extends CliTestSupport {
    @TempDir
    Path dir;

    @Test
    void trackRecordsCompleteAndFailedRunsInTheLocalCatalog() throws Exception {
        try (Lumos lumos = Lumos.open(null, dir)) {
            lumos.track("daily", List.of(lumos.dataset("csv:orders")), List.of(lumos.dataset("csv:daily")), () -> {});
            assertThatThrownBy(() -> lumos.track("broken", List.of(), List.of(), () -> {
                        throw new IllegalStateException("disk full");
                    }))
                    .hasMessage("disk full");
            List<RunRecord> runs = lumos.catalogs().get(0).runs(RunQuery.ALL);
            assertThat(runs).extracting(RunRecord::job).containsExactlyInAnyOrder("daily", "broken");
            RunRecord broken = runs.stream()
                    .filter(r -> r.job().equals("broken"))
                    .findFirst()
                    .orElseThrow();
            assertThat(broken.state()).isEqualTo(RunState.FAIL);
            assertThat(broken.error()).isEqualTo("java.lang.IllegalStateException: disk full");
            assertThat(broken.namespace()).isEqualTo("lumos");
        }
        Result list = run(dir, "runs", "list", "--job", "daily");
        assertThat(list.out()).contains("lumos/daily").contains("COMPLETE");
    }
}
