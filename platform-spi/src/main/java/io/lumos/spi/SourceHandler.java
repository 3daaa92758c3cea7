package io.lumos.spi;

/**
 * Reads schemas from where data lives. A scan hands each dataset to the sink as soon as it is read;
 * a problem with one item goes to {@link ScanSink#problem} and the scan goes on. Only a failure that
 * stops the whole source (the server is unreachable) is thrown, as a {@link LumosException}.
 */
public interface SourceHandler extends AutoCloseable {
    /** The source's name in config, for messages. */
    String name();

    void scan(ScanSink sink);

    @Override
    default void close() {}
}
