package io.lumos.source.files;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * The full-scan counter for ASCII-compatible files with one-byte delimiter and quote: counts
 * records and notes which columns hold a null, straight from the bytes, with the same quoting rules
 * as FastCSV (a quote opens a quoted field only at the field's start, a doubled quote inside is a
 * quote, CR, LF and CRLF end records, blank lines are skipped). It never decodes or builds a
 * string, which is what makes a full scan run at disk speed; the schema itself still comes from
 * FastCSV on the sample.
 */
final class ByteScanner {
    private static final int HEAD = 8;

    private final byte delim;
    private final byte quote;
    private final byte comment;
    private final byte[][] tokens;
    private final int maxRecord;
    /** Bytes that end a run of plain field bytes outside quotes. */
    private final boolean[] special = new boolean[256];

    final boolean[] hasNull;
    long records;

    // parse state, kept across buffer boundaries
    private int nullsLeft;
    private int field;
    private int fieldLen;
    private final byte[] head = new byte[HEAD];
    private boolean fieldQuoted;
    private boolean inQuote;
    private boolean quotePending;
    private boolean afterCr;
    private boolean recordStarted;
    private boolean inComment;
    private boolean skipHeader;
    private int skipLines;
    private long recordBytes;
    private long line = 1;
    private long recordLine = 1;

    ByteScanner(
            char delim,
            char quote,
            char comment,
            int skipLines,
            boolean header,
            int width,
            Set<String> nulls,
            int maxRecord) {
        this.delim = (byte) delim;
        this.quote = (byte) quote;
        this.comment = (byte) comment;
        this.skipLines = skipLines;
        this.skipHeader = header;
        this.hasNull = new boolean[width];
        this.nullsLeft = width;
        this.maxRecord = maxRecord;
        for (int b : new int[] {delim, quote, '\n', '\r'}) {
            special[b & 0xff] = true;
        }
        if (comment != 0) {
            special[comment & 0xff] = true;
        }
        this.tokens = nulls.stream()
                .filter(t -> !t.isEmpty() && t.length() <= HEAD)
                .map(t -> t.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .toArray(byte[][]::new);
    }

    /** Whether this scanner reads a dialect exactly as FastCSV would. */
    static boolean supports(java.nio.charset.Charset cs, CsvSniffer.Dialect d) {
        String name = cs.name();
        boolean asciiCompatible = name.equals("UTF-8")
                || name.equals("windows-1252")
                || name.equals("ISO-8859-1")
                || name.equals("US-ASCII");
        return asciiCompatible
                && d.delimiter().length() == 1
                && d.delimiter().charAt(0) < 0x80
                && d.quote() < 0x80
                && d.escape() == 0;
    }

    void scan(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 20];
        int n;
        while ((n = in.read(buf)) > 0) {
            feed(buf, n);
        }
        if (recordStarted || field > 0 || fieldLen > 0 || fieldQuoted) {
            endRecord();
        }
    }

    private void feed(byte[] buf, int n) {
        final boolean[] stop = special;
        final byte q = quote;
        int i = 0;
        while (i < n) {
            if (afterCr || skipLines > 0 || inComment || quotePending) {
                step(buf[i++]);
                continue;
            }
            int start = i;
            if (inQuote) {
                // the hot loop inside quotes: only a quote or a newline matters
                while (i < n) {
                    byte b = buf[i];
                    if (b == q || b == '\n') {
                        break;
                    }
                    i++;
                }
            } else {
                // the hot loop outside quotes: run to the next delimiter, line end, quote or comment
                while (i < n && !stop[buf[i] & 0xff]) {
                    i++;
                }
                if (i > start) {
                    recordStarted = true;
                }
            }
            if (i > start) {
                run(buf, start, i - start);
            }
            if (i < n) {
                step(buf[i++]);
            }
        }
    }

    /** One byte through the full state machine: line ends, quotes, delimiters, comments, skips. */
    private void step(byte b) {
        final byte d = delim;
        final byte q = quote;
        if (afterCr) {
            afterCr = false;
            if (b == '\n') {
                return;
            }
        }
        if (skipLines > 0 || inComment) {
            if (b == '\n' || b == '\r') {
                afterCr = b == '\r';
                line++;
                if (inComment) {
                    inComment = false;
                } else {
                    skipLines--;
                }
                recordLine = line;
            }
            return;
        }
        if (quotePending) {
            quotePending = false;
            if (b == q) {
                content(b);
                return;
            }
            inQuote = false;
        }
        if (inQuote) {
            if (b == q) {
                quotePending = true;
            } else {
                if (b == '\n') {
                    line++;
                }
                content(b);
            }
            return;
        }
        if (b == d) {
            recordStarted = true;
            endField();
            field++;
        } else if (b == '\n' || b == '\r') {
            afterCr = b == '\r';
            line++;
            endRecord();
        } else if (b == q && fieldLen == 0 && !fieldQuoted) {
            inQuote = true;
            fieldQuoted = true;
            recordStarted = true;
        } else if (b == comment && comment != 0 && !recordStarted && fieldLen == 0) {
            inComment = true;
        } else {
            recordStarted = true;
            content(b);
        }
    }

    /** A run of plain field bytes. */
    private void run(byte[] buf, int off, int len) {
        if (fieldLen < HEAD) {
            System.arraycopy(buf, off, head, fieldLen, Math.min(len, HEAD - fieldLen));
        }
        fieldLen += len;
        recordBytes += len;
        if (recordBytes > maxRecord) {
            tooLong();
        }
    }

    private void content(byte b) {
        if (fieldLen < HEAD) {
            head[fieldLen] = b;
        }
        fieldLen++;
        if (++recordBytes > maxRecord) {
            tooLong();
        }
    }

    private void tooLong() {
        throw new LumosException(
                ErrorCode.BAD_INPUT,
                "line %d: a record is longer than %s (max_record_bytes); check it is really CSV, or raise max_record_bytes"
                        .formatted(recordLine, CsvFormatReader.mib(maxRecord)));
    }

    private void endField() {
        if (nullsLeft > 0 && !skipHeader && field < hasNull.length && !hasNull[field] && isNull()) {
            hasNull[field] = true;
            nullsLeft--;
        }
        fieldLen = 0;
        fieldQuoted = false;
    }

    private boolean isNull() {
        if (fieldLen == 0) {
            return true;
        }
        if (fieldLen > HEAD) {
            return false;
        }
        int from = 0;
        int to = fieldLen;
        while (from < to && (head[from] == ' ' || head[from] == '\t')) {
            from++;
        }
        while (to > from && (head[to - 1] == ' ' || head[to - 1] == '\t')) {
            to--;
        }
        if (from == to) {
            return true;
        }
        for (byte[] t : tokens) {
            if (t.length == to - from && java.util.Arrays.equals(t, 0, t.length, head, from, to)) {
                return true;
            }
        }
        return false;
    }

    private void endRecord() {
        if (!recordStarted && field == 0 && fieldLen == 0 && !fieldQuoted) {
            // a blank line
            recordBytes = 0;
            recordLine = line;
            return;
        }
        endField();
        if (skipHeader) {
            skipHeader = false;
        } else {
            records++;
            for (int f = field + 1; f < hasNull.length && nullsLeft > 0; f++) {
                if (!hasNull[f]) {
                    hasNull[f] = true;
                    nullsLeft--;
                }
            }
        }
        field = 0;
        recordStarted = false;
        recordBytes = 0;
        recordLine = line;
    }
}
