package io.lumos.spi.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the bytes and reads that pass through, to prove a reader touches only what it must. */
public final class CountingSeekableInput implements SeekableInput {
    private final SeekableInput delegate;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    public CountingSeekableInput(SeekableInput delegate) {
        this.delegate = delegate;
    }

    public long bytesRead() {
        return bytes.get();
    }

    public long reads() {
        return reads.get();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public long length() throws IOException {
        return delegate.length();
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
        reads.incrementAndGet();
        bytes.addAndGet(length);
        return delegate.read(position, length);
    }

    @Override
    public ByteBuffer readTail(int length) throws IOException {
        reads.incrementAndGet();
        ByteBuffer b = delegate.readTail(length);
        bytes.addAndGet(b.remaining());
        return b;
    }

    @Override
    public InputStream stream(long position) throws IOException {
        reads.incrementAndGet();
        return new CountingInputStream(delegate.stream(position), bytes::addAndGet);
    }

    @Override
    public Instant lastModified() throws IOException {
        return delegate.lastModified();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
