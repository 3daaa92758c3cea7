package io.lumos.source.parquet;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
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
import java.util.TreeSet;
import org.apache.parquet.format.CompressionCodec;

/**
 * Parquet schemas from the footer alone: one tail read, Thrift decoded from memory, no Hadoop and
 * no data page. Stateless, so the file walker may call it from many threads at once.
 */
public final class ParquetFormatReader implements FileFormatReader {
    private static final java.util.Set<String> SUMMED = java.util.Set.of("footer_bytes", "num_row_groups");

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
        FooterDecoder.Metadata md = footer.metadata();
        String name = input.name();
        ParquetSchemaConverter.Result schema;
        try {
            schema = ParquetSchemaConverter.convert(md.schema());
        } catch (ParquetSchemaConverter.SchemaException | IllegalArgumentException e) {
            throw new LumosException(ErrorCode.BAD_INPUT, name + ": invalid Parquet schema: " + e.getMessage(), e);
        }
        if (md.numRows() < 0) {
            throw ParquetFooter.bad(name, "the footer says the file has " + md.numRows() + " rows (negative)");
        }
        long rows = 0;
        TreeSet<String> codecs = new TreeSet<>();
        List<FooterDecoder.RowGroup> groups = md.rowGroups();
        for (int i = 0; i < groups.size(); i++) {
            FooterDecoder.RowGroup rg = groups.get(i);
            if (rg.numRows() < 0) {
                throw ParquetFooter.bad(name, "row group " + i + " says it has " + rg.numRows() + " rows (negative)");
            }
            rows += rg.numRows();
            List<FooterDecoder.Chunk> columns = rg.chunks();
            int chunks = columns.size();
            if (chunks != schema.leafColumns()) {
                throw ParquetFooter.bad(
                        name,
                        "row group " + i + " has " + chunks + " column chunks, the schema has " + schema.leafColumns()
                                + " columns");
            }
            for (int c = 0; c < chunks; c++) {
                FooterDecoder.Chunk chunk = columns.get(c);
                if (chunk.path() != null) {
                    List<String> path = chunk.path();
                    if (path != null && !path.equals(schema.leafPaths().get(c))) {
                        throw ParquetFooter.bad(
                                name,
                                "row group " + i + " column " + c + " is '" + String.join(".", path)
                                        + "' but the schema says '"
                                        + String.join(".", schema.leafPaths().get(c))
                                        + "'");
                    }
                    CompressionCodec codec = chunk.codec();
                    codecs.add(codec == null ? "UNKNOWN" : codec.name());
                }
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("size", Long.toString(footer.fileSize()));
        props.put("num_row_groups", Integer.toString(groups.size()));
        props.put("footer_bytes", Integer.toString(footer.footerLength()));
        props.put("format_version", Integer.toString(md.version()));
        if (md.createdBy() != null && !md.createdBy().isBlank()) {
            props.put("created_by", md.createdBy().strip());
        }
        if (!codecs.isEmpty()) {
            props.put("codecs", String.join(",", codecs));
        }
        if (md.encrypted()) {
            // plaintext footer: the schema is readable, the columns need keys
            props.put("encryption", "columns (plaintext footer)");
        }
        if (md.numRows() != rows) {
            props.put("footer_num_rows", Long.toString(md.numRows()));
        }
        return new FileSchema(schema.fields(), rows, true, props, null);
    }

    /** Files of one dataset: columns united by name, a column missing somewhere is nullable. */
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
