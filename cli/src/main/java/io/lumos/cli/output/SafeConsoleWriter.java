package io.lumos.cli.output;

import io.lumos.spi.Redaction;
import java.io.IOException;
import java.io.Writer;

/**
 * The writer under stderr: each line is written with its credentials masked ({@link Redaction})
 * and its control characters escaped ({@link ConsoleText}), whoever wrote it: a warning, an error,
 * a -v stack trace whose messages quote a URL.
 */
public final class SafeConsoleWriter extends Writer {
    private final Writer out;
    private final StringBuilder line = new StringBuilder();

    public SafeConsoleWriter(Writer out) {
        super(out);
        this.out = out;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        synchronized (lock) {
            for (int i = off; i < off + len; i++) {
                char c = cbuf[i];
                if (c == '\n') {
                    emit();
                    out.write('\n');
                } else {
                    line.append(c);
                }
            }
        }
    }

    private void emit() throws IOException {
        if (line.length() == 0) {
            return;
        }
        boolean cr = line.charAt(line.length() - 1) == '\r';
        if (cr) {
            line.setLength(line.length() - 1);
        }
        out.write(ConsoleText.escapeLine(Redaction.redactText(line.toString())));
        if (cr) {
            out.write('\r');
        }
        line.setLength(0);
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            emit();
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            emit();
            out.close();
        }
    }
}
