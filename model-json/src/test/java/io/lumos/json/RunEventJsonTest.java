package io.lumos.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lumos.domain.DatasetId;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.RunEvent;
import io.lumos.spi.run.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunEventJsonTest {
    @Test
    void aRunEventSurvivesTheDeadLetterFormWhole() {
        RunEvent e = new RunEvent(
                UUID.randomUUID(),
                "nightly",
                RunState.FAIL,
                Instant.parse("2026-03-01T10:00:05.123Z"),
                Instant.parse("2026-03-01T10:00:00Z"),
                List.of(DatasetId.of("postgres", "shop.public.orders")),
                List.of(DatasetId.of("s3", "lake/daily")),
                Duration.ofMillis(5123),
                RunEvent.RunError.ofCommand(3, "no space"),
                Map.of("day", "2026-03-01"),
                "etl",
                new ParentRun("airflow", "dag.task", UUID.randomUUID()),
                3);
        assertThat(RunEventJson.fromJson(RunEventJson.toJson(e))).isEqualTo(e);
        RunEvent bare =
                new RunEvent(UUID.randomUUID(), "j", RunState.START, Instant.EPOCH, null, null, null, null, null, null);
        assertThat(RunEventJson.fromJson(RunEventJson.toJson(bare))).isEqualTo(bare);
        assertThatThrownBy(() -> RunEventJson.fromJson("{\"job\":1}")).hasMessageContaining("not a Lumos run event");
    }
}
