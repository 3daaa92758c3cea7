package io.lumos.source.avro;

import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.SchemaMerger;
import io.lumos.spi.file.SchemaUnion;
import io.lumos.spi.file.SeekableInput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Avro object container files: the writer schema from the header, the row count from the block
 * headers. No record is decoded and no block decompressed. Stateless and thread-safe.
 */
public final class AvroFormatReader implements FileFormatReader {
    private static final java.util.Set<String> SUMMED = java.util.Set.of("blocks", "trailing_bytes");

    @Override
    public String name() {
        return "avro";
    }

    @Override
    public String description() {
        return "Avro container files: schema from the header, rows from the block headers";
    }

    @Override
    public List<String> extensions() {
        return List.of(".avro");
    }

    @Override
    public FileSchema read(SeekableInput input, FileReadOptions options) throws IOException {
        String name = input.name();
        long size = input.length();
        ByteWindow window = new ByteWindow(input, size, AvroContainer.HEADER_CHUNK);
        AvroContainer.Header header = AvroContainer.header(window, name);
        String schemaJson = header.get("avro.schema");
        if (schemaJson == null) {
            throw AvroContainer.bad(name, "the header has no avro.schema entry");
        }
        Schema schema = AvroSchemas.parse(schemaJson, false, name, "the header's avro.schema");
        AvroContainer.Blocks blocks = AvroContainer.countRows(window, header, name);

        Map<String, String> props = new LinkedHashMap<>();
        String codec = header.get("avro.codec");
        props.put("codec", codec == null || codec.isEmpty() ? "null" : codec);
        if (codec != null && !codec.isEmpty() && !AvroContainer.KNOWN_CODECS.contains(codec)) {
            // rows still count (blocks are never opened), but readers of the data will need this codec
            props.put("codec_unknown", "true");
        }
        props.put("size", Long.toString(size));
        props.put("blocks", Long.toString(blocks.blocks()));
        AvroSchemas.putNames(schema, props);
        props.putAll(AvroSchemaConverter.datasetProperties(schema));
        if (blocks.truncated()) {
            props.put("truncated", "true");
        }
        if (blocks.trailingBytes() > 0) {
            props.put("trailing_bytes", Long.toString(blocks.trailingBytes()));
        }
        return new FileSchema(
                AvroSchemaConverter.fields(schema), blocks.rows(), !blocks.truncated(), props, schema.getDoc());
    }

    /** Files of one dataset: fields united by name, a field missing somewhere is nullable. */
    @Override
    public FileSchema merge(List<FileSchema> schemas) {
        SchemaMerger merger = merger();
        schemas.forEach(merger::add);
        return merger.result();
    }

    @Override
    public SchemaMerger merger() {
        // per-file counts are summed over a table's files: distinct values would grow with the files
        return SchemaUnion.merger(SUMMED);
    }
}
