package io.lumos.cli.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While a wrapped command runs, SIGINT and SIGTERM to Lumos are recorded and passed on to the child
 * instead of stopping the JVM: Lumos waits for the child, ends the run as ABORT and exits 128+n.
 * A Ctrl-C in a terminal reaches the child by itself (same process group); the child then gets
 * SIGTERM only if it is still running after a short grace, so its own cleanup is not cut short.
 */
final class Signals {
    static final int INT = 2;
    static final int TERM = 15;
    private static final long INT_GRACE_MS = 2000;

    private final List<Runnable> restore = new ArrayList<>();

    private Signals() {}

    static Signals forward(Process child, AtomicInteger received) {
        Signals s = new Signals();
        s.handle("TERM", TERM, child, received, 0);
        s.handle("INT", INT, child, received, INT_GRACE_MS);
        return s;
    }

    private void handle(String name, int number, Process child, AtomicInteger received, long graceMs) {
        try {
            Signal signal = new Signal(name);
            SignalHandler previous = Signal.handle(signal, sig -> {
                received.compareAndSet(0, number);
                Thread t = new Thread(
                        () -> {
                            if (graceMs > 0) {
                                try {
                                    child.waitFor(graceMs, java.util.concurrent.TimeUnit.MILLISECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            if (child.isAlive()) {
                                child.toHandle()
                                        .destroy(); // SIGTERM; Process.destroy would also close the stderr we read
                                try {
                                    if (!child.waitFor(
                                            RunService.GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                                        child.toHandle().destroyForcibly(); // it ignored SIGTERM: SIGKILL
                                    }
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        },
                        "lumos-run-signal");
                t.setDaemon(true);
                t.start();
            });
            restore.add(() -> Signal.handle(signal, previous));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no such signal here (or the JVM runs with -Xrs): the shutdown hook still ends the run
        }
    }

    void restore() {
        restore.forEach(Runnable::run);
    }
}
