package io.lumos.spi;

/**
 * One emit that failed after retries, kept so that {@code lumos ingest --replay FILE} can send it
 * again. {@code payload} is what the adapter would have sent (JSON), {@code kind} its own word for it.
 */
public record DeadLetter(String platform, String kind, String target, String payload, String error) {}
