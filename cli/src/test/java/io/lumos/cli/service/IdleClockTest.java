package io.lumos.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When {@code --idle-timeout} ends a consume, on a clock the test moves (nanoseconds given). */
class IdleClockTest {
    private static final long S = 1_000_000_000L;

    @Test
    void joiningAndRebalancingAreNotIdleUntilTheRebalanceTimeout() {
        ConsumeService.IdleClock clock =
                new ConsumeService.IdleClock(Duration.ofSeconds(2), Duration.ofSeconds(300), 0);
        // not yet in the group after 10 s: still joining, not idle
        assertThat(clock.expired(false, 10 * S)).isNull();
        // in the group at 10 s: idleness counts from then
        assertThat(clock.expired(true, 11 * S)).isNull();
        assertThat(clock.expired(true, 12 * S)).isEqualTo("no event for 2 s");
    }

    @Test
    void anEventOrNewPartitionsStartTheIdleClockAgain() {
        ConsumeService.IdleClock clock =
                new ConsumeService.IdleClock(Duration.ofSeconds(2), Duration.ofSeconds(300), 0);
        assertThat(clock.expired(true, S)).isNull();
        clock.reset(S + S / 2);
        assertThat(clock.expired(true, 3 * S)).isNull();
        assertThat(clock.expired(true, 3 * S + S / 2)).isEqualTo("no event for 2 s");
    }

    @Test
    void aConsumerThatIsNeverTakenInStopsAfterTheLongerOfTheTwoTimeouts() {
        ConsumeService.IdleClock clock = new ConsumeService.IdleClock(Duration.ofSeconds(2), Duration.ofSeconds(5), 0);
        assertThat(clock.expired(false, 4 * S)).isNull();
        assertThat(clock.expired(false, 5 * S)).isEqualTo("not in the consumer group after 5 s (no partitions given)");
        // an idle timeout longer than the rebalance timeout bounds the joining instead
        ConsumeService.IdleClock longer =
                new ConsumeService.IdleClock(Duration.ofSeconds(30), Duration.ofSeconds(5), 0);
        assertThat(longer.expired(false, 29 * S)).isNull();
        assertThat(longer.expired(false, 30 * S)).startsWith("not in the consumer group after 30 s");
    }

    @Test
    void aRebalanceAfterWorkStartsTheJoiningBoundAfresh() {
        ConsumeService.IdleClock clock = new ConsumeService.IdleClock(Duration.ofSeconds(2), Duration.ofSeconds(5), 0);
        assertThat(clock.expired(true, S)).isNull();
        clock.reset(100 * S); // an event
        assertThat(clock.expired(false, 101 * S)).isNull(); // a rebalance begins
        assertThat(clock.expired(false, 105 * S)).isNull();
        assertThat(clock.expired(false, 106 * S)).startsWith("not in the consumer group");
    }

    @Test
    void withoutAnIdleTimeoutItNeverStops() {
        ConsumeService.IdleClock clock = new ConsumeService.IdleClock(null, Duration.ofSeconds(5), 0);
        assertThat(clock.expired(false, 1000 * S)).isNull();
        assertThat(clock.expired(true, 2000 * S)).isNull();
    }
}
