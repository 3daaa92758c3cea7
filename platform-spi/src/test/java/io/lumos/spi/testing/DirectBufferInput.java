package io.lumos.spi.testing;

import io.lumos.spi.file.SeekableInput;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A positional-only input whose buffers are direct and read-only (no backing array), as an S3 or
 * memory-mapped input gives them: readers must not assume {@code ByteBuffer.array()}. Streaming
 * from it fails the test, since the readers it serves read positionally.
 */
public final class DirectBufferInput implements SeekableInput {
    private final String name;
    private final byte[] bytes;

    public DirectBufferInput(String name, byte[] bytes) {
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
    public ByteBuffer read(long position, int length) {
        ByteBuffer b = ByteBuffer.allocateDirect(length);
        b.put(bytes, (int) position, length).flip();
        return b.asReadOnlyBuffer();
    }

    @Override
    public InputStream stream(long position) {
        throw new AssertionError(name + ": the reader should read positionally, not stream");
    }

    @Override
    public void close() {}
}
