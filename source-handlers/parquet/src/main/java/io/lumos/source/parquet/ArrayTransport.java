package io.lumos.source.parquet;

import shaded.parquet.org.apache.thrift.TConfiguration;
import shaded.parquet.org.apache.thrift.transport.TEndpointTransport;
import shaded.parquet.org.apache.thrift.transport.TTransportException;

/**
 * A read-only Thrift transport over a byte range in memory. It exposes its buffer, so the compact
 * protocol decodes varints in place (the fast path), and it refuses any length that claims more
 * bytes than remain: a hostile footer cannot make Thrift allocate beyond the footer's own size.
 */
final class ArrayTransport extends TEndpointTransport {
    private final byte[] buf;
    private int pos;
    private final int end;

    ArrayTransport(byte[] buf, int offset, int length) throws TTransportException {
        super(new TConfiguration(Math.max(length, 1), Math.max(length, 1), 64));
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void open() {}

    @Override
    public void close() {}

    @Override
    public int read(byte[] out, int off, int len) throws TTransportException {
        int n = Math.min(len, end - pos);
        if (n <= 0) {
            throw new TTransportException(TTransportException.END_OF_FILE, "footer ends early");
        }
        System.arraycopy(buf, pos, out, off, n);
        pos += n;
        return n;
    }

    @Override
    public void write(byte[] b, int off, int len) throws TTransportException {
        throw new TTransportException("read-only");
    }

    @Override
    public byte[] getBuffer() {
        return buf;
    }

    @Override
    public int getBufferPosition() {
        return pos;
    }

    @Override
    public int getBytesRemainingInBuffer() {
        return end - pos;
    }

    @Override
    public void consumeBuffer(int len) {
        pos += len;
    }

    @Override
    public void checkReadBytesAvailable(long numBytes) throws TTransportException {
        if (numBytes > end - pos) {
            throw new TTransportException(
                    TTransportException.END_OF_FILE,
                    "a length of " + numBytes + " bytes exceeds the " + (end - pos) + " bytes left in the footer");
        }
    }
}
