package io.lumos.json;

import io.lumos.domain.DatasetId;
import io.lumos.spi.report.SnapshotLineIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the lines of dataset ids and field paths while {@link ModelJson#readSnapshot(
 * java.io.InputStream, String, SnapshotLineRecorder)} parses a snapshot (Jackson counts lines as it
 * goes, \n, \r and \r\n each ending one). The field paths are the strings the model holds, so this
 * costs two small arrays per dataset.
 */
public final class SnapshotLineRecorder implements SnapshotLineIndex {
    private record Lines(int idLine, String[] paths, int[] lines, Map<String, Integer> byPath) {
        int line(String path) {
            if (byPath != null) {
                Integer l = byPath.get(path);
                return l == null ? 0 : l;
            }
            for (int i = 0; i < paths.length; i++) {
                if (paths[i].equals(path)) {
                    return lines[i];
                }
            }
            return 0;
        }
    }

    private final Map<DatasetId, Lines> datasets = new ConcurrentHashMap<>();
    // the dataset being parsed
    private final List<String> paths = new ArrayList<>();
    private int[] lines = new int[64];

    void beginDataset() {
        paths.clear();
    }

    void field(String path, int line) {
        if (path == null || line <= 0) {
            return;
        }
        if (paths.size() == lines.length) {
            lines = Arrays.copyOf(lines, lines.length * 2);
        }
        lines[paths.size()] = line;
        paths.add(path);
    }

    void endDataset(DatasetId id, int idLine) {
        String[] p = paths.toArray(new String[0]);
        int[] l = Arrays.copyOf(lines, p.length);
        Map<String, Integer> byPath = null;
        if (p.length > 32) {
            // wide (or deeply nested) datasets: look paths up by hash, first occurrence wins
            byPath = new HashMap<>();
            for (int i = 0; i < p.length; i++) {
                byPath.putIfAbsent(p[i], l[i]);
            }
        }
        datasets.putIfAbsent(id, new Lines(idLine, p, l, byPath));
        paths.clear();
    }

    @Override
    public int datasetLine(DatasetId dataset) {
        Lines l = datasets.get(dataset);
        return l == null ? 0 : l.idLine();
    }

    @Override
    public int fieldLine(DatasetId dataset, String path) {
        Lines l = datasets.get(dataset);
        return l == null ? 0 : l.line(path);
    }
}
