package io.lumos.cli.logging;

import io.lumos.cli.ConsoleReporter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * Where the libraries' own logging goes in the command-line process: the MongoDB driver, Kafka
 * clients, the DataHub client and the HTTP clients log through SLF4J or java.util.logging, and
 * none of it may reach the console except through Lumos's reporter. Without -v nothing is printed
 * (what matters reaches the user as Lumos's own one-line problem); under -v their info, warnings
 * and errors are debug lines.
 */
public final class LibraryLogging {
    private static volatile ConsoleReporter reporter;

    private LibraryLogging() {}

    /**
     * Installs the routing for this process: SLF4J's provider (unless the process names its own),
     * a java.util.logging root handler in place of the console one, and a stderr that drops the
     * version lines ANTLR prints for the DataHub client ({@link StderrNoiseFilter}). Called from
     * {@code main} only: an application that embeds Lumos keeps its own logging and stderr.
     */
    public static void install() {
        System.setErr(StderrNoiseFilter.over(System.err));
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", ReporterLoggerProvider.class.getName());
            // SLF4J itself says at INFO which provider it loads
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    String message = record.getMessage();
                    if (record.getParameters() != null && message != null && message.contains("{")) {
                        message = java.text.MessageFormat.format(message, record.getParameters());
                    }
                    log(record.getLoggerName(), message, record.getThrown());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    /** The reporter of the current session, or null between sessions (library lines are then dropped). */
    public static void reportTo(ConsoleReporter current) {
        reporter = current;
    }

    static boolean enabled() {
        ConsoleReporter r = reporter;
        return r != null && r.verbose();
    }

    static void log(String logger, String message, Throwable thrown) {
        ConsoleReporter r = reporter;
        if (r == null || !r.verbose()) {
            return;
        }
        r.debug((logger == null ? "" : logger + ": ") + message);
        if (thrown != null) {
            r.trace(thrown);
        }
    }
}
