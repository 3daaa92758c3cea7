package io.lumos.platform.marquez;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The controller's decisions, fed latencies as numbers: no threads, no clock. */
class AdaptiveConcurrencyTest {
    private static final long MS = 1_000_000L;

    /** A full window of answers at one latency, all sent under the current limit. */
    private static int window(AdaptiveConcurrency c, long latency) {
        int size = Math.max(AdaptiveConcurrency.MIN_WINDOW, c.limit());
        long ticket = ticket(c);
        int limit = c.limit();
        for (int i = 0; i < size; i++) {
            limit = c.onResponse(ticket, latency, false);
        }
        return limit;
    }

    /** The ticket a request sent now would carry. */
    private static long ticket(AdaptiveConcurrency c) {
        try {
            long t = c.acquire();
            c.releaseWithoutSample();
            return t;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void startsAtFourAndAddsOnePerWindowWhileTheMedianHoldsUpToTheCap() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(8);
        assertThat(c.limit()).isEqualTo(4);
        assertThat(window(c, 5 * MS)).isEqualTo(5);
        assertThat(window(c, 6 * MS)).isEqualTo(6); // 1.2x the lowest median: holds
        assertThat(window(c, 5 * MS)).isEqualTo(7);
        assertThat(window(c, 5 * MS)).isEqualTo(8);
        assertThat(window(c, 5 * MS)).isEqualTo(8); // the cap
    }

    @Test
    void aWindowPartlyFilledDecidesNothing() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(64);
        long ticket = ticket(c);
        for (int i = 0; i < AdaptiveConcurrency.MIN_WINDOW - 1; i++) {
            assertThat(c.onResponse(ticket, 5 * MS, false)).isEqualTo(4);
        }
        assertThat(c.onResponse(ticket, 5 * MS, false)).isEqualTo(5);
    }

    @Test
    void halvesWhenTheMedianLatencyDoubles() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(64);
        for (int i = 0; i < 20; i++) {
            window(c, 5 * MS);
        }
        assertThat(c.limit()).isEqualTo(24);
        assertThat(window(c, 10 * MS)).isEqualTo(24); // one window: maybe noise, waits
        assertThat(window(c, 10 * MS)).isEqualTo(12); // the second in a row: halves
        assertThat(window(c, 8 * MS)).isEqualTo(12); // 1.6x: neither holds nor doubled, stays
        assertThat(window(c, 5 * MS)).isEqualTo(13);
    }

    @Test
    void oneSlowWindowBetweenGoodOnesIsNoise() {
        // a GC pause or the scheduler of a busy client machine: one window's median doubles
        AdaptiveConcurrency c = new AdaptiveConcurrency(64);
        for (int i = 0; i < 20; i++) {
            window(c, 5 * MS);
        }
        assertThat(c.limit()).isEqualTo(24);
        for (int i = 0; i < 5; i++) {
            assertThat(window(c, 12 * MS)).as("slow window %d", i).isEqualTo(24 + i);
            assertThat(window(c, 5 * MS)).isEqualTo(25 + i);
        }
    }

    @Test
    void theMedianNotTheMeanDecides() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(64);
        window(c, 5 * MS); // 5
        long ticket = ticket(c);
        int size = Math.max(AdaptiveConcurrency.MIN_WINDOW, c.limit());
        int limit = 0;
        for (int i = 0; i < size; i++) {
            // a few very slow answers do not move the median
            limit = c.onResponse(ticket, i < 2 ? 900 * MS : 5 * MS, false);
        }
        assertThat(limit).isEqualTo(6);
    }

    @Test
    void halvesOnceOnABurstOfOverloadAnswersAndNeverGoesBelowTwo() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(64);
        for (int i = 0; i < 20; i++) {
            window(c, 5 * MS);
        }
        assertThat(c.limit()).isEqualTo(24);
        long before = ticket(c);
        // 429s and 5xx for every request in flight when the server got overloaded: one halving
        for (int i = 0; i < 24; i++) {
            c.onResponse(before, 5 * MS, true);
        }
        assertThat(c.limit()).isEqualTo(12);
        // answers to requests sent before the decrease do not feed the next window either
        for (int i = 0; i < 100; i++) {
            c.onResponse(before, 5 * MS, false);
        }
        assertThat(c.limit()).isEqualTo(12);
        // requests sent after it that are refused again halve again, down to two and no lower
        for (int i = 0; i < 10; i++) {
            c.onResponse(ticket(c), 5 * MS, true);
        }
        assertThat(c.limit()).isEqualTo(AdaptiveConcurrency.FLOOR);
    }

    @Test
    void aSmallCapIsKeptFromTheStart() {
        assertThat(new AdaptiveConcurrency(3).limit()).isEqualTo(3);
        AdaptiveConcurrency one = new AdaptiveConcurrency(1);
        assertThat(one.limit()).isEqualTo(1);
        one.onResponse(ticket(one), 5 * MS, true);
        assertThat(one.limit()).isEqualTo(1);
    }
}
