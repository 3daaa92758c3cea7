package io.lumos.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** What every runnable command has: the global options, the runtime, and its session. */
public abstract class BaseCommand implements Callable<Integer> {
    @Mixin
    public GlobalOptions global;

    /** Set by {@link Main} before the command runs. */
    protected CliRuntime runtime;

    /** A service wired by the runtime's injector. */
    protected <T> T service(Class<T> type) {
        return runtime.service(type);
    }

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
