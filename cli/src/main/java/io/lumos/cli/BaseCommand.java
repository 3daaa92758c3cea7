package io.lumos.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** What every runnable command has: the global options, the runtime, and its session. */
public abstract class BaseCommand implements Callable<Integer> {
    @Mixin
    public GlobalOptions global;

    /** Given by the composition root; the services a command uses come in its constructor. */
    @Inject
    protected CliRuntime runtime;

    protected Session session() {
        return runtime.session();
    }

    protected PrintWriter out() {
        return runtime.out();
    }

    protected PrintWriter err() {
        return runtime.err();
    }

    /** stderr unaltered by redaction and escaping: only for another program's own output. */
    protected PrintWriter rawErr() {
        return runtime.rawErr();
    }

    protected boolean quiet() {
        return session().options().quiet();
    }

    /** A line of progress or summary for people: on stderr, so stdout stays data; none with -q. */
    protected void note(String line) {
        if (!quiet()) {
            err().println(line);
            err().flush();
        }
    }
}
