package io.lumos.spi.file;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * An input stream that counts the bytes read through it (bytes skipped are not read, and not
 * counted): how far a reader got into a compressed file, or what a test's reader touched.
 */
public final class CountingInputStream extends FilterInputStream {
    private final LongConsumer onRead;
    private long count;

    public CountingInputStream(InputStream in) {
        this(in, n -> {});
    }

    /** Also tells {@code onRead} of every read's byte count, to add up over several streams. */
    public CountingInputStream(InputStream in, LongConsumer onRead) {
        super(in);
        this.onRead = onRead;
    }

    /** The bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) {
        count += n;
        onRead.accept(n);
    }
}
