package io.lumos.platform.marquez;

import io.lumos.json.DeadLetterFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One OpenLineage event a line, to a file ({@code transport: file}) or to standard output
 * ({@code transport: console}). We write the file ourselves: openlineage-java's FileTransport only
 * logs I/O errors, and a full disk must not look like success.
 */
final class LineEmitter extends Emitter {
    private final Path file;
    private final PrintStream console;
    private BufferedWriter writer;

    private LineEmitter(String platform, DeadLetterFile deadLetters, Path file, PrintStream console) {
        super(platform, deadLetters);
        this.file = file;
        this.console = console;
    }

    static LineEmitter toFile(String platform, DeadLetterFile deadLetters, Path file) {
        return new LineEmitter(platform, deadLetters, file, null);
    }

    static LineEmitter toConsole(String platform, DeadLetterFile deadLetters, PrintStream out) {
        return new LineEmitter(platform, deadLetters, null, out);
    }

    @Override
    synchronized void submit(Envelope e) {
        if (console != null) {
            console.println(e.json());
            sent.incrementAndGet();
            return;
        }
        try {
            if (writer == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                writer = Files.newBufferedWriter(
                        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            writer.write(e.json());
            writer.write('\n');
            sent.incrementAndGet();
        } catch (IOException ex) {
            deadLetter(e, "could not write " + file + ": " + ex.getMessage());
        }
    }

    @Override
    synchronized void awaitIdle() {
        if (console != null) {
            console.flush();
        }
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException ex) {
                throw new io.lumos.spi.LumosException(
                        io.lumos.spi.ErrorCode.EMIT_FAILED, "could not write " + file + ": " + ex.getMessage(), ex);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            awaitIdle();
            if (writer != null) {
                writer.close();
            }
        } catch (IOException ex) {
            throw new io.lumos.spi.LumosException(
                    io.lumos.spi.ErrorCode.EMIT_FAILED, "could not close " + file + ": " + ex.getMessage(), ex);
        } finally {
            super.close();
        }
    }
}
