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
    private FileEmitter emitter;
    private final AtomicLong sent = new AtomicLong();
    private boolean closed;

    /**
     * The emitter truncates its file when it is made, so it is made at the first proposal: a
     * command that writes nothing (a read, or an edit refused before any write) leaves the file of
     * the last run as it was.
     */
    FileTransport(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException | RuntimeException e) {
            throw cannotWrite(e);
        }
    }

    private LumosException cannotWrite(Exception e) {
        return new LumosException(
                ErrorCode.CONFIG_INVALID,
                "cannot write the DataHub MCP file " + file + " (" + e.getMessage() + "); check platforms.datahub.file",
                e);
    }

    private FileEmitter emitter() {
        if (emitter == null) {
            try {
                emitter = new FileEmitter(
                        FileEmitterConfig.builder().fileName(file.toString()).build());
            } catch (RuntimeException e) {
                throw cannotWrite(e);
            }
        }
        return emitter;
    }

    @Override
    public synchronized void send(Proposal p) {
        try {
            MetadataWriteResponse r = emitter().emit(p.mcp(), NO_CALLBACK).get();
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
        if (emitter == null) {
            return; // nothing was sent: the file stays as the last run left it
        }
        try {
            emitter.close();
        } catch (IOException e) {
            throw new LumosException(ErrorCode.EMIT_FAILED, "could not finish " + file + ": " + e.getMessage(), e);
        }
    }
}
