package io.lumos.platform.marquez;

import io.lumos.json.DeadLetterFile;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.EmitReport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where events go. Every event is either sent or, after retries, written to the dead-letter file:
 * nothing is dropped silently. Events with the same key are sent in the order they were given.
 */
abstract class Emitter implements AutoCloseable {
    /** One event: {@code key} orders it (the dataset it is about), {@code kind} names it in dead letters. */
    record Envelope(String key, String kind, String target, String json, java.util.function.Supplier<String> prepare) {
        Envelope(String key, String kind, String target, String json) {
            this(key, kind, target, json, null);
        }

        /**
         * The event to send: {@code json}, or what {@code prepare} makes of it on the sending lane
         * (after the events before it about the same dataset have landed); null means nothing to send.
         */
        Envelope ready() {
            if (prepare == null) {
                return this;
            }
            String made = prepare.get();
            return made == null ? null : new Envelope(key, kind, target, made, null);
        }
    }

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

    /**
     * The one path by which every transport gives up on an event: it goes to the dead-letter file,
     * whatever its kind (DatasetEvent, lineage JobEvent, column-lineage or pipeline RunEvent).
     */
    protected void deadLetter(Envelope e, String error) {
        failed.incrementAndGet();
        deadLetters.append(new DeadLetter(platform, e.kind(), e.target(), e.json(), error));
    }

    /** Gives up on an event that could not even be built or sent (Marquez down while preparing it). */
    void deadLetterNow(Envelope e, String error) {
        deadLetter(e, error);
    }

    /** Where dead letters go. */
    java.nio.file.Path deadLetterPath() {
        return deadLetters.path();
    }

    EmitReport report() {
        return new EmitReport(sent.get(), retried.get(), failed.get(), failed.get() > 0 ? deadLetters.path() : null);
    }

    @Override
    public void close() {
        deadLetters.close();
    }
}
