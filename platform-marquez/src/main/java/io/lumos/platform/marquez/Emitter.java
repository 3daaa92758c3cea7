package io.lumos.platform.marquez;

import io.lumos.spi.DeadLetter;
import io.lumos.spi.DeadLetterFile;
import io.lumos.spi.EmitReport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where events go. Every event is either sent or, after retries, written to the dead-letter file:
 * nothing is dropped silently. Events with the same key are sent in the order they were given.
 */
abstract class Emitter implements AutoCloseable {
    /** One event: {@code key} orders it (the dataset it is about), {@code kind} names it in dead letters. */
    record Envelope(String key, String kind, String target, String json) {}

    protected final String platform;
    protected final DeadLetterFile deadLetters;
    protected final AtomicLong sent = new AtomicLong();
    protected final AtomicLong retried = new AtomicLong();
    protected final AtomicLong failed = new AtomicLong();

    Emitter(String platform, DeadLetterFile deadLetters) {
        this.platform = platform;
        this.deadLetters = deadLetters;
    }

    /** Queues or sends the event; may block when too many are in flight. */
    abstract void submit(Envelope e);

    /** Waits until everything submitted is sent or dead-lettered. */
    abstract void awaitIdle();

    protected void deadLetter(Envelope e, String error) {
        failed.incrementAndGet();
        deadLetters.append(new DeadLetter(platform, e.kind(), e.target(), e.json(), error));
    }

    EmitReport report() {
        return new EmitReport(sent.get(), retried.get(), failed.get(), failed.get() > 0 ? deadLetters.path() : null);
    }

    @Override
    public void close() {
        deadLetters.close();
    }
}
