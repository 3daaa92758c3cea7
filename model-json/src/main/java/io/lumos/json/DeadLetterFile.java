package io.lumos.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.DeadLetterSink;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Redaction;
import io.lumos.spi.run.RunEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits that failed after retries, one JSON object a line, appended and flushed as they happen so
 * that nothing acknowledged to the user is lost. {@code lumos ingest --replay FILE} reads it back.
 * The SPI knows it as a {@link DeadLetterSink}.
 */
public final class DeadLetterFile implements DeadLetterSink {
    private final Path path;
    private BufferedWriter writer;
    private long count;

    public DeadLetterFile(Path path) {
        this.path = path;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public synchronized long count() {
        return count;
    }

    @Override
    public synchronized void append(DeadLetter letter) {
        try {
            if (writer == null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
                writer = Files.newBufferedWriter(
                        path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            ObjectNode n = ModelJson.mapper().createObjectNode();
            n.put("platform", letter.platform());
            n.put("kind", letter.kind());
            n.put("target", Redaction.redactUrl(letter.target()));
            n.put("payload", letter.payload());
            n.put("error", Redaction.redactText(letter.error()));
            writer.write(ModelJson.mapper().writeValueAsString(n));
            writer.write('\n');
            writer.flush();
            count++;
        } catch (IOException e) {
            throw new LumosException(
                    ErrorCode.INTERNAL, "could not write the dead-letter file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void appendRun(String catalog, RunEvent event, String reason) {
        append(new DeadLetter(catalog, RunEventJson.KIND, event.job(), RunEventJson.toJson(event), reason));
    }

    public static List<DeadLetter> read(Path path) {
        List<DeadLetter> out = new ArrayList<>();
        try {
            int line = 0;
            for (String text : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = ModelJson.mapper().readTree(text);
                } catch (IOException e) {
                    throw new LumosException(
                            ErrorCode.BAD_INPUT,
                            path + ":" + line
                                    + ": not a dead-letter line (JSON expected); was the file edited by hand?");
                }
                out.add(new DeadLetter(
                        n.path("platform").asText(),
                        n.path("kind").asText(),
                        n.path("target").asText(null),
                        n.path("payload").asText(),
                        n.path("error").asText(null)));
            }
        } catch (IOException e) {
            throw new LumosException(
                    ErrorCode.USAGE, "cannot read the dead-letter file " + path + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
