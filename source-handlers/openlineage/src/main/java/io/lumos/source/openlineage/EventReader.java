package io.lumos.source.openlineage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads the events of one file, one at a time, so that memory holds one event and never the file.
 * JSON lines (one event per line, {@code .jsonl}, {@code .ndjson}, or a {@code .json} file whose
 * first line is a whole event) are split on newlines as bytes and each line handed on as it is: a
 * malformed line is reported with its number and the next line is read. Other JSON (one event, pretty-printed; an array of events; events one
 * after another) is read with Jackson's streaming parser, element by element; a syntax error there
 * ends the file, since nothing after it can be trusted. {@code .gz} files are read through gzip.
 */
final class EventReader {
    /** Where events and problems go. */
    interface Handler {
        /** One event's bytes in {@code bytes[0..length)}; the array is reused for the next event. */
        void event(byte[] bytes, int length, int line);

        void malformed(int line, String message);
    }

    private final ObjectMapper mapper;

    EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void read(Path file, Handler handler) throws IOException {
        try (InputStream in = open(file)) {
            BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
            if (isJsonLines(file, buffered)) {
                readLines(buffered, handler);
            } else {
                readValues(buffered, handler);
            }
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                ? new GZIPInputStream(in, 1 << 16)
                : in;
    }

    /** JSON lines by name, or by content: the first line is a complete JSON object. */
    private boolean isJsonLines(Path file, BufferedInputStream in) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return true;
        }
        int limit = 1 << 20;
        in.mark(limit);
        try {
            byte[] head = in.readNBytes(limit);
            int start = 0;
            while (start < head.length && Character.isWhitespace(head[start])) {
                start++;
            }
            if (start >= head.length || head[start] != '{') {
                return false;
            }
            int end = start;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            try {
                JsonNode first = mapper.readTree(new String(head, start, end - start, StandardCharsets.UTF_8));
                return first != null && first.isObject();
            } catch (JsonProcessingException e) {
                return false;
            }
        } finally {
            in.reset();
        }
    }

    /** Splits the stream on newlines without decoding it; each line is copied to offset 0 of one buffer. */
    private static void readLines(InputStream in, Handler handler) throws IOException {
        byte[] buf = new byte[1 << 16];
        byte[] line = new byte[1 << 14];
        int len = 0;
        int lineStart = 0;
        int scan = 0;
        int number = 0;
        while (true) {
            int nl = newline(buf, scan, len);
            if (nl >= 0) {
                number++;
                line = emit(buf, lineStart, nl, line, number, handler);
                lineStart = nl + 1;
                scan = lineStart;
                continue;
            }
            if (lineStart > 0) {
                System.arraycopy(buf, lineStart, buf, 0, len - lineStart);
                len -= lineStart;
                lineStart = 0;
            }
            if (len == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            scan = len;
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                if (len > 0) {
                    emit(buf, 0, len, line, number + 1, handler);
                }
                return;
            }
            len += n;
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';

    /** The first '\n' in {@code buf[from..to)}, or -1: eight bytes at a time (a line is kilobytes). */
    static int newline(byte[] buf, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(buf, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] emit(byte[] buf, int from, int to, byte[] line, int number, Handler handler) {
        int end = to;
        if (end > from && buf[end - 1] == '\r') {
            end--;
        }
        boolean blank = true;
        for (int i = from; i < end && blank; i++) {
            blank = buf[i] == ' ' || buf[i] == '\t';
        }
        if (blank) {
            return line;
        }
        byte[] out = line.length >= end - from ? line : new byte[Math.max(end - from, line.length * 2)];
        System.arraycopy(buf, from, out, 0, end - from);
        handler.event(out, end - from, number);
        return out;
    }

    private void readValues(InputStream in, Handler handler) throws IOException {
        JsonFactory factory = mapper.getFactory();
        try (JsonParser p = factory.createParser(in)) {
            JsonToken t = p.nextToken();
            boolean array = t == JsonToken.START_ARRAY;
            if (array) {
                t = p.nextToken();
            }
            while (t != null && !(array && t == JsonToken.END_ARRAY)) {
                int line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    handler.malformed(
                            line, "not an OpenLineage event (a JSON object expected, found " + describe(t) + ")");
                    p.skipChildren();
                } else {
                    JsonNode event = mapper.readTree(p);
                    byte[] bytes = mapper.writeValueAsBytes(event);
                    handler.event(bytes, bytes.length, line);
                }
                t = p.nextToken();
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            handler.malformed(line, "not valid JSON: " + reason(e) + "; the rest of the file is skipped");
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    /** Jackson's message without the source excerpt and location it appends. */
    static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "unreadable";
        }
        int nl = m.indexOf('\n');
        String first = nl > 0 ? m.substring(0, nl) : m;
        int marker = first.indexOf(" (start marker at");
        return (marker > 0 ? first.substring(0, marker) : first).strip();
    }
}
