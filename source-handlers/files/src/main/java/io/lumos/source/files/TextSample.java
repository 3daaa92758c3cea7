package io.lumos.source.files;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.CountingInputStream;
import io.lumos.spi.file.SeekableInput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The first bytes of a text file (decompressed when it ends in .gz), read in growing steps up to a
 * bound, and the encoding they are in. Text readers infer from this prefix and only stream the whole
 * file for a full scan, so a 1 GB file costs what its first rows cost.
 */
final class TextSample {
    /** How the bytes decode, and a note for the user when it was a guess. */
    record Encoding(Charset charset, int bomLength, String note) {}

    private final SeekableInput input;
    private final boolean gzip;
    private final InputStream stream;
    private final CountingInputStream counter;
    private byte[] bytes = new byte[0];
    private int length;
    private boolean eof;

    private TextSample(SeekableInput input) throws IOException {
        this.input = input;
        this.gzip = isGzip(input.name());
        this.counter = new CountingInputStream(input.stream(0));
        this.stream = gzip ? new GZIPInputStream(counter, 1 << 16) : counter;
    }

    static TextSample open(SeekableInput input, int firstBytes) throws IOException {
        TextSample s = new TextSample(input);
        s.growTo(firstBytes);
        return s;
    }

    static boolean isGzip(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** The whole file as a decompressed stream from the start, for full scans. */
    static InputStream openStream(SeekableInput input) throws IOException {
        InputStream raw = input.stream(0);
        return isGzip(input.name()) ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16);
    }

    /** Reads until {@code size} bytes are held or the file ends. */
    void growTo(int size) throws IOException {
        if (eof || size <= length) {
            return;
        }
        bytes = Arrays.copyOf(bytes, size);
        while (length < size) {
            int n = stream.read(bytes, length, size - length);
            if (n < 0) {
                eof = true;
                break;
            }
            length += n;
        }
        if (!eof) {
            // peek one byte so a file of exactly `size` bytes counts as read whole
            int b = stream.read();
            if (b < 0) {
                eof = true;
            } else {
                bytes = Arrays.copyOf(bytes, size + 1);
                bytes[length++] = (byte) b;
            }
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Whether the whole file is held. */
    boolean complete() {
        return eof;
    }

    boolean gzip() {
        return gzip;
    }

    /** Raw (possibly compressed) bytes consumed so far, to extrapolate row counts. */
    long rawBytesRead() {
        return counter.count();
    }

    String name() {
        return input.name();
    }

    void close() throws IOException {
        stream.close();
    }

    /**
     * The encoding: the configured one, else a BOM, else UTF-16 told by its zero bytes, else UTF-8
     * when the bytes are valid UTF-8, else windows-1252 with a note. Binary data fails.
     */
    Encoding encoding(String configured) {
        int bom = bomLength();
        if (configured != null && !configured.isBlank()) {
            Charset cs = charset(configured);
            int skip = bomMatches(cs) ? bom : 0;
            if (cs.equals(StandardCharsets.UTF_8)) {
                // asked for UTF-8: bytes that are not UTF-8 are an error, not a guess
                int bad = firstInvalidUtf8(bytes, skip, length, !eof);
                if (bad >= 0) {
                    throw new LumosException(
                            ErrorCode.BAD_INPUT,
                            "line %d: not valid UTF-8 (byte 0x%02X at offset %d); fix the file or set `encoding:` to its encoding"
                                    .formatted(lineOf(bad), bytes[bad] & 0xff, bad));
                }
            }
            return new Encoding(cs, skip, null);
        }
        if (bom > 0) {
            return new Encoding(bomCharset(), bom, null);
        }
        int probe = Math.min(length, 8192);
        int zeroEven = 0;
        int zeroOdd = 0;
        int controls = 0;
        int firstZero = -1;
        for (int i = 0; i < probe; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0) {
                if ((i & 1) == 0) {
                    zeroEven++;
                } else {
                    zeroOdd++;
                }
                if (firstZero < 0) {
                    firstZero = i;
                }
            } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) {
                controls++;
            }
        }
        int half = probe / 2;
        if (half > 0 && zeroOdd > half * 0.3 && zeroEven < half * 0.05) {
            return new Encoding(StandardCharsets.UTF_16LE, 0, null);
        }
        if (half > 0 && zeroEven > half * 0.3 && zeroOdd < half * 0.05) {
            return new Encoding(StandardCharsets.UTF_16BE, 0, null);
        }
        if (firstZero >= 0 || controls > probe / 20) {
            String where = firstZero >= 0 ? "a NUL byte at offset " + firstZero : controls + " control bytes";
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    "looks binary, not text (" + where + "); exclude it, or fix its extension if it is another format");
        }
        int bad = firstInvalidUtf8(bytes, 0, length, !eof);
        if (bad < 0) {
            return new Encoding(StandardCharsets.UTF_8, 0, null);
        }
        Charset fallback = Charset.forName("windows-1252");
        return new Encoding(
                fallback,
                0,
                "not valid UTF-8 (byte 0x%02X at offset %d, line %d); read as windows-1252, set `encoding:` to choose another"
                        .formatted(bytes[bad] & 0xff, bad, lineOf(bad)));
    }

    private int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private int bomLength() {
        if (length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return 3;
        }
        if (length >= 2
                && (((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE)
                        || ((bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF))) {
            return 2;
        }
        return 0;
    }

    private Charset bomCharset() {
        int b0 = bytes[0] & 0xff;
        if (b0 == 0xEF) {
            return StandardCharsets.UTF_8;
        }
        return b0 == 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
    }

    private boolean bomMatches(Charset cs) {
        int bom = bomLength();
        if (bom == 0) {
            return false;
        }
        Charset b = bomCharset();
        return b.equals(cs) || (cs.equals(StandardCharsets.UTF_16) && !b.equals(StandardCharsets.UTF_8));
    }

    static Charset charset(String name) {
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    "unknown encoding '" + name + "'; use a Java charset name such as UTF-8, UTF-16, windows-1252");
        }
    }

    /**
     * The offset of the first byte that breaks UTF-8, or -1. With {@code truncated}, a sequence cut
     * off by the end of the buffer is fine.
     */
    static int firstInvalidUtf8(byte[] b, int from, int to, boolean truncated) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return i;
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                if (i + k >= to) {
                    return truncated ? -1 : i;
                }
                int cc = b[i + k] & 0xff;
                if ((cc & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }
}
