package io.lumos.platform.datahub;

import io.lumos.spi.EmitReport;

/** Where proposals go: GMS over REST, an MCP file, or Kafka. */
interface Transport extends AutoCloseable {
    /** Queues or sends one proposal; may block while too many requests are in flight. */
    void send(Proposal proposal);

    /** Returns once everything sent so far has landed or gone to the dead-letter file. */
    void drain();

    EmitReport report();

    @Override
    void close();
}
