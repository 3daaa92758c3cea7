package io.lumos.source.parquet;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.SchemaUnion;
import io.lumos.spi.file.SeekableInput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;

/**
 * Parquet schemas from the footer alone: one tail read, Thrift decoded from memory, no Hadoop and
 * no data page. Stateless, so the file walker may call it from many threads at once.
 */
public final class ParquetFormatReader implements FileFormatReader {
    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public String description() {
        return "Parquet files: schema, row count, codecs and writer from the footer";
    }

    @Override
    public List<String> extensions() {
        return List.of(".parquet", ".parq");
    }

    @Override
    public FileSchema read(SeekableInput input, FileReadOptions options) throws IOException {
        ParquetFooter.Footer footer = ParquetFooter.read(input);
        FileMetaData md = footer.metadata();
        String name = input.name();
        ParquetSchemaConverter.Result schema;
        try {
            schema = ParquetSchemaConverter.convert(md.getSchema());
        } catch (ParquetSchemaConverter.SchemaException | IllegalArgumentException e) {
            throw new LumosException(ErrorCode.BAD_INPUT, name + ": invalid Parquet schema: " + e.getMessage(), e);
        }
        if (md.getNum_rows() < 0) {
            throw ParquetFooter.bad(name, "the footer says the file has " + md.getNum_rows() + " rows (negative)");
        }
        long rows = 0;
        TreeSet<String> codecs = new TreeSet<>();
        List<RowGroup> groups = md.getRow_groups();
        for (int i = 0; i < groups.size(); i++) {
            RowGroup rg = groups.get(i);
            if (rg.getNum_rows() < 0) {
                throw ParquetFooter.bad(
                        name, "row group " + i + " says it has " + rg.getNum_rows() + " rows (negative)");
            }
            rows += rg.getNum_rows();
            List<ColumnChunk> columns = rg.getColumns();
            int chunks = columns == null ? 0 : columns.size();
            if (chunks != schema.leafColumns()) {
                throw ParquetFooter.bad(
                        name,
                        "row group " + i + " has " + chunks + " column chunks, the schema has " + schema.leafColumns()
                                + " columns");
            }
            for (int c = 0; c < chunks; c++) {
                ColumnChunk chunk = columns.get(c);
                if (chunk.isSetMeta_data()) {
                    List<String> path = chunk.getMeta_data().getPath_in_schema();
                    if (path != null && !path.equals(schema.leafPaths().get(c))) {
                        throw ParquetFooter.bad(
                                name,
                                "row group " + i + " column " + c + " is '" + String.join(".", path)
                                        + "' but the schema says '"
                                        + String.join(".", schema.leafPaths().get(c))
                                        + "'");
                    }
                    CompressionCodec codec = chunk.getMeta_data().getCodec();
                    codecs.add(codec == null ? "UNKNOWN" : codec.name());
                }
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("size", Long.toString(footer.fileSize()));
        props.put("num_row_groups", Integer.toString(groups.size()));
        props.put("footer_bytes", Integer.toString(footer.footerLength()));
        props.put("format_version", Integer.toString(md.getVersion()));
        if (md.isSetCreated_by() && !md.getCreated_by().isBlank()) {
            props.put("created_by", md.getCreated_by().strip());
        }
        if (!codecs.isEmpty()) {
            props.put("codecs", String.join(",", codecs));
        }
        if (md.isSetEncryption_algorithm()) {
            // plaintext footer: the schema is readable, the columns need keys
            props.put("encryption", "columns (plaintext footer)");
        }
        if (md.getNum_rows() != rows) {
            props.put("footer_num_rows", Long.toString(md.getNum_rows()));
        }
        return new FileSchema(schema.fields(), rows, true, props, null);
    }

    /** Files of one dataset: columns united by name, a column missing somewhere is nullable. */
    @Override
    public FileSchema merge(List<FileSchema> schemas) {
        return SchemaUnion.merge(schemas);
    }
}
