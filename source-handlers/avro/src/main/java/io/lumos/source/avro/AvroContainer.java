package io.lumos.source.avro;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The header of an Avro object container file and its row count, found by walking the block
 * headers (count, byte size, skip, 16-byte sync marker) without decompressing or decoding a record.
 * So every codec counts, even one this JVM has no library for.
 */
final class AvroContainer {
    static final Set<String> KNOWN_CODECS = Set.of("null", "deflate", "snappy", "zstandard", "bzip2", "xz");
    /** The header read-ahead: schemas are small; a larger header costs more reads, not more bytes. */
    static final int HEADER_CHUNK = 64 * 1024;
    /** Block walking: sync marker plus two varints. */
    static final int BLOCK_CHUNK = 64;
    /** No schema is this big; a length above it is a corrupt file. */
    static final int MAX_METADATA_VALUE = 64 << 20;

    // what one file's header holds, read once and used in place: never compared nor hashed
    @SuppressWarnings("ArrayRecordComponent")
    record Header(Map<String, byte[]> metadata, byte[] sync, long end) {
        String get(String key) {
            byte[] v = metadata.get(key);
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param rows records in complete blocks
     * @param truncated the file ends inside a block: rows counts only the complete ones
     * @param trailingBytes bytes after the last sync marker that do not make a block header
     */
    record Blocks(long rows, long blocks, boolean truncated, long trailingBytes) {}

    private AvroContainer() {}

    static Header header(ByteWindow in, String name) throws IOException {
        byte[] magic;
        try {
            magic = in.readBytes(4);
        } catch (ByteWindow.Truncated e) {
            throw bad(name, "too short to be an Avro container file");
        }
        if (magic[0] != 'O' || magic[1] != 'b' || magic[2] != 'j' || magic[3] != 1) {
            if (magic[0] == 'O' && magic[1] == 'b' && magic[2] == 'j' && magic[3] == 0) {
                throw bad(name, "an Avro 1.2 container (magic Obj\\0), a format no Avro release since 1.3 reads");
            }
            throw bad(name, "bad magic (not Obj\\x01), not an Avro container file");
        }
        Map<String, byte[]> metadata = new LinkedHashMap<>();
        try {
            while (true) {
                long count = in.readLong();
                if (count == 0) {
                    break;
                }
                if (count < 0) {
                    count = -count;
                    in.readLong(); // the block's byte size, not needed
                }
                if (count > in.remaining()) {
                    throw bad(name, "the header claims " + count + " metadata entries, more than the file holds");
                }
                for (long i = 0; i < count; i++) {
                    String key = new String(in.readBytes(length(in, name)), StandardCharsets.UTF_8);
                    metadata.put(key, in.readBytes(length(in, name)));
                }
            }
            byte[] sync = in.readBytes(16);
            return new Header(metadata, sync, in.position());
        } catch (ByteWindow.Truncated e) {
            throw bad(name, "truncated header (" + e.getMessage() + ")");
        }
    }

    private static int length(ByteWindow in, String name) throws IOException {
        long n = in.readLong();
        if (n < 0 || n > in.remaining()) {
            throw bad(name, "a header length of " + n + " bytes does not fit in the file");
        }
        if (n > MAX_METADATA_VALUE) {
            throw bad(
                    name,
                    "a header value of " + n + " bytes is larger than the " + MAX_METADATA_VALUE + " Lumos reads");
        }
        return (int) n;
    }

    static Blocks countRows(ByteWindow in, Header header, String name) throws IOException {
        in.chunk(BLOCK_CHUNK);
        long rows = 0;
        long blocks = 0;
        while (in.remaining() > 0) {
            long start = in.position();
            long count;
            long bytes;
            try {
                count = in.readLong();
                bytes = in.readLong();
            } catch (ByteWindow.Truncated e) {
                // a stray byte or two after the last sync marker: no block starts here
                return new Blocks(rows, blocks, false, in.position() - start + in.remaining());
            }
            if (count < 0 || bytes < 0) {
                throw bad(
                        name,
                        "block " + blocks + " at byte " + start + " has a negative "
                                + (count < 0 ? "record count" : "size") + "; the file is corrupt");
            }
            if (bytes > in.remaining() - 16) {
                return new Blocks(rows, blocks, true, 0);
            }
            in.skip(bytes);
            byte[] sync = in.readBytes(16);
            if (!Arrays.equals(sync, header.sync())) {
                throw bad(
                        name,
                        "the sync marker after block " + blocks + " (byte " + (in.position() - 16)
                                + ") does not match the header's; the file is corrupt");
            }
            try {
                rows = Math.addExact(rows, count);
            } catch (ArithmeticException e) {
                throw bad(name, "block record counts add up past 2^63; the file is corrupt");
            }
            blocks++;
        }
        return new Blocks(rows, blocks, false, 0);
    }

    static LumosException bad(String name, String what) {
        return new LumosException(ErrorCode.BAD_INPUT, name + ": " + what);
    }
}
