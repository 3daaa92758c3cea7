package io.lumos.source.avro;

import io.lumos.spi.file.SeekableInput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sequential reads over a {@link SeekableInput} through a small window, so that walking an Avro
 * container costs one positional read per block header (ranged GETs on S3), never the data.
 */
final class ByteWindow {
    /** Thrown when the file ends inside a value. */
    static final class Truncated extends IOException {
        private static final long serialVersionUID = 1L;

        Truncated(String message) {
            super(message);
        }
    }

    private final SeekableInput input;
    private final long size;
    private ByteBuffer buf = ByteBuffer.allocate(0);
    private long bufStart;
    private long pos;
    private int chunk;

    ByteWindow(SeekableInput input, long size, int chunk) {
        this.input = input;
        this.size = size;
        this.chunk = chunk;
    }

    void chunk(int bytes) {
        this.chunk = bytes;
    }

    long position() {
        return pos;
    }

    long remaining() {
        return size - pos;
    }

    private int index(int n) throws IOException {
        if (n > size - pos) {
            throw new Truncated("the file ends at byte " + size + ", inside a value at " + pos);
        }
        if (pos < bufStart || pos + n > bufStart + buf.remaining()) {
            int len = (int) Math.min(Math.max(n, chunk), size - pos);
            buf = input.read(pos, len);
            bufStart = pos;
        }
        return buf.position() + (int) (pos - bufStart);
    }

    int readByte() throws IOException {
        int i = index(1);
        pos++;
        return buf.get(i) & 0xff;
    }

    /** An Avro long: zig-zag varint of at most 10 bytes. */
    long readLong() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IOException("a variable-length integer at byte " + pos + " runs past 10 bytes");
    }

    byte[] readBytes(int n) throws IOException {
        int i = index(n);
        byte[] out = new byte[n];
        buf.get(i, out);
        pos += n;
        return out;
    }

    void skip(long n) throws IOException {
        if (n > size - pos) {
            throw new Truncated("the file ends at byte " + size + ", " + n + " bytes were to follow at " + pos);
        }
        pos += n;
    }
}
