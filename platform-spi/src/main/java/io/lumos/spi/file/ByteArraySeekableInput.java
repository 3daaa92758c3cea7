package io.lumos.spi.file;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Bytes in memory, for tests and for small objects already fetched. */
public final class ByteArraySeekableInput implements SeekableInput {
    private final String name;
    private final byte[] bytes;

    public ByteArraySeekableInput(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public ByteBuffer read(long position, int length) throws EOFException {
        if (position < 0 || position + length > bytes.length) {
            throw new EOFException(name + ": wanted " + length + " bytes at " + position + ", have " + bytes.length);
        }
        return ByteBuffer.wrap(bytes, (int) position, length).slice();
    }

    @Override
    public InputStream stream(long position) {
        return new ByteArrayInputStream(bytes, (int) Math.min(position, bytes.length), bytes.length);
    }

    @Override
    public void close() {}
}
