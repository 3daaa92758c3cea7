package io.lumos.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final List<Long> bounds = new ArrayList<>();
    private final List<Long> slept = new ArrayList<>();

    private Backoff backoff(long draw) {
        return new Backoff(
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                bound -> {
                    bounds.add(bound);
                    return Math.min(draw, bound - 1);
                },
                slept::add);
    }

    @Test
    void fullJitterDrawsFromZeroToTheDoublingCeiling() {
        Backoff b = backoff(Long.MAX_VALUE); // the largest draw allowed
        for (int retry = 1; retry <= 6; retry++) {
            b.pause(retry, -1);
        }
        // bounds are exclusive: the wait is uniform in [0, ceiling]; the ceiling doubles up to the cap
        assertThat(bounds).containsExactly(101L, 201L, 401L, 801L, 1001L, 1001L);
        assertThat(slept).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    @Test
    void theSmallestDrawWaitsNothing() {
        Backoff b = backoff(0);
        b.pause(3, -1);
        assertThat(slept).containsExactly(0L);
    }

    @Test
    void theServersRetryAfterIsTakenUpToTheCap() {
        Backoff b = backoff(0);
        b.pause(1, 700);
        b.pause(1, 5_000);
        assertThat(slept).containsExactly(700L, 1000L);
        assertThat(bounds).isEmpty();
    }

    @Test
    void retryAfterIsReadInSecondsAndADateIsIgnored() {
        assertThat(Backoff.retryAfterMillis("2")).isEqualTo(2000);
        assertThat(Backoff.retryAfterMillis(" 0 ")).isZero();
        assertThat(Backoff.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(-1);
        assertThat(Backoff.retryAfterMillis(null)).isEqualTo(-1);
        assertThat(Backoff.retryAfterMillis("-3")).isEqualTo(-1);
    }

    @Test
    void anInterruptedPauseSaysSoAndKeepsTheFlag() {
        Backoff b = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), bound -> 0, millis -> {
            throw new InterruptedException();
        });
        try {
            assertThat(b.pause(1, -1)).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
