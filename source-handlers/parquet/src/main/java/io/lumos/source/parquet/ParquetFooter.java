package io.lumos.source.parquet;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.SeekableInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import shaded.parquet.org.apache.thrift.TException;
import shaded.parquet.org.apache.thrift.protocol.TCompactProtocol;

/**
 * Reads a Parquet footer with one tail read: the last 64 KiB hold the 8-byte trailer and, for
 * almost every file, the whole footer. Only a larger footer costs a second, exact read. The Thrift
 * metadata is then decoded from memory; no data page is ever touched.
 */
final class ParquetFooter {
    /** One read-ahead: the footer of a 100-column file is about 11 KB, of a 31-row-group one 72 KB. */
    static final int TAIL = 64 * 1024;
    /** Far above any real footer; stops a lying length from asking for gigabytes. */
    static final int MAX_FOOTER = 128 * 1024 * 1024;

    private static final int MAGIC = 0x31524150; // "PAR1" read little-endian
    private static final int MAGIC_ENCRYPTED = 0x45524150; // "PARE"

    private ParquetFooter() {}

    record Footer(FooterDecoder.Metadata metadata, long fileSize, int footerLength) {}

    static Footer read(SeekableInput input) throws IOException {
        String name = input.name();
        long size = input.length();
        if (size < 12) {
            throw bad(name, "only " + size + " bytes, too short to be a Parquet file (needs at least 12)");
        }
        ByteBuffer tail = input.readTail(TAIL).order(ByteOrder.LITTLE_ENDIAN);
        int tailLen = tail.remaining();
        if (tailLen < 8) {
            throw bad(name, "the tail read returned " + tailLen + " bytes");
        }
        int base = tail.position();
        int magic = tail.getInt(base + tailLen - 4);
        if (magic == MAGIC_ENCRYPTED) {
            throw bad(name, "the footer is encrypted (magic PARE); Lumos cannot read its schema without the keys");
        }
        if (magic != MAGIC) {
            throw bad(name, "bad magic at the end (" + printable(tail, base + tailLen - 4) + "), not a Parquet file");
        }
        int footerLength = tail.getInt(base + tailLen - 8);
        if (footerLength <= 0 || footerLength > size - 12) {
            throw bad(
                    name,
                    "truncated or corrupt footer: it claims " + Integer.toUnsignedString(footerLength)
                            + " bytes, the file has " + size);
        }
        if (footerLength > MAX_FOOTER) {
            throw bad(
                    name,
                    "footer of " + footerLength + " bytes is larger than the " + MAX_FOOTER + " bytes Lumos reads");
        }
        byte[] bytes;
        int offset;
        if (footerLength + 8 <= tailLen) {
            if (tail.hasArray()) {
                bytes = tail.array();
                offset = tail.arrayOffset() + base + tailLen - 8 - footerLength;
            } else {
                bytes = new byte[footerLength];
                tail.get(base + tailLen - 8 - footerLength, bytes);
                offset = 0;
            }
        } else {
            ByteBuffer exact = input.read(size - 8 - footerLength, footerLength);
            if (exact.hasArray()) {
                bytes = exact.array();
                offset = exact.arrayOffset() + exact.position();
            } else {
                bytes = new byte[footerLength];
                exact.get(bytes);
                offset = 0;
            }
        }
        FooterDecoder.Metadata metadata;
        try {
            metadata = FooterDecoder.decode(new TCompactProtocol(new ArrayTransport(bytes, offset, footerLength)));
        } catch (TException | RuntimeException e) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    name + ": corrupt Parquet footer (" + oneLine(e) + "); the file cannot be read",
                    e);
        }
        return new Footer(metadata, size, footerLength);
    }

    static LumosException bad(String name, String what) {
        return new LumosException(ErrorCode.BAD_INPUT, name + ": " + what);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String text = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String printable(ByteBuffer b, int at) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int c = b.get(at + i) & 0xff;
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return out.toString();
    }
}
