package io.lumos.spi.file;

import io.lumos.domain.Field;
import io.lumos.domain.RecordChecks;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema of one file.
 *
 * @param rowCount the row count, or null when the reader cannot know it cheaply
 * @param rowCountExact false when the count is an estimate (a sample extrapolated by size)
 * @param properties facts about the file (created_by, codec, delimiter, encoding, ...)
 * @param description a description the file carries (an Avro doc), or null
 */
public record FileSchema(
        List<Field> fields, Long rowCount, boolean rowCountExact, Map<String, String> properties, String description) {
    public FileSchema {
        fields = RecordChecks.list(fields);
        properties = RecordChecks.sorted(properties);
    }

    public static FileSchema of(List<Field> fields, Long rowCount) {
        return new FileSchema(fields, rowCount, rowCount != null, Map.of(), null);
    }

    /** The field at a dotted path, nested ones included. */
    public Optional<Field> field(String path) {
        return fields.stream()
                .flatMap(f -> f.flatten().stream())
                .filter(f -> f.path().equals(path))
                .findFirst();
    }
}
