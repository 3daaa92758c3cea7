package io.lumos.spi;

import io.lumos.spi.run.RunEvent;
import java.nio.file.Path;

/**
 * Where emits that failed after retries are kept, so that {@code lumos ingest --replay FILE} can
 * send them again. The SPI names only this port; the file format (one JSON object a line) lives with
 * the model's JSON codec ({@code io.lumos.json.DeadLetterFile} in {@code lumos-model-json}), which a
 * plugin bundles when it writes dead letters itself.
 */
public interface DeadLetterSink extends AutoCloseable {
    /** The file the letters go to, for messages that tell the user where to replay from. */
    Path path();

    /** How many letters were appended through this sink. */
    long count();

    /** Appends one letter and makes it durable before returning; fails with a {@link LumosException}. */
    void append(DeadLetter letter);

    /**
     * Appends a run event that {@code catalog} did not take, in the form replay reads back (the
     * codec's run-event JSON, kind {@code lumos-run}).
     */
    void appendRun(String catalog, RunEvent event, String reason);

    @Override
    void close();
}
