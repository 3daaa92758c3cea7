package io.lumos.source.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import shaded.parquet.org.apache.thrift.TException;
import shaded.parquet.org.apache.thrift.protocol.TField;
import shaded.parquet.org.apache.thrift.protocol.TList;
import shaded.parquet.org.apache.thrift.protocol.TProtocol;
import shaded.parquet.org.apache.thrift.protocol.TProtocolException;

/**
 * Decodes the parts of a Parquet {@code FileMetaData} a schema scan needs, field by field on the
 * compact protocol: the schema elements (with the generated Thrift classes), row counts, column
 * paths and codecs. Statistics, encodings, page stats, key/value metadata and indexes are skipped
 * in place instead of being built as objects: that is most of a footer, and most of the time the
 * generated {@code FileMetaData.read} spends. Required fields are still checked, as the generated
 * code does, so a corrupt footer is still refused.
 */
final class FooterDecoder {
    /** A column chunk: its path in the schema and codec, or nulls when its metadata is encrypted. */
    record Chunk(List<String> path, CompressionCodec codec) {}

    record RowGroup(long numRows, List<Chunk> chunks) {}

    record Metadata(
            int version,
            List<SchemaElement> schema,
            long numRows,
            List<RowGroup> rowGroups,
            String createdBy,
            boolean encrypted) {}

    /** Thrift wire types (the shaded jar drops its TType class: the constants were inlined). */
    private static final class TType {
        static final byte STOP = 0;
        static final byte I32 = 8;
        static final byte I64 = 10;
        static final byte STRING = 11;
        static final byte STRUCT = 12;
        static final byte LIST = 15;
    }

    private FooterDecoder() {}

    static Metadata decode(TProtocol p) throws TException {
        Integer version = null;
        List<SchemaElement> schema = null;
        Long numRows = null;
        List<RowGroup> rowGroups = null;
        String createdBy = null;
        boolean encrypted = false;
        p.readStructBegin();
        while (true) {
            TField f = p.readFieldBegin();
            if (f.type == TType.STOP) {
                break;
            }
            switch (f.id) {
                case 1 -> {
                    if (f.type == TType.I32) {
                        version = p.readI32();
                    } else {
                        p.skip(f.type);
                    }
                }
                case 2 -> {
                    if (f.type == TType.LIST) {
                        TList list = p.readListBegin();
                        schema = new ArrayList<>(list.size);
                        for (int i = 0; i < list.size; i++) {
                            SchemaElement e = new SchemaElement();
                            e.read(p);
                            schema.add(e);
                        }
                        p.readListEnd();
                    } else {
                        p.skip(f.type);
                    }
                }
                case 3 -> {
                    if (f.type == TType.I64) {
                        numRows = p.readI64();
                    } else {
                        p.skip(f.type);
                    }
                }
                case 4 -> {
                    if (f.type == TType.LIST) {
                        TList list = p.readListBegin();
                        rowGroups = new ArrayList<>(list.size);
                        for (int i = 0; i < list.size; i++) {
                            rowGroups.add(rowGroup(p));
                        }
                        p.readListEnd();
                    } else {
                        p.skip(f.type);
                    }
                }
                case 6 -> {
                    if (f.type == TType.STRING) {
                        createdBy = p.readString();
                    } else {
                        p.skip(f.type);
                    }
                }
                case 8 -> {
                    encrypted = f.type == TType.STRUCT;
                    p.skip(f.type);
                }
                default -> p.skip(f.type);
            }
            p.readFieldEnd();
        }
        p.readStructEnd();
        require(version != null, "version", "FileMetaData");
        require(schema != null, "schema", "FileMetaData");
        require(numRows != null, "num_rows", "FileMetaData");
        require(rowGroups != null, "row_groups", "FileMetaData");
        return new Metadata(version, schema, numRows, rowGroups, createdBy, encrypted);
    }

