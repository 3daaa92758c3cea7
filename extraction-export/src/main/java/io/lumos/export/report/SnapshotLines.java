package io.lumos.export.report;

import io.lumos.domain.diff.Finding;
import io.lumos.spi.report.ReportOptions;
import io.lumos.spi.report.SnapshotLineIndex;
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
    private final SnapshotLineIndex recorded;

    private SnapshotLines() {
        this.recorded = null;
    }

    private SnapshotLines(SnapshotLineIndex recorded) {
        this.recorded = recorded;
    }

    /** The lines recorded while the snapshot was read, else those found by scanning its file. */
    static SnapshotLines of(ReportOptions options, List<Finding> findings) {
        if (options.lines() != null) {
            return new SnapshotLines(options.lines());
        }
        return index(options.currentSnapshot(), findings);
    }

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
        Map<String, Set<String>> wanted = new HashMap<>();
        for (Finding f : findings) {
            wanted.computeIfAbsent(f.dataset().urn(), k -> new HashSet<>()).add(f.path());
        }
        // Scans bytes, not decoded lines: a 100 MB snapshot has millions of lines and only the
        // "id" and "path" ones of datasets with findings are decoded (as BufferedReader.readLine
        // splits them: at \n, \r or \r\n). Lines are looked at where they lie in the read buffer.
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            int end = 0; // bytes in buf
            int start = 0; // where the current line starts
            int n = 0; // lines ended so far
            boolean afterCr = false;
            String[] current = {null};
            int read;
            while ((read = in.read(buf, end, buf.length - end)) > 0) {
                int i = end;
                end += read;
                for (; i < end; i++) {
                    byte c = buf[i];
                    if (c != '\n' && c != '\r') {
                        continue;
                    }
                    if (c == '\n' && afterCr && i == start) {
                        afterCr = false; // the \n of a \r\n
                        start = i + 1;
                        continue;
                    }
                    afterCr = c == '\r';
                    n++;
                    out.line(buf, start, i, n, wanted, current);
                    start = i + 1;
                }
                // keep the unfinished line; grow only when one line fills the whole buffer
                int rest = end - start;
                if (start == 0 && end == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                } else {
                    System.arraycopy(buf, start, buf, 0, rest);
                }
                start = 0;
                end = rest;
            }
            if (end > start) {
                out.line(buf, start, end, n + 1, wanted, current);
            }
        } catch (IOException | RuntimeException e) {
            return new SnapshotLines();
        }
        return out;
    }

    /** One line: {@code "id" : "urn..."} starts a dataset, {@code "path" : "..."} is one of its fields. */
    private void line(byte[] b, int begin, int len, int n, Map<String, Set<String>> wanted, String[] current) {
        int i = begin;
        while (i < len && isSpace(b[i])) {
            i++;
        }
        if (i + 1 >= len || b[i] != '"' || (b[i + 1] != 'i' && b[i + 1] != 'p')) {
            return; // most lines: not an "id" or a "path"
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
                current[0] = wanted.containsKey(value) ? value : null;
                if (current[0] != null) {
                    datasetLine.putIfAbsent(current[0], n);
                }
            }
        } else if (wanted.get(current[0]).contains(value)) {
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
        if (recorded != null) {
            int l = f.path().isEmpty() ? 0 : recorded.fieldLine(f.dataset(), f.path());
            return l > 0 ? l : recorded.datasetLine(f.dataset());
        }
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
