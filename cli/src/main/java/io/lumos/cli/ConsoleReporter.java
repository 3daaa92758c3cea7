package io.lumos.cli;

import io.lumos.spi.Reporter;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Warnings to stderr, one line each; a progress bar only when stderr is a terminal, so piped and
 * CI output stays clean.
 */
public final class ConsoleReporter implements Reporter {
    private final PrintWriter err;
    private final boolean verbose;
    private final boolean quiet;
    private final boolean terminal;
    private int warnings;

    public ConsoleReporter(PrintWriter err, boolean verbose, boolean quiet, boolean terminal) {
        this.err = err;
        this.verbose = verbose;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    public static boolean isTerminal() {
        return System.console() != null && !"true".equalsIgnoreCase(System.getenv("CI"));
    }

    @Override
    public synchronized void warn(String message) {
        warnings++;
        err.println("warning: " + message);
        err.flush();
    }

    public boolean verbose() {
        return verbose;
    }

    public synchronized int warnings() {
        return warnings;
    }

    @Override
    public synchronized void debug(String message) {
        if (verbose) {
            err.println("debug: " + message);
            err.flush();
        }
    }

    /** The stack trace of a problem's cause, shown with -v only. */
    public synchronized void trace(Throwable cause) {
        if (verbose) {
            cause.printStackTrace(err);
            err.flush();
        }
    }

    @Override
    public Progress progress(String task, long total) {
        if (!terminal || quiet) {
            return Progress.NONE;
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200)
                .continuousUpdate()
                .build();
        return new Progress() {
            @Override
            public void step(long n) {
                bar.stepBy(n);
            }

            @Override
            public void maxHint(long max) {
                bar.maxHint(max);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
