package io.lumos.source.s3;

import java.util.concurrent.atomic.AtomicLong;

/** Bytes actually received from S3 bodies, and GET requests made: what the budgets are about. */
final class TransferStats {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    void request() {
        requests.incrementAndGet();
    }

    void received(long n) {
        bytes.addAndGet(n);
    }

    long requests() {
        return requests.get();
    }

    long bytes() {
        return bytes.get();
    }
}
