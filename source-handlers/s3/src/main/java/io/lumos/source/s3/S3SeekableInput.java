package io.lumos.source.s3;

import io.lumos.spi.file.SeekableInput;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An S3 object read with ranged GETs: {@link #readTail} is one suffix range ({@code bytes=-n}, the
 * Parquet footer in one request), {@link #read} one absolute range, {@link #stream} an open range
 * whose early close aborts the connection instead of draining the object. Length and modification
 * time come from the listing, so no HEAD is made.
 */
final class S3SeekableInput implements SeekableInput {
    private final S3Client s3;
    private final ObjectRef object;
    private final TransferStats stats;

    S3SeekableInput(S3Client s3, ObjectRef object, TransferStats stats) {
        this.s3 = s3;
        this.object = object;
        this.stats = stats;
    }

    @Override
    public String name() {
        return object.uri();
    }

    @Override
    public long length() {
        return object.size();
    }

    @Override
    public Instant lastModified() {
        return object.lastModified();
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
        if (length == 0) {
            return ByteBuffer.allocate(0);
        }
        if (position < 0 || length < 0 || position + length > object.size()) {
            throw new EOFException(
                    name() + ": wanted " + length + " bytes at " + position + ", the object has " + object.size());
        }
        byte[] bytes = get("bytes=" + position + "-" + (position + length - 1));
        if (bytes.length != length) {
            throw new EOFException(
                    name() + ": asked for " + length + " bytes at " + position + ", the server sent " + bytes.length);
        }
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public ByteBuffer readTail(int length) throws IOException {
        if (length <= 0 || object.size() == 0) {
            return ByteBuffer.allocate(0);
        }
        byte[] bytes = get("bytes=-" + length);
        int expected = (int) Math.min(length, object.size());
        if (bytes.length != expected) {
            throw new EOFException(name() + ": asked for the last " + length + " bytes, the server sent " + bytes.length
                    + " (it may not support suffix ranges)");
        }
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public InputStream stream(long position) throws IOException {
        if (position >= object.size()) {
            return InputStream.nullInputStream();
        }
        return new AbortOnClose(open(position == 0 ? null : "bytes=" + position + "-"));
    }

    private byte[] get(String range) throws IOException {
        try (InputStream in = new AbortOnClose(open(range))) {
            return in.readAllBytes();
        }
    }

    private ResponseInputStream<GetObjectResponse> open(String range) throws IOException {
        stats.request();
        GetObjectRequest.Builder req =
                GetObjectRequest.builder().bucket(object.bucket()).key(object.key());
        if (range != null) {
            req.range(range);
        }
        try {
            return s3.getObject(req.build());
        } catch (SdkException e) {
            throw new IOException(
                    "GET " + name() + (range == null ? "" : " (" + range + ")") + " failed: " + S3Source.oneLine(e), e);
        }
    }

    @Override
    public void close() {}

    /**
     * Counts what arrives, and on close before the end aborts the response: closing would otherwise
     * read the rest of the object to reuse the connection.
     */
    private final class AbortOnClose extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private boolean ended;

        AbortOnClose(ResponseInputStream<GetObjectResponse> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                ended = true;
            } else {
                stats.received(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) {
                ended = true;
            } else {
                stats.received(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping would receive the bytes anyway; count them
            long s = super.skip(n);
            stats.received(s);
            return s;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                response.abort();
            }
            super.close();
        }
    }
}
