package io.lumos.cli;

import io.lumos.cli.logging.LibraryLogging;
import io.lumos.cli.output.SafeConsoleWriter;
import io.lumos.cli.plugin.PluginPrefetch;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The process around the commands: where they print, the environment, and the session the current
 * step of a chain runs in. Commands print only through {@link #out()} and {@link #err()}, so tests
 * run them in-process.
 */
public final class CliRuntime {
    private final PrintWriter out;
    private final PrintWriter err;
    private final PrintWriter rawErr;
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final Clock clock;
    private final boolean terminal;
    private Session session;
    private PluginPrefetch prefetch;

    public CliRuntime(
            PrintWriter out,
            PrintWriter err,
            Map<String, String> env,
            Path workingDirectory,
            Clock clock,
            boolean terminal) {
        this.out = out;
        // Whatever reaches stderr (warnings, errors, -v stack traces) quotes what it was given:
        // no password of a URL and no terminal escape of a name gets through.
        this.err = new PrintWriter(new SafeConsoleWriter(err), true);
        this.rawErr = err;
        this.env = env;
        this.workingDirectory = workingDirectory;
        this.clock = clock;
        this.terminal = terminal;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /**
     * stderr as it is, for bytes that are not Lumos's to change: the stderr of a command that
     * {@code lumos run} wraps passes through unaltered (its colours, its own text).
     */
    public PrintWriter rawErr() {
        return rawErr;
    }

    public Map<String, String> env() {
        return env;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public Clock clock() {
        return clock;
    }

    public Session session() {
        if (session == null) {
            throw new LumosException(ErrorCode.INTERNAL, "no session: a command ran outside a chain");
        }
        return session;
    }

    /** Opens the session a step needs, reusing the previous step's when its options agree. */
    Session enter(GlobalOptions.Effective options) {
        if (session != null && !session.options().sameSession(options)) {
            session.close();
            session = null;
        }
        if (session == null) {
            ConsoleReporter reporter = new ConsoleReporter(err, options.verbose(), options.quiet(), terminal, env);
            LibraryLogging.reportTo(reporter);
            session = new Session(options, workingDirectory, env, reporter, clock);
            if (prefetch != null) {
                session.prefetched(prefetch);
                prefetch = null;
            }
        }
        return session;
    }

    /** Plugins being loaded for the first step, handed to the session that step opens. */
    void prefetch(PluginPrefetch loading) {
        this.prefetch = loading;
    }

    /** Runs in a session opened elsewhere (the {@link Lumos} facade's, for as long as it is open). */
    void adopt(Session opened) {
        this.session = opened;
    }

    /** Closes the session at the end of a chain (see {@link Session#close()}). */
    void closeSession() {
        if (session != null) {
            Session s = session;
            session = null;
            s.close();
        }
    }

    public Path resolve(Path p) {
        return workingDirectory.resolve(p).normalize();
    }
}
