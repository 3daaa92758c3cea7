package io.lumos.platform.marquez;

import java.util.Arrays;

/**
 * How many requests to Marquez run at once, found while they run (additive increase, multiplicative
 * decrease, as TCP finds a window): it starts at {@value #START}; after each window of requests
 * (as many as the limit, at least {@value #MIN_WINDOW}) whose median latency holds (at most 1.5 times
 * the lowest window median seen) it adds one; it halves at once on a 429 or 5xx answer, and when
 * the median latency has doubled against that lowest one in two windows in a row; it never goes
 * below {@value #FLOOR} nor above the configured cap ({@code max_in_flight}). So a healthy server
 * is driven to the cap in a few hundred requests, and a loaded one, whose answers slow down or
 * refuse, gets fewer requests at once.
 *
 * <p>Why two windows: one window is a few dozen answers, and on a busy client machine one of them
 * can have a doubled median from a GC pause or the scheduler alone. Measured with {@code
 * bench/marquez} at load 20 on 2 cores: 84 of 997 windows had a doubled median, only 18 of them
 * right after another; halving on each kept the limit near 20 and the run at 16-21 s, against
 * 13 s at a fixed 64.
 *
 * <p>The decisions ({@link #onResponse}) take the latency as a number and read no clock, so they are
 * tested without threads or timing; {@link #acquire} and {@link #release} are the gate the sending
 * threads pass through.
 */
final class AdaptiveConcurrency {
    static final int START = 4;
    static final int FLOOR = 2;
    static final int MIN_WINDOW = 8;

    private final int cap;
    private int limit;
    private int inFlight;
    private long[] window = new long[MIN_WINDOW];
    private int samples;
    private long lowestMedian = Long.MAX_VALUE;
    // the last full window's median had doubled: one more such window halves the limit
    private boolean slowWindow;
    // bumped on every decrease: an overload answer to a request sent before the last decrease was
    // already answered by it, so a burst of 429s halves once, not once per request
    private long epoch;

    /** Adaptive between {@value #FLOOR} and {@code cap}. */
    AdaptiveConcurrency(int cap) {
        this.cap = Math.max(1, cap);
        this.limit = Math.min(this.cap, START);
    }

    /** The current limit. */
    synchronized int limit() {
        return limit;
    }

    /**
     * Waits until a request may start; returns its ticket for {@link #release}.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    synchronized long acquire() throws InterruptedException {
        while (inFlight >= limit) {
            wait();
        }
        inFlight++;
        return epoch;
    }

    /** A request that {@link #acquire} let start has ended. */
    synchronized void release(long ticket, long latencyNanos, boolean overloaded) {
        inFlight--;
        onResponse(ticket, latencyNanos, overloaded);
        notifyAll();
    }

    /** A request that ended without an answer worth judging the server by (an I/O error). */
    synchronized void releaseWithoutSample() {
        inFlight--;
        notifyAll();
    }

    /**
     * One answer: its latency, and whether the server said it is overloaded (429 or 5xx). Returns the
     * new limit.
     */
    synchronized int onResponse(long ticket, long latencyNanos, boolean overloaded) {
        if (overloaded) {
            if (ticket == epoch) {
                decrease();
            }
            return limit;
        }
        if (ticket != epoch) {
            return limit; // sent under the old limit: says nothing about the new one
        }
        window[samples++] = latencyNanos;
        if (samples < window.length) {
            return limit;
        }
        long[] sorted = Arrays.copyOf(window, samples);
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        samples = 0;
        if (median < lowestMedian) {
            lowestMedian = median;
        }
        if (median >= 2 * lowestMedian) {
            if (slowWindow) {
                decrease();
            } else {
                slowWindow = true;
            }
            return limit;
        }
        slowWindow = false;
        if (2 * median <= 3 * lowestMedian && limit < cap) {
            limit++;
            resize();
        }
        return limit;
    }

    private void decrease() {
        limit = Math.max(Math.min(FLOOR, cap), limit / 2);
        slowWindow = false;
        epoch++;
        samples = 0;
        resize();
    }

    private void resize() {
        window = new long[Math.max(MIN_WINDOW, limit)];
        samples = 0;
    }
}
