package io.lumos.cli.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Passes a child's stderr through as it comes and keeps its last lines: the error message of a
 * failed run. Each kept line is cut to {@value #LINE_LIMIT} characters, so a child that writes
 * megabytes without a newline costs no memory.
 */
final class StderrTail {
    static final int LINES = 20;
    static final int LINE_LIMIT = 500;

    private final Deque<String> lines = new ArrayDeque<>();
    private final StringBuilder current = new StringBuilder();

    /** Copies {@code in} to {@code out} until the end, keeping the tail. */
    void pump(InputStream in, PrintWriter out) {
        char[] buffer = new char[8192];
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                keep(buffer, n);
            }
        } catch (IOException e) {
            // the child closed its stderr abruptly: what came through is what we have
        }
    }

    private synchronized void keep(char[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            char c = buffer[i];
            if (c == '\n') {
                endLine();
            } else if (c != '\r' && current.length() < LINE_LIMIT) {
                current.append(c);
            }
        }
    }

    private void endLine() {
        lines.addLast(current.toString());
        current.setLength(0);
        if (lines.size() > LINES) {
            lines.removeFirst();
        }
    }

    /** The last lines, redacted, blank lines at the ends dropped. */
    synchronized String text() {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        b.append(current);
        return redact(b.toString().strip());
    }

    // ---- redaction

    /** Run errors are redacted by the one redaction function. */
    static String redact(String text) {
        return io.lumos.spi.Redaction.redactText(text);
    }
}
