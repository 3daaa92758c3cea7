package io.lumos.export.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lumos.export.table.Column;
import io.lumos.export.table.Table;
import io.lumos.json.ModelJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Tables as one JSON document, streamed: {@code {"type","snapshotCreatedAt","parts":{"fields":[{...}]}}}.
 * Values keep their types (numbers, booleans, ISO-8601 instants); nulls are left out.
 */
public final class JsonTablesWriter {
    public long write(String type, Instant createdAt, List<Table> tables, Path output) throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        long[] count = {0};
        try (OutputStream out = Files.newOutputStream(output);
                JsonGenerator g = ModelJson.generator(out, true)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeStringField("snapshotCreatedAt", createdAt.toString());
            g.writeObjectFieldStart("parts");
            for (Table t : tables) {
                List<Column> columns = t.columns();
                g.writeArrayFieldStart(t.fileName());
                try {
                    t.rows().accept(values -> {
                        try {
                            g.writeStartObject();
                            for (int i = 0; i < values.length && i < columns.size(); i++) {
                                writeValue(g, columns.get(i).id(), values[i]);
                            }
                            g.writeEndObject();
                            count[0]++;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        return count[0];
    }

    private static void writeValue(JsonGenerator g, String key, Object v) throws IOException {
        if (v == null) {
            return;
        }
        g.writeFieldName(key);
        if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof java.math.BigDecimal d) {
            g.writeNumber(d.stripTrailingZeros().toPlainString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(v.toString());
        }
    }
}
