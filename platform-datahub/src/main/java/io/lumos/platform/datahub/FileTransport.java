package io.lumos.platform.datahub;

import datahub.client.Callback;
import datahub.client.MetadataWriteResponse;
import datahub.client.file.FileEmitter;
import datahub.client.file.FileEmitterConfig;
import io.lumos.spi.EmitReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jar's {@link FileEmitter}: a JSON array of MCPs that {@code datahub ingest} loads with its
 * {@code file} source. The emitter is not thread-safe and writes the closing {@code ]} only on
 * close, so calls are serialised and close is mandatory.
 */
final class FileTransport implements Transport {
    private final Path file;
    private final FileEmitter emitter;
    private final AtomicLong sent = new AtomicLong();
    private boolean closed;

    FileTransport(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.emitter = new FileEmitter(
                    FileEmitterConfig.builder().fileName(file.toString()).build());
        } catch (IOException | RuntimeException e) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    "cannot write the DataHub MCP file " + file + " (" + e.getMessage()
                            + "); check platforms.datahub.file",
                    e);
        }
    }

    @Override
    public synchronized void send(Proposal p) {
        try {
            MetadataWriteResponse r = emitter.emit(p.mcp(), NO_CALLBACK).get();
            if (!r.isSuccess()) {
                throw new IOException(r.getResponseContent());
            }
            sent.incrementAndGet();
        } catch (IOException | ExecutionException e) {
            throw new LumosException(ErrorCode.EMIT_FAILED, "could not write to " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LumosException(ErrorCode.EMIT_FAILED, "interrupted while writing " + file, e);
        }
    }

    private static final Callback NO_CALLBACK = new Callback() {
        @Override
        public void onCompletion(MetadataWriteResponse response) {}

        @Override
        public void onFailure(Throwable exception) {}
    };

    @Override
    public void drain() {}

    @Override
    public EmitReport report() {
        return new EmitReport(sent.get(), 0, 0, null);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            emitter.close();
        } catch (IOException e) {
            throw new LumosException(ErrorCode.EMIT_FAILED, "could not finish " + file + ": " + e.getMessage(), e);
        }
    }
}
