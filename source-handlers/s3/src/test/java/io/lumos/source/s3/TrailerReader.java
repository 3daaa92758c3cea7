package io.lumos.source.s3;

import io.lumos.domain.DataTypes;
import io.lumos.domain.Field;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.SeekableInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only stand-in for the Parquet reader: it reads a Parquet trailer (footer, 4-byte little
 * endian footer length, {@code PAR1}) the way the real one must, with one {@code readTail} of
 * 64 KiB and one more read only when the footer is larger. The footer here is text
 * ({@code a:int64;b:decimal(10,2)}) instead of Thrift.
 */
final class TrailerReader implements FileFormatReader {
    static final int TAIL = 64 * 1024;

    @Override
    public String name() {
        return "parquet-trailer";
    }

    @Override
    public List<String> extensions() {
        return List.of(".parquet");
    }

    @Override
    public FileSchema read(SeekableInput input, FileReadOptions options) throws IOException {
        long length = input.length();
        if (length < 12) {
            throw new LumosException(ErrorCode.BAD_INPUT, input.name() + ": not a Parquet file: " + length + " bytes");
        }
        ByteBuffer tail = input.readTail((int) Math.min(length, TAIL)).order(ByteOrder.LITTLE_ENDIAN);
        int end = tail.limit();
        byte[] magic = new byte[4];
        tail.get(end - 4, magic);
        if (!new String(magic, StandardCharsets.US_ASCII).equals("PAR1")) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT, input.name() + ": not a Parquet file (no PAR1 magic at the end)");
        }
        int footerLength = tail.getInt(end - 8);
        if (footerLength <= 0 || footerLength > length - 12) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT, input.name() + ": corrupt Parquet footer length " + footerLength);
        }
        byte[] footer = new byte[footerLength];
        if (footerLength + 8 <= end) {
            tail.get(end - 8 - footerLength, footer);
        } else {
            input.read(length - 8 - footerLength, footerLength).get(footer);
        }
        List<Field> fields = new ArrayList<>();
        for (String part : new String(footer, StandardCharsets.UTF_8).strip().split(";")) {
            int colon = part.indexOf(':');
            fields.add(Field.of(part.substring(0, colon), DataTypes.parse(part.substring(colon + 1)), true));
        }
        return new FileSchema(fields, null, false, Map.of("footer_length", String.valueOf(footerLength)), null);
    }

    /** Union by name, first seen first. */
    @Override
    public FileSchema merge(List<FileSchema> schemas) {
        Map<String, Field> byName = new LinkedHashMap<>();
        for (FileSchema s : schemas) {
            for (Field f : s.fields()) {
                byName.putIfAbsent(f.name(), f);
            }
        }
        return new FileSchema(
                new ArrayList<>(byName.values()), null, false, schemas.get(0).properties(), null);
    }

    /** A fake Parquet object: PAR1, {@code body} bytes, the footer text, its length, PAR1. */
    static byte[] object(String footer, int body) {
        byte[] f = footer.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + body + f.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put("PAR1".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < body; i++) {
            b.put((byte) (i * 31));
        }
        b.put(f).putInt(f.length).put("PAR1".getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
