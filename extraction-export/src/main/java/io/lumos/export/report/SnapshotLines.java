package io.lumos.export.report;

import io.lumos.domain.diff.Finding;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line numbers of datasets and fields in a pretty-printed snapshot (the layout {@code snapshot
 * export} writes: one key per line), found by scanning the text once. Only datasets that have
 * findings are indexed, so a large snapshot costs one pass and little memory.
 */
final class SnapshotLines {
    private static final Pattern KEY = Pattern.compile("^\\s*\"(id|path)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
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
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            String current = null;
            while ((line = r.readLine()) != null) {
                n++;
                // Cheap test first: only "id" and "path" lines matter.
                int q = line.indexOf('"');
                if (q < 0 || !(line.startsWith("\"id\"", q) || line.startsWith("\"path\"", q))) {
                    continue;
                }
                Matcher m = KEY.matcher(line);
                if (!m.find()) {
                    continue;
                }
                String value = unescape(m.group(2));
                if (m.group(1).equals("id")) {
                    if (value.startsWith(DATASET_URN)) {
                        current = wanted.contains(value) ? value : null;
                        if (current != null) {
                            out.datasetLine.putIfAbsent(current, n);
                        }
                    }
                } else if (current != null) {
                    out.fieldLine.putIfAbsent(current + '\u0000' + value, n);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new SnapshotLines();
        }
        return out;
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
