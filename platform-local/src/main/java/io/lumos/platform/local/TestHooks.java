package io.lumos.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Points where a test stops this process, so the kill and two-writer tests that run Lumos in a
 * child JVM hit the same place on every machine instead of racing a timer. Both are system
 * properties that nothing but those tests sets; unset, each hook is one comparison.
 *
 * <ul>
 *   <li>{@code lumos.local.test.halt=after-commit:N} ({@code before-commit:N}): halt the JVM like
 *       {@code kill -9} (no shutdown hooks, no close) right after (before) the commit of the write
 *       transaction that brings the datasets this process wrote to N or more.
 *   <li>{@code lumos.local.test.barrier=DIR}: before its first write transaction the process writes
 *       {@code DIR/ready-PID} and waits (up to a minute) for {@code DIR/go}, so two writers start
 *       writing at the same moment.
 * </ul>
 */
final class TestHooks {
    static final String HALT = "lumos.local.test.halt";
    static final String BARRIER = "lumos.local.test.barrier";

    private static final String HALT_AT = System.getProperty(HALT);
    private static final long HALT_AFTER = parse(HALT_AT);
    private static final boolean BEFORE_COMMIT = HALT_AT != null && HALT_AT.startsWith("before-commit:");
    private static final AtomicLong written = new AtomicLong();
    private static final AtomicBoolean barrierPassed = new AtomicBoolean();

    private TestHooks() {}

    private static long parse(String value) {
        if (value == null) {
            return -1;
        }
        return Long.parseLong(value.substring(value.indexOf(':') + 1).strip());
    }

    /** Called with the datasets a write transaction holds, just before its commit. */
    static void beforeCommit(int datasets) {
        if (HALT_AFTER >= 0 && BEFORE_COMMIT && written.get() + datasets >= HALT_AFTER) {
            Runtime.getRuntime().halt(137);
        }
    }

    /** Called with the datasets a write transaction held, just after its commit. */
    static void afterCommit(int datasets) {
        if (HALT_AFTER >= 0 && !BEFORE_COMMIT && written.addAndGet(datasets) >= HALT_AFTER) {
            Runtime.getRuntime().halt(137);
        }
        if (BEFORE_COMMIT) {
            written.addAndGet(datasets);
        }
    }

    /** Called before each write transaction begins. */
    static void beforeWrite() {
        String dir = System.getProperty(BARRIER);
        if (dir == null || !barrierPassed.compareAndSet(false, true)) {
            return;
        }
        Path folder = Path.of(dir);
        try {
            Files.writeString(folder.resolve("ready-" + ProcessHandle.current().pid()), "");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(folder.resolve("go")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