    private static RowGroup rowGroup(TProtocol p) throws TException {
        List<Chunk> chunks = null;
        Long numRows = null;
        boolean totalByteSize = false;
        p.readStructBegin();
        while (true) {
            TField f = p.readFieldBegin();
            if (f.type == TType.STOP) {
                break;
            }
            if (f.id == 1 && f.type == TType.LIST) {
                TList list = p.readListBegin();
                chunks = new ArrayList<>(list.size);
                for (int i = 0; i < list.size; i++) {
                    chunks.add(columnChunk(p));
                }
                p.readListEnd();
            } else if (f.id == 2 && f.type == TType.I64) {
                p.readI64();
                totalByteSize = true;
            } else if (f.id == 3 && f.type == TType.I64) {
                numRows = p.readI64();
            } else {
                p.skip(f.type);
            }
            p.readFieldEnd();
        }
        p.readStructEnd();
        require(chunks != null, "columns", "RowGroup");
        require(totalByteSize, "total_byte_size", "RowGroup");
        require(numRows != null, "num_rows", "RowGroup");
        return new RowGroup(numRows, chunks);
    }

    private static Chunk columnChunk(TProtocol p) throws TException {
        Chunk chunk = new Chunk(null, null);
        boolean fileOffset = false;
        p.readStructBegin();
        while (true) {
            TField f = p.readFieldBegin();
            if (f.type == TType.STOP) {
                break;
            }
            if (f.id == 3 && f.type == TType.STRUCT) {
                chunk = columnMetaData(p);
            } else if (f.id == 2 && f.type == TType.I64) {
                p.readI64();
                fileOffset = true;
            } else {
                p.skip(f.type);
            }
            p.readFieldEnd();
        }
        p.readStructEnd();
        require(fileOffset, "file_offset", "ColumnChunk");
        return chunk;
    }

    /** Required fields of ColumnMetaData, by field id: 1-7 and 9. */
    private static final int REQUIRED_COLUMN_FIELDS = 0b10_1111_1110;

    private static Chunk columnMetaData(TProtocol p) throws TException {
        List<String> path = null;
        CompressionCodec codec = null;
        int seen = 0;
        p.readStructBegin();
        while (true) {
            TField f = p.readFieldBegin();
            if (f.type == TType.STOP) {
                break;
            }
            switch (f.id) {
                case 1 -> {
                    if (f.type == TType.I32 && Type.findByValue(p.readI32()) != null) {
                        seen |= 1 << 1;
                    } else if (f.type != TType.I32) {
                        p.skip(f.type);
                    }
                }
                case 3 -> {
                    if (f.type == TType.LIST) {
                        TList list = p.readListBegin();
                        path = new ArrayList<>(list.size);
                        for (int i = 0; i < list.size; i++) {
                            path.add(p.readString());
                        }
                        p.readListEnd();
                        seen |= 1 << 3;
                    } else {
                        p.skip(f.type);
                    }
                }
                case 4 -> {
                    if (f.type == TType.I32) {
                        codec = CompressionCodec.findByValue(p.readI32());
                        seen |= 1 << 4;
                    } else {
                        p.skip(f.type);
                    }
                }
                case 2, 5, 6, 7, 9 -> {
                    byte expected = f.id == 2 ? TType.LIST : TType.I64;
                    if (f.type == expected) {
                        seen |= 1 << f.id;
                    }
                    p.skip(f.type);
                }
                default -> p.skip(f.type);
            }
            p.readFieldEnd();
        }
        p.readStructEnd();
        int missing = REQUIRED_COLUMN_FIELDS & ~seen;
        if (missing != 0) {
            String[] names = {
                "",
                "type",
                "encodings",
                "path_in_schema",
                "codec",
                "num_values",
                "total_uncompressed_size",
                "total_compressed_size",
                "",
                "data_page_offset"
            };
            throw new TProtocolException("Required field '" + names[Integer.numberOfTrailingZeros(missing)]
                    + "' of ColumnMetaData is missing");
        }
        return new Chunk(path, codec == null ? null : codec);
    }

    private static void require(boolean present, String field, String struct) throws TProtocolException {
        if (!present) {
            throw new TProtocolException("Required field '" + field + "' of " + struct + " is missing");
        }
    }
}
