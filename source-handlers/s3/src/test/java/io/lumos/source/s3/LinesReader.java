package io.lumos.source.s3;

import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.Field;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.SeekableInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test-only format {@code .lines}: the first line names the fields. Reads a bounded prefix, like CSV. */
final class LinesReader implements FileFormatReader {
    @Override
    public String name() {
        return "lines";
    }

    @Override
    public List<String> extensions() {
        return List.of(".lines");
    }

    @Override
    public FileSchema read(SeekableInput input, FileReadOptions options) throws IOException {
        String header;
        try (InputStream in = input.stream(0);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 256)) {
            header = r.readLine(); // then close early: the rest of the object must not be fetched
        }
        List<Field> fields = new ArrayList<>();
        if (header != null) {
            for (String name : header.split(",")) {
                if (!name.isBlank()) {
                    fields.add(Field.of(name.strip(), Primitive.STRING, true));
                }
            }
        }
        return FileSchema.of(fields, null);
    }
}
