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
    /** Bytes of a field kept: enough for any number, date or timestamp the profiles accept. */
    private static final int HEAD = 48;

    private static final int TOKEN = 8;

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

    /** Column profiles from the sample, narrowed further by every value of the file; null: count only. */
    private final ColumnProfile[] profiles;

    private final int[] kinds;
    private int typed;

    ByteScanner(
            char delim,
            char quote,
            char comment,
            int skipLines,
            boolean header,
            int width,
            Set<String> nulls,
            int maxRecord) {
        this(delim, quote, comment, skipLines, header, width, nulls, maxRecord, null);
    }

    ByteScanner(
            char delim,
            char quote,
            char comment,
            int skipLines,
            boolean header,
            int width,
            Set<String> nulls,
            int maxRecord,
            ColumnProfile[] profiles) {
        this.profiles = profiles;
        this.kinds = new int[width];
        if (profiles != null) {
            for (int i = 0; i < width && i < profiles.length; i++) {
                kinds[i] = profiles[i].kind();
                if (kinds[i] != 0) {
                    typed++;
                }
            }
        }
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
                .filter(t -> !t.isEmpty() && t.length() <= TOKEN)
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
        if (!skipHeader && field < hasNull.length) {
            boolean isNull = (nullsLeft > 0 || typed > 0) && isNull();
            if (isNull) {
                if (!hasNull[field]) {
                    hasNull[field] = true;
                    nullsLeft--;
                }
            } else if (typed > 0 && kinds[field] != 0) {
                check(field);
            }
        }
        fieldLen = 0;
        fieldQuoted = false;
    }

    /**
     * Whether a value still fits its column's type: exact byte checks for the common spellings
     * (plain integers and decimals, ISO dates and timestamps, true/false), and the sample's own
     * inference for anything else, which widens the column as it would have in the sample.
     */
    private void check(int col) {
        int kind = kinds[col];
        if (fieldLen <= HEAD && fast(kind, profiles[col])) {
            return;
        }
        ColumnProfile p = profiles[col];
        if (fieldLen > HEAD) {
            p.accept("\u0000");
        } else {
            p.accept(new String(head, 0, fieldLen, java.nio.charset.StandardCharsets.ISO_8859_1).strip());
        }
        kinds[col] = p.kind();
        if (kinds[col] == 0) {
            typed--;
        }
    }

    private boolean fast(int kind, ColumnProfile p) {
        byte[] h = head;
        int n = fieldLen;
        int i = n > 0 && (h[0] == '-' || h[0] == '+') ? 1 : 0;
        switch (kind) {
            case ColumnProfile.INT -> {
                int digits = n - i;
                if (digits < 1 || digits > 18 || (digits > 1 && h[i] == '0')) {
                    return false;
                }
                for (; i < n; i++) {
                    if (h[i] < '0' || h[i] > '9') {
                        return false;
                    }
                }
                return true;
            }
            case ColumnProfile.DECIMAL, ColumnProfile.FLOAT -> {
                int start = i;
                while (i < n && h[i] >= '0' && h[i] <= '9') {
                    i++;
                }
                int intDigits = i - start;
                if (intDigits > 1 && h[start] == '0') {
                    return false;
                }
                int scale = 0;
                if (i < n && h[i] == '.') {
                    int f = ++i;
                    while (i < n && h[i] >= '0' && h[i] <= '9') {
                        i++;
                    }
                    scale = i - f;
                }
                if (i != n || intDigits + scale == 0) {
                    return false;
                }
                return kind == ColumnProfile.FLOAT || (intDigits <= p.maxIntDigits() && scale <= p.maxScale());
            }
            case ColumnProfile.BOOL -> {
                return (n == 4
                                && (h[0] | 0x20) == 't'
                                && (h[1] | 0x20) == 'r'
                                && (h[2] | 0x20) == 'u'
                                && (h[3] | 0x20) == 'e')
                        || (n == 5
                                && (h[0] | 0x20) == 'f'
                                && (h[1] | 0x20) == 'a'
                                && (h[2] | 0x20) == 'l'
                                && (h[3] | 0x20) == 's'
                                && (h[4] | 0x20) == 'e');
            }
            case ColumnProfile.DATE -> {
                return n == 10 && isoDate(h);
            }
            case ColumnProfile.TIMESTAMP -> {
                if (n < 16
                        || !isoDate(h)
                        || (h[10] != ' ' && h[10] != 'T')
                        || !digits(h, 11, 13)
                        || h[13] != ':'
                        || !digits(h, 14, 16)) {
                    return false;
                }
                for (int k = 16; k < n; k++) {
                    byte b = h[k];
                    if ((b < '0' || b > '9') && b != ':' && b != '.') {
                        return false;
                    }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean isoDate(byte[] h) {
        return digits(h, 0, 4)
                && h[4] == '-'
                && digits(h, 5, 7)
                && h[7] == '-'
                && digits(h, 8, 10)
                && (h[5] == '0' || (h[5] == '1' && h[6] <= '2'))
                && h[8] <= '3';
    }

    private static boolean digits(byte[] h, int from, int to) {
        for (int k = from; k < to; k++) {
            if (h[k] < '0' || h[k] > '9') {
                return false;
            }
        }
        return true;
    }

    private boolean isNull() {
        if (fieldLen == 0) {
            return true;
        }
        if (fieldLen > HEAD) {
            return false;
        }
        if (fieldLen > TOKEN && head[0] > ' ' && head[fieldLen - 1] > ' ') {
            // longer than any null token and not padded: the common case, decided in two reads
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
