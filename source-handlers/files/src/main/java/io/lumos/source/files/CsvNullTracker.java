package io.lumos.source.files;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.Arrays;
import java.util.Set;

/** Counts data records and notes which columns hold a null, from FastCSV's char buffers. */
final class CsvNullTracker extends AbstractBaseCsvCallbackHandler<Object> {
    final boolean[] hasNull;
    private final char[][] tokens;
    private boolean skipHeader;
    long records;

    CsvNullTracker(int width, Set<String> nulls, boolean header) {
        hasNull = new boolean[width];
        tokens = nulls.stream().map(String::toCharArray).toArray(char[][]::new);
        skipHeader = header;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
        if (!skipHeader && index < hasNull.length && !hasNull[index] && isNull(buf, offset, len)) {
            hasNull[index] = true;
        }
    }

    private boolean isNull(char[] buf, int offset, int len) {
        int from = offset;
        int to = offset + len;
        while (from < to && buf[from] <= ' ') {
            from++;
        }
        while (to > from && buf[to - 1] <= ' ') {
            to--;
        }
        int n = to - from;
        if (n > 4) {
            return false;
        }
        for (char[] t : tokens) {
            if (t.length == n && Arrays.equals(t, 0, n, buf, from, to)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Object buildRecord() {
        if (getRecordType() != RecordType.DATA) {
            return null;
        }
        if (skipHeader) {
            skipHeader = false;
            return null;
        }
        records++;
        for (int i = getFieldCount(); i < hasNull.length; i++) {
            hasNull[i] = true;
        }
        return null;
    }
}
