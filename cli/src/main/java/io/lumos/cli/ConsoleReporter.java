package io.lumos.cli;

import io.lumos.spi.Reporter;
import java.io.PrintWriter;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Warnings to stderr, one line each; a progress bar only when stderr is a terminal that can redraw
 * a line (not {@code TERM=dumb}), so piped and CI output stays clean. The bar is wiped when it
 * ends, and has no colour under {@code NO_COLOR} (no-color.org).
 */
public final class ConsoleReporter implements Reporter {
    private final PrintWriter err;
    private final boolean verbose;
    private final boolean quiet;
    private final boolean terminal;
    private final boolean colour;
    private int warnings;

    public ConsoleReporter(PrintWriter err, boolean verbose, boolean quiet, boolean terminal) {
        this(err, verbose, quiet, terminal, System.getenv());
    }

    /** {@code env} decides what a terminal can show: {@code TERM=dumb} no bar, {@code NO_COLOR} no colour. */
    public ConsoleReporter(PrintWriter err, boolean verbose, boolean quiet, boolean terminal, Map<String, String> env) {
        this.err = err;
        this.verbose = verbose;
        this.quiet = quiet;
        this.terminal = terminal && !"dumb".equals(env.get("TERM"));
        // Any value of NO_COLOR, even an empty one, asks for no colour.
        this.colour = !env.containsKey("NO_COLOR");
    }

    public static boolean isTerminal() {
        return interactiveConsole() && !"true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Whether stdin and stdout are a terminal. Up to JDK 21 that is {@code System.console() != null};
     * from JDK 22 there is a console even when both are redirected, and {@code Console.isTerminal()}
     * (JDK 22, called by reflection: we build for 17) says it.
     */
    // null is no terminal on every JDK; non-null is taken for a terminal only before JDK 22, and
    // from 22 isTerminal() is asked, as errorprone.info/bugpattern/SystemConsoleNull shows it
    @SuppressWarnings("SystemConsoleNull")
    private static boolean interactiveConsole() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        if (Runtime.version().feature() < 22) {
            return true;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return false;
        }
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
        WipingConsumer consumer = new WipingConsumer(err);
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(colour ? COLOUR : ProgressBarStyle.ASCII)
                .setConsumer(consumer)
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
                consumer.close(); // the wipe, whatever the library's refresh thread did last
            }
        };
    }

    /** The ASCII bar in green. */
    private static final ProgressBarStyle COLOUR = ProgressBarStyle.builder()
            .refreshPrompt("\r")
            .leftBracket("[")
            .delimitingSequence("")
            .rightBracket("]")
            .block('=')
            .space(' ')
            .fractionSymbols(">")
            .rightSideFractionSymbol(' ')
            .colorCode((byte) 32)
            .build();

    /** Draws each frame over the last one on the command's stderr, and blanks the line at the end. */
    static final class WipingConsumer implements ProgressBarConsumer {
        private static final int WIDTH = 80;
        private final PrintWriter err;
        private int drawn;
        private boolean closed;

        WipingConsumer(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int getMaxRenderedLength() {
            return WIDTH - 1;
        }

        @Override
        public synchronized void accept(String frame) {
            if (closed) {
                // The bar's close cancels its refresh task without waiting for a run already under
                // way; a frame that run draws after the wipe would stay on screen.
                return;
            }
            err.print('\r');
            err.print(frame);
            int visible = frame.replaceAll("\u001b\\[[0-9;]*m", "").length();
            if (visible < drawn) {
                err.print(" ".repeat(drawn - visible));
            }
            drawn = Math.max(drawn, visible);
            err.flush();
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (drawn > 0) {
                err.print("\r" + " ".repeat(drawn) + "\r");
                err.flush();
                drawn = 0;
            }
        }
    }
}
