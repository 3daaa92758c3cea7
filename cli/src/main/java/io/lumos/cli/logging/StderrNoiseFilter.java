package io.lumos.cli.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The command-line process's stderr without the lines libraries print straight to
 * {@code System.err} that say nothing to a Lumos user. One kind today: the DataHub client's Pegasus
 * parser was generated with ANTLR 4.5 and ships the 4.9.3 runtime, so ANTLR's
 * {@code RuntimeMetaData.checkVersion} prints two "ANTLR ... version 4.5 ... does not match the
 * current runtime version 4.9.3" lines when those classes load. The CLI owns its stderr and drops
 * exactly those lines here, so no plugin has to swap {@code System.err} for the whole JVM.
 *
 * <p>Everything else passes at once: only a line that begins with "ANTLR " is held until its end.
 */
final class StderrNoiseFilter extends OutputStream {
    private static final byte[] PREFIX = "ANTLR ".getBytes(StandardCharsets.US_ASCII);
    private static final String NOISE = " does not match the current runtime version ";

    private final OutputStream out;
    /** The start of the current line while it may still be a noise line. */
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    /** The current line is not a noise line: its bytes go straight through until its end. */
    private boolean passing;

    StderrNoiseFilter(OutputStream out) {
        this.out = out;
    }

    /** {@code err} behind the filter, encoding as the JVM's own stderr does. */
    static PrintStream over(PrintStream err) {
        return new PrintStream(new StderrNoiseFilter(err), true, stderrCharset());
    }

    private static Charset stderrCharset() {
        String name = System.getProperty("sun.stderr.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (passing) {
            out.write(b);
            passing = !endsLine(b);
            return;
        }
        held.write(b);
        int n = held.size();
        if (n <= PREFIX.length) {
            if (b != PREFIX[n - 1]) {
                release();
                passing = !endsLine(b);
            }
            return;
        }
        if (b == '\n') {
            String line = held.toString(StandardCharsets.UTF_8);
            if (!line.contains(NOISE)) {
                release();
            }
            held.reset();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (passing) {
                int start = i;
                while (i < end && !endsLine(b[i])) {
                    i++;
                }
                if (i < end) {
                    i++; // the line's end goes out with it
                    passing = false;
                }
                out.write(b, start, i - start);
            } else {
                write(b[i++]);
            }
        }
    }

    /** A partial line that may still be noise stays held; everything written before it goes out. */
    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        release();
        out.close();
    }

    private void release() throws IOException {
        held.writeTo(out);
        held.reset();
    }

    private static boolean endsLine(int b) {
        return b == '\n' || b == '\r';
    }
}
