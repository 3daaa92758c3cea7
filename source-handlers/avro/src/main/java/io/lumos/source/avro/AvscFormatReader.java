package io.lumos.source.avro;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.SchemaMerger;
import io.lumos.spi.file.SchemaUnion;
import io.lumos.spi.file.SeekableInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** Avro schema files ({@code .avsc}): a schema with no data, so no row count. Parsed strictly. */
public final class AvscFormatReader implements FileFormatReader {
    /** A schema file larger than this is not a schema. */
    static final int MAX_SCHEMA_BYTES = 16 << 20;

    @Override
    public String name() {
        return "avsc";
    }

    @Override
    public String description() {
        return "Avro schema files (.avsc)";
    }

    @Override
    public List<String> extensions() {
        return List.of(".avsc");
    }

    @Override
    public String subtype() {
        return "schema";
    }

    @Override
    public FileSchema read(SeekableInput input, FileReadOptions options) throws IOException {
        String name = input.name();
        long size = input.length();
        if (size > MAX_SCHEMA_BYTES) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    name + ": " + size + " bytes is too large for an Avro schema file (limit " + MAX_SCHEMA_BYTES
                            + ")");
        }
        ByteBuffer bytes = input.read(0, (int) size);
        String json = StandardCharsets.UTF_8.decode(bytes).toString();
        if (json.isBlank()) {
            throw new LumosException(ErrorCode.BAD_INPUT, name + ": the schema file is empty");
        }
        Schema schema = AvroSchemas.parse(json, true, name, "the file");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("size", Long.toString(size));
        AvroSchemas.putNames(schema, props);
        props.putAll(AvroSchemaConverter.datasetProperties(schema));
        return new FileSchema(AvroSchemaConverter.fields(schema), null, false, props, schema.getDoc());
    }

    @Override
    public FileSchema merge(List<FileSchema> schemas) {
        return SchemaUnion.merge(schemas);
    }

    @Override
    public SchemaMerger merger() {
        return SchemaUnion.merger();
    }
}
