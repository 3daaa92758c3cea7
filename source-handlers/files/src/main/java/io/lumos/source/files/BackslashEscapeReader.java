package io.lumos.source.files;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Turns backslash-escaped quotes ({@code \"}) into RFC 4180 doubled quotes ({@code ""}) so FastCSV,
 * which knows only the RFC form, reads files written with backslash escapes.
 */
final class BackslashEscapeReader extends FilterReader {
    private final char quote;
    private int pending = -1;

    BackslashEscapeReader(Reader in, char quote) {
        super(in);
        this.quote = quote;
    }

    @Override
    public int read() throws IOException {
        if (pending >= 0) {
            int c = pending;
            pending = -1;
            return c;
        }
        int c = in.read();
        if (c != '\\') {
            return c;
        }
        int next = in.read();
        if (next == quote) {
            pending = quote;
            return quote;
        }
        if (next >= 0) {
            pending = next;
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            int c = read();
            if (c < 0) {
                return n == 0 ? -1 : n;
            }
            buf[off + n++] = (char) c;
            if (pending < 0 && !in.ready()) {
                break;
            }
        }
        return n;
    }
}
