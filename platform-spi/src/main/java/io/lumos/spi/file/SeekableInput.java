package io.lumos.spi.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Bytes that can be read at any position: a local file, an S3 object read with ranged GETs, a
 * buffer in memory. Format readers work on this port, never on {@code java.io.File}, so that the
 * same reader serves every place data lives.
 */
public interface SeekableInput extends Closeable {
    /** A name for messages: the path or URI. */
    String name();

    long length() throws IOException;

    /** Reads exactly {@code length} bytes at {@code position}, or fails. */
    ByteBuffer read(long position, int length) throws IOException;

    /** The last {@code length} bytes (or all, when shorter), in one read where the medium allows. */
    default ByteBuffer readTail(int length) throws IOException {
        long size = length();
        int n = (int) Math.min(size, length);
        return read(size - n, n);
    }

    /** A stream from {@code position} to the end; readers of text formats read a bounded prefix of it. */
    InputStream stream(long position) throws IOException;

    /** When the data last changed, or null when unknown. */
    default Instant lastModified() throws IOException {
        return null;
    }
}
