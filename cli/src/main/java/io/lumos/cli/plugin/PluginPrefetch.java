package io.lumos.cli.plugin;

import io.lumos.spi.PluginFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The plugins a step is about to ask for, loaded on a second thread while picocli and Guice build
 * the step's command. On two cores this takes the plugin jars' class loading (about a tenth of a
 * short {@code lumos scan}) off the main thread's path; the work done is the same as when the
 * session loads them itself.
 *
 * <p>The session {@linkplain #take takes} the registry when it first needs plugins. Problems the
 * second thread found (a broken jar, an SPI version that does not fit) are told then, on the
 * taking thread, in the order they were found: as if the session had loaded the plugins itself at
 * that moment. If the second thread failed, the session loads the plugins again itself, so a failure
 * surfaces where and as it always did.
 */
public final class PluginPrefetch {
    private final List<Path> roots;
    private final Relay relay = new Relay();
    private final CompletableFuture<PluginRegistry> registry = new CompletableFuture<>();

    private PluginPrefetch(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** Starts loading the plugin folders under {@code roots} and the plugins of {@code kinds}. */
    public static PluginPrefetch start(List<Path> roots, List<Class<? extends PluginFactory>> kinds) {
        PluginPrefetch prefetch = new PluginPrefetch(roots);
        Thread thread = new Thread(() -> prefetch.load(kinds), "lumos-plugins");
        thread.setDaemon(true); // a step that ends before it needs plugins does not wait for them
        thread.start();
        return prefetch;
    }

    private void load(List<Class<? extends PluginFactory>> kinds) {
        try {
            PluginRegistry loaded = PluginRegistry.load(roots, relay);
            for (Class<? extends PluginFactory> kind : kinds) {
                loaded.all(kind);
            }
            registry.complete(loaded);
        } catch (Throwable e) { // even an Error: the session loads again on its own thread, where it surfaces
            registry.completeExceptionally(e);
        }
    }

    /** Whether this prefetch loaded from these roots (the session's own, unless the test changed them). */
    public boolean covers(List<Path> sessionRoots) {
        return roots.equals(sessionRoots);
    }

    /**
     * The registry, waiting for the second thread if it is still loading. {@code onProblem} hears
     * the problems found so far now, and later ones as they are found.
     */
    public PluginRegistry take(Consumer<String> onProblem) {
        try {
            PluginRegistry loaded = registry.get();
            relay.forwardTo(onProblem);
            return loaded;
        } catch (ExecutionException e) {
            return PluginRegistry.load(roots, onProblem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PluginRegistry.load(roots, onProblem);
        }
    }

    /** Holds the problems until someone takes the registry, then passes them and later ones on. */
    private static final class Relay implements Consumer<String> {
        private final List<String> held = new ArrayList<>();
        private Consumer<String> target;

        @Override
        public synchronized void accept(String problem) {
            if (target == null) {
                held.add(problem);
            } else {
                target.accept(problem);
            }
        }

        synchronized void forwardTo(Consumer<String> to) {
            held.forEach(to);
            held.clear();
            target = to;
        }
    }
}
