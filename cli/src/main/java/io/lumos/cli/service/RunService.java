package io.lumos.cli.service;

import io.lumos.cli.Session;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.PipelineRun;
import io.lumos.spi.run.RunSpec;
import io.lumos.spi.run.RunTracker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pipeline runs for the command line and the Java API alike: {@code Lumos.track} calls
 * {@link #start}, {@code lumos run} calls {@link #exec}, and both go through one {@link RunTracker}
 * over the session's catalogs. A catalog that cannot be opened or reached never stops the work: its
 * events go to {@value #DEAD_LETTER} under the state folder and a warning says so.
 */
public final class RunService {
    /** Where run events go that a catalog could not take, under the working folder. */
    public static final String DEAD_LETTER = ".lumos/dead-letters/runs.jsonl";

    /** How long a child has to exit after the signal reached it, before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Session session;
    private RunTracker tracker;
    private DeadLetterFile deadLetters;

    public RunService(Session session) {
        this.session = session;
    }

    /** Sends START to every catalog that records runs; closing the run sends the end. */
    public PipelineRun start(RunSpec spec) {
        RunSpec named = spec.namespace() != null
                ? spec
                : new RunSpec(
                        spec.job(), defaultNamespace(), spec.inputs(), spec.outputs(), spec.args(), spec.parent());
        return tracker().start(named);
    }

    /**
     * The namespace of runs that name none: OPENLINEAGE_NAMESPACE (the OpenLineage clients'
     * variable), else Marquez's job_namespace when configured, else {@value PipelineRun#DEFAULT_NAMESPACE}.
     */
    public String defaultNamespace() {
        String env = session.env().get("OPENLINEAGE_NAMESPACE");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        if (session.options().config() != null) {
            Object configured =
                    session.config().platformSettings("marquez").asMap().get("job_namespace");
            if (configured != null && !configured.toString().isBlank()) {
                return configured.toString();
            }
        }
        return PipelineRun.DEFAULT_NAMESPACE;
    }

    /** The parent from {@code OPENLINEAGE_PARENT_ID}, when a tracked process started this one. */
    public ParentRun parentFromEnvironment() {
        String value = session.env().get(ParentRun.ENV);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ParentRun.parse(value);
        } catch (IllegalArgumentException e) {
            session.reporter().warn(ParentRun.ENV + ": " + e.getMessage() + "; the run is recorded without a parent");
            return null;
        }
    }

    synchronized RunTracker tracker() {
        if (tracker == null) {
            List<CatalogAdapter> catalogs;
            Map<String, String> unavailable = new LinkedHashMap<>();
            try {
                catalogs = session.catalogsOnly();
            } catch (LumosException e) {
                if (e.code().kind() != ErrorCode.Kind.EXTERNAL) {
                    throw e; // a config or usage mistake: say so before anything runs
                }
                catalogs = List.of();
                unavailable.put(catalogNames(), e.getMessage());
            }
            deadLetters = new DeadLetterFile(deadLetterPath());
            tracker = new RunTracker(
                    catalogs, session.clock(), session.reporter(), UUID::randomUUID, deadLetters, unavailable);
        }
        return tracker;
    }

    private String catalogNames() {
        String p = session.options().platform();
        if (p != null) {
            return p;
        }
        try {
            return String.join(",", session.config().platforms());
        } catch (RuntimeException e) {
            return "configured";
        }
    }

    Path deadLetterPath() {
        return session.workingDirectory().resolve(DEAD_LETTER);
    }

    /**
     * Runs {@code command} as a tracked run: stdin and stdout are the terminal's, stderr passes
     * through {@code passThrough} as it is (Lumos's own messages go to {@code err}) and its last lines become the error of a failed run. SIGINT and SIGTERM
     * to Lumos reach the child, and the run ends as ABORT. Returns the command's exit code (128+n
     * when a signal ended it).
     */
    public int exec(RunSpec spec, List<String> command, PrintWriter err, PrintWriter passThrough) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .directory(session.workingDirectory().toFile());
        PipelineRun run = start(spec);
        builder.environment().put(ParentRun.ENV, run.asParent().toString());
        if (run.namespace() != null) {
            builder.environment().putIfAbsent("OPENLINEAGE_NAMESPACE", run.namespace());
        }
        // The hook is in place before the child starts: a TERM that comes while it starts ends in
        // ABORT with the child stopped, never in a child left running by a JVM already exiting.
        ChildSlot slot = new ChildSlot();
        AtomicInteger signal = new AtomicInteger();
        Thread hook = new Thread(() -> abortOnShutdown(run, slot, signal), "lumos-run-abort");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return abortBeforeStart(run);
        }
        Process child;
        try {
            child = slot.start(builder);
        } catch (IOException e) {
            removeQuietly(hook);
            int code = 127; // what a shell answers for a command it cannot run
            err.println("error: cannot run " + command.get(0) + ": " + e.getMessage() + "; check the command after --");
            err.flush();
            run.fail(code, "cannot run " + command.get(0) + ": " + e.getMessage());
            run.close();
            return code;
        }
        if (child == null) {
            return 128 + Signals.TERM; // the JVM began to exit first: the hook recorded ABORT
        }
        StderrTail tail = new StderrTail();
        Thread pump = new Thread(() -> tail.pump(child.getErrorStream(), passThrough), "lumos-run-stderr");
        pump.setDaemon(true);
        pump.start();
        Signals signals = Signals.forward(child, signal);
        int code;
        try {
            code = waitFor(child);
            joinQuietly(pump);
        } finally {
            signals.restore();
        }
        synchronized (run) {
            if (signal.get() != 0) {
                code = 128 + signal.get();
                run.abort(code);
            } else if (code != 0) {
                run.fail(code, tail.text());
            } else {
                run.exited(0);
            }
            run.close();
        }
        removeQuietly(hook);
        return code;
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook sees the run closed and does nothing
        }
    }

    private static int abortBeforeStart(PipelineRun run) {
        int code = 128 + Signals.TERM;
        synchronized (run) {
            if (!run.isClosed()) {
                run.abort(code);
                run.close();
            }
        }
        return code;
    }

    /**
     * The child, once started; the shutdown hook and the starting thread meet here, so that a child
     * is either never started (the JVM began to exit first) or seen by the hook.
     */
    private static final class ChildSlot {
        private Process child;
        private boolean stopped;

        synchronized Process start(ProcessBuilder builder) throws IOException {
            if (stopped) {
                return null;
            }
            child = builder.start();
            return child;
        }

        synchronized Process stop() {
            stopped = true;
            return child;
        }
    }

    /** The JVM is exiting with the child still there (SIGHUP, a signal we do not handle): stop it, ABORT. */
    private static void abortOnShutdown(PipelineRun run, ChildSlot slot, AtomicInteger signal) {
        Process child = slot.stop();
        if (run.isClosed()) {
            return;
        }
        if (child != null && child.isAlive()) {
            // the main thread sees the child end too: tell it this was a signal (a TERM that came
            // before the signal handlers were in place), so it records ABORT, not FAIL
            signal.compareAndSet(0, Signals.TERM);
            child.toHandle().destroy(); // not Process.destroy: that closes the stderr still being read
            try {
                if (!child.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    child.toHandle().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (run) {
            if (!run.isClosed()) {
                run.abort(128 + (signal.get() == 0 ? Signals.TERM : signal.get()));
                run.close();
            }
        }
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the child decides when the run ends; a signal has reached it already
            }
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(5)); // a grandchild may keep stderr open; do not wait for it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
