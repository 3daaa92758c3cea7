package io.lumos.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * The wait between retries of a call to a server, for every plugin that retries: exponential backoff
 * with <em>full jitter</em>, as the AWS Architecture Blog names it ("Exponential Backoff And
 * Jitter", Marc Brooker, 2015): the wait before retry {@code n} (1 for the first) is drawn uniformly
 * from {@code [0, min(cap, base * 2^(n-1))]}. Spreading the whole interval, rather than adding a
 * little noise to a fixed wait, is what keeps many clients hit by the same outage from coming back
 * in step. When the server says how long to wait ({@code Retry-After} in seconds), that wait is
 * taken instead, up to the cap.
 *
 * <p>The random source and the sleeper are injected so that tests can check the waits without
 * waiting.
 */
public final class Backoff {
    /** The longest wait, whatever the attempt or the server's Retry-After. */
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(30);

    /** Sleeps; {@code Thread::sleep} outside tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final long baseMillis;
    private final long capMillis;
    private final LongUnaryOperator random;
    private final Sleeper sleeper;

    /** Full jitter from {@code base}, capped at {@link #DEFAULT_CAP}, sleeping for real. */
    public Backoff(Duration base) {
        this(base, DEFAULT_CAP, bound -> ThreadLocalRandom.current().nextLong(bound), Thread::sleep);
    }

    /**
     * @param random given a bound, a number uniformly drawn from {@code [0, bound)}
     * @param sleeper what waits
     */
    public Backoff(Duration base, Duration cap, LongUnaryOperator random, Sleeper sleeper) {
        this.baseMillis = Math.max(0, base.toMillis());
        this.capMillis = Math.max(0, cap.toMillis());
        this.random = requireNonNull(random, "random");
        this.sleeper = requireNonNull(sleeper, "sleeper");
    }

    /**
     * How long to wait before retry number {@code retry} (1 for the first retry), in milliseconds:
     * the server's {@code retryAfterMillis} when it gave one (0 or more), else full jitter.
     */
    public long delayMillis(int retry, long retryAfterMillis) {
        if (retryAfterMillis >= 0) {
            return Math.min(capMillis, retryAfterMillis);
        }
        int doublings = Math.max(0, Math.min(retry - 1, 20));
        long ceiling = Math.min(capMillis, baseMillis << doublings);
        return random.applyAsLong(ceiling + 1);
    }

    /**
     * Waits before retry number {@code retry}; false when the thread was interrupted (its interrupt
     * flag is set again, so the caller can stop retrying).
     */
    public boolean pause(int retry, long retryAfterMillis) {
        try {
            sleeper.sleep(delayMillis(retry, retryAfterMillis));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A {@code Retry-After} header in milliseconds, or -1 when absent or not a number of seconds (an
     * HTTP date is not honoured; the backoff stands).
     */
    public static long retryAfterMillis(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? -1 : Math.min(Long.MAX_VALUE / 1000, seconds) * 1000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
