package io.lumos.source.parquet;

import io.lumos.spi.file.ByteArraySeekableInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;

/**
 * Builds Parquet files in memory for tests: a schema written as nested elements, a footer with row
 * groups whose column chunks match the leaves, and filler bytes standing in for the data pages.
 * No Hadoop: the footer is the part the reader reads.
 */
final class Footers {
    private Footers() {}

    /** A schema element with its children (a tree; flattened depth-first when written). */
    record El(SchemaElement element, List<El> children) {}

    static El leaf(String name, FieldRepetitionType rep, Type type) {
        return new El(new SchemaElement(name).setRepetition_type(rep).setType(type), List.of());
    }

    static El optional(String name, Type type) {
        return leaf(name, FieldRepetitionType.OPTIONAL, type);
    }

    static El required(String name, Type type) {
        return leaf(name, FieldRepetitionType.REQUIRED, type);
    }

    static El repeated(String name, Type type) {
        return leaf(name, FieldRepetitionType.REPEATED, type);
    }

    static El group(String name, FieldRepetitionType rep, El... children) {
        return new El(
                new SchemaElement(name).setRepetition_type(rep).setNum_children(children.length), List.of(children));
    }

    static El with(El el, LogicalType logical) {
        el.element().setLogicalType(logical);
        return el;
    }

    static El with(El el, ConvertedType converted) {
        el.element().setConverted_type(converted);
        return el;
    }

    static El fixed(El el, int length) {
        el.element().setType_length(length);
        return el;
    }

    static El id(El el, int fieldId) {
        el.element().setField_id(fieldId);
        return el;
    }

    static void flatten(El el, List<SchemaElement> out, List<List<String>> leaves, List<String> path) {
        out.add(el.element());
        if (el.element().isSetType()) {
            List<String> p = new ArrayList<>(path);
            p.add(el.element().getName());
            leaves.add(p);
            return;
        }
        List<String> below = new ArrayList<>(path);
        if (!out.isEmpty() && out.size() > 1) {
            below.add(el.element().getName());
        }
        for (El c : el.children()) {
            flatten(c, out, leaves, below);
        }
    }

    static FileMetaData metadata(long[] rowGroupRows, El... columns) {
        El root = new El(new SchemaElement("schema").setNum_children(columns.length), List.of(columns));
        List<SchemaElement> elements = new ArrayList<>();
        List<List<String>> leaves = new ArrayList<>();
        flatten(root, elements, leaves, new ArrayList<>());
        List<RowGroup> groups = new ArrayList<>();
        long total = 0;
        for (long rows : rowGroupRows) {
            List<ColumnChunk> chunks = new ArrayList<>();
            for (List<String> leaf : leaves) {
                ColumnMetaData cmd = new ColumnMetaData(
                        Type.INT32, List.of(Encoding.PLAIN), leaf, CompressionCodec.SNAPPY, rows, 10, 10, 4);
                chunks.add(new ColumnChunk(4).setMeta_data(cmd));
            }
            groups.add(new RowGroup(chunks, 10, rows));
            total += rows;
        }
        return new FileMetaData(1, elements, total, groups).setCreated_by("lumos test writer");
    }

    static byte[] file(FileMetaData md, int dataBytes) {
        try {
            ByteArrayOutputStream footer = new ByteArrayOutputStream();
            Util.writeFileMetaData(md, footer);
            return file(footer.toByteArray(), dataBytes, "PAR1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] file(byte[] footer, int dataBytes, String endMagic) {
        ByteBuffer b = ByteBuffer.allocate(4 + dataBytes + footer.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put("PAR1".getBytes(StandardCharsets.US_ASCII));
        b.put(new byte[dataBytes]);
        b.put(footer);
        b.putInt(footer.length);
        b.put(endMagic.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    static ByteArraySeekableInput input(byte[] bytes) {
        return new ByteArraySeekableInput("mem://test.parquet", bytes);
    }

    static ByteArraySeekableInput input(El... columns) {
        return input(file(metadata(new long[] {3}, columns), 100));
    }
}
