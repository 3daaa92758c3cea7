package io.lumos.spi.file;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The format of a file whose name does not say (Hive's {@code 000000_0}, Spark's {@code part-00000}),
 * from its first bytes: Parquet's and Avro's magic numbers, then JSON (one document, or one per
 * line), then delimited text whose lines agree on a delimiter. Used by the file and S3 sources.
 */
public final class FormatSniffer {
    /** How many bytes of the head of a file {@link #sniff} wants. */
    public static final int HEAD_BYTES = 8192;

    private static final char[] DELIMITERS = {',', '\t', ';', '|'};

    private FormatSniffer() {}

    /**
     * The extension (with the dot: {@code .parquet}, {@code .avro}, {@code .jsonl}, {@code .json},
     * {@code .tsv}, {@code .csv}) of the format the head of a file shows, or empty when none does.
     *
     * @param complete the head is the whole file (its last line is whole)
     */
    public static Optional<String> sniff(byte[] head, boolean complete) {
        if (startsWith(head, new byte[] {'P', 'A', 'R', '1'})) {
            return Optional.of(".parquet");
        }
        if (startsWith(head, new byte[] {'O', 'b', 'j', 1})) {
            return Optional.of(".avro");
        }
        String text = text(head, complete);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<String> lines = lines(text, complete);
        String first = text.stripLeading();
        if (first.startsWith("{") || first.startsWith("[")) {
            boolean everyLineAnObject = lines.size() > 1;
            for (String line : lines) {
                String l = line.strip();
                everyLineAnObject &= l.isEmpty() || (l.startsWith("{") && l.endsWith("}"));
            }
            return Optional.of(everyLineAnObject ? ".jsonl" : ".json");
        }
        if (lines.size() < 2) {
            return Optional.empty();
        }
        for (char d : DELIMITERS) {
            if (agree(lines, d)) {
                return Optional.of(d == '\t' ? ".tsv" : ".csv");
            }
        }
        return Optional.empty();
    }

    /** The reader for a file's head, among {@code readers}, or empty. */
    public static Optional<FileFormatReader> readerFor(List<FileFormatReader> readers, byte[] head, boolean complete) {
        return sniff(head, complete).flatMap(ext -> FileFormatReader.find(readers, "file" + ext));
    }

    /** The extension a {@code default_extension} setting names, with a dot and in lower case. */
    public static String extension(String setting) {
        String e = setting.strip().toLowerCase(Locale.ROOT);
        return e.startsWith(".") ? e : "." + e;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 text without NUL bytes, or null for binary; a cut multi-byte character at the end is dropped. */
    private static String text(byte[] head, boolean complete) {
        int end = head.length;
        if (!complete) {
            // do not fail on a character the head cut in two
            int back = 0;
            while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0xC0) {
                end = end - back - 1;
            }
        }
        for (int i = 0; i < end; i++) {
            if (head[i] == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, end))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whole lines only: the last one of a head that is not the whole file may be cut. */
    private static List<String> lines(String text, boolean complete) {
        List<String> out = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!complete && out.size() > 1) {
            out.remove(out.size() - 1);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Every line has the same number (at least one) of the delimiter outside double quotes. */
    private static boolean agree(List<String> lines, char d) {
        int expected = -1;
        for (String line : lines.subList(0, Math.min(lines.size(), 50))) {
            int n = 0;
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == d && !quoted) {
                    n++;
                }
            }
            if (n == 0 || (expected >= 0 && n != expected)) {
                return false;
            }
            expected = n;
        }
        return expected > 0;
    }
}
