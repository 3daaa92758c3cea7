package io.lumos.spi;

import java.nio.file.Path;

/**
 * Delivery figures of a catalog adapter: what it sent, what it retried, and what still failed
 * after retries and went to the dead-letter file.
 */
public record EmitReport(long sent, long retried, long failed, Path deadLetterFile) {
    public static final EmitReport NONE = new EmitReport(0, 0, 0, null);

    public boolean hasFailures() {
        return failed > 0;
    }
}
