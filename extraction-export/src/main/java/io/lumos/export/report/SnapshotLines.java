package io.lumos.export.report;

import io.lumos.domain.diff.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Line numbers of datasets and fields in a pretty-printed snapshot (the layout {@code snapshot
 * export} writes: one key per line), found by scanning the text once. Only datasets that have
 * findings are indexed, so a large snapshot costs one pass and little memory.
 */
final class SnapshotLines {
    private static final String DATASET_URN = "urn:li:dataset:";

    private final Map<String, Integer> datasetLine = new HashMap<>();
    private final Map<String, Integer> fieldLine = new HashMap<>();

    private SnapshotLines() {}

    static SnapshotLines none() {
        return new SnapshotLines();
    }

    // The writers of one run index the same file for the same findings: scan it once.
    private static Path lastFile;
    private static long lastModified;
    private static List<Finding> lastFindings;
    private static SnapshotLines last;

    /** Indexes {@code file}; an unreadable or non-snapshot file just gives no lines. */
    static synchronized SnapshotLines index(Path file, List<Finding> findings) {
        if (file == null || !Files.isRegularFile(file)) {
            return new SnapshotLines();
        }
        long modified;
        try {
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return new SnapshotLines();
        }
        if (file.equals(lastFile) && modified == lastModified && findings == lastFindings) {
            return last;
        }
        last = scan(file, findings);
        lastFile = file;
        lastModified = modified;
        lastFindings = findings;
        return last;
    }

    private static SnapshotLines scan(Path file, List<Finding> findings) {
        SnapshotLines out = new SnapshotLines();
        Set<String> wanted = new HashSet<>();
        for (Finding f : findings) {
            wanted.add(f.dataset().urn());
        }
        // Scans bytes, not decoded lines: a 100 MB snapshot has millions of lines and only the
        // "id" and "path" ones of datasets with findings are decoded (as BufferedReader.readLine
        // splits them: at \n, \r or \r\n).
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            byte[] line = new byte[256];
            int len = 0;
            int n = 0;
            boolean afterCr = false;
            boolean pending = false;
            String[] current = {null};
            int read;
            while ((read = in.read(buf)) > 0) {
                for (int i = 0; i < read; i++) {
                    byte b = buf[i];
                    if (b == '\n' || b == '\r') {
                        if (b == '\n' && afterCr) {
                            afterCr = false;
                            continue;
                        }
                        afterCr = b == '\r';
                        n++;
                        out.line(line, len, n, wanted, current);
                        len = 0;
                        pending = false;
                        continue;
                    }
                    afterCr = false;
                    pending = true;
                    if (len == line.length) {
                        line = Arrays.copyOf(line, len * 2);
                    }
                    line[len++] = b;
                }
            }
            if (pending) {
                out.line(line, len, n + 1, wanted, current);
            }
        } catch (IOException | RuntimeException e) {
            return new SnapshotLines();
        }
        return out;
    }

    /** One line: {@code "id" : "urn..."} starts a dataset, {@code "path" : "..."} is one of its fields. */
    private void line(byte[] b, int len, int n, Set<String> wanted, String[] current) {
        int i = 0;
        while (i < len && isSpace(b[i])) {
            i++;
        }
        boolean id;
        if (startsWith(b, len, i, ID)) {
            id = true;
            i += ID.length;
        } else if (startsWith(b, len, i, PATH)) {
            id = false;
            i += PATH.length;
        } else {
            return;
        }
        if (!id && current[0] == null) {
            return; // a field of a dataset without findings
        }
        while (i < len && isSpace(b[i])) {
            i++;
        }
        if (i == len || b[i++] != ':') {
            return;
        }
        while (i < len && isSpace(b[i])) {
            i++;
        }
        if (i == len || b[i++] != '"') {
            return;
        }
        int from = i;
        boolean escaped = false;
        while (true) {
            if (i == len) {
                return; // no closing quote
            }
            byte c = b[i];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                escaped = true;
                if (i + 1 == len) {
                    return;
                }
                i++;
            }
            i++;
        }
        String raw = new String(b, from, i - from, StandardCharsets.UTF_8);
        String value = escaped ? unescape(raw) : raw;
        if (id) {
            if (value.startsWith(DATASET_URN)) {
                current[0] = wanted.contains(value) ? value : null;
                if (current[0] != null) {
                    datasetLine.putIfAbsent(current[0], n);
                }
            }
        } else {
            fieldLine.putIfAbsent(current[0] + '\u0000' + value, n);
        }
    }

    private static final byte[] ID = "\"id\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PATH = "\"path\"".getBytes(StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] b, int len, int at, byte[] prefix) {
        if (len - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** What {@code \\s} matches. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f';
    }

    /** The line of the finding's field, else of its dataset, else 0 (unknown). */
    int line(Finding f) {
        String urn = f.dataset().urn();
        if (!f.path().isEmpty()) {
            Integer l = fieldLine.get(urn + '\u0000' + f.path());
            if (l != null) {
                return l;
            }
        }
        return datasetLine.getOrDefault(urn, 0);
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'u' -> {
                        if (i + 4 < s.length()) {
                            out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                    }
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
