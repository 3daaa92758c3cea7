package io.lumos.json;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.DatasetId;
import io.lumos.spi.report.SnapshotLineIndex;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the {@code line:column} of dataset ids and field paths while {@link
 * ModelJson#readSnapshot(InputStream, String, SnapshotLineRecorder)} parses a snapshot (Jackson
 * counts lines as it goes, \n, \r and \r\n each ending one; columns count the line's characters, or
 * its bytes when the file is read as bytes, which is the same before a key of a pretty-printed
 * snapshot). The field paths are the strings the model holds, so this costs three small arrays per
 * dataset.
 */
public final class SnapshotLineRecorder implements SnapshotLineIndex {
    // never compared nor hashed (a value per dataset id in a map); arrays keep it three small arrays
    @SuppressWarnings("ArrayRecordComponent")
    private record Positions(int idLine, int idColumn, String[] paths, int[] lines, Map<String, Integer> byPath) {
        /** The index of the first field with {@code path}, or -1. */
        int find(String path) {
            if (byPath != null) {
                Integer i = byPath.get(path);
                return i == null ? -1 : i;
            }
            for (int i = 0; i < paths.length; i++) {
                if (paths[i].equals(path)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final Map<DatasetId, Positions> datasets = new ConcurrentHashMap<>();
    // the dataset being parsed: line and column of each path, interleaved
    private final List<String> paths = new ArrayList<>();
    private int[] lines = new int[128];

    /**
     * Records where the datasets and fields of the snapshot in {@code in} are, with the reader that
     * reads snapshots; the snapshot read is returned ({@code where} names the file in messages).
     */
    public CatalogSnapshot read(InputStream in, String where) throws IOException {
        return ModelJson.readSnapshot(in, where, this);
    }

    void beginDataset() {
        paths.clear();
    }

    void field(String path, int line, int column) {
        if (path == null || line <= 0) {
            return;
        }
        int n = paths.size();
        if (2 * n + 1 >= lines.length) {
            lines = Arrays.copyOf(lines, lines.length * 2);
        }
        lines[2 * n] = line;
        lines[2 * n + 1] = column;
        paths.add(path);
    }

    void endDataset(DatasetId id, int idLine, int idColumn) {
        String[] p = paths.toArray(new String[0]);
        int[] l = Arrays.copyOf(lines, 2 * p.length);
        Map<String, Integer> byPath = null;
        if (p.length > 32) {
            // wide (or deeply nested) datasets: look paths up by hash, first occurrence wins
            byPath = new HashMap<>();
            for (int i = 0; i < p.length; i++) {
                byPath.putIfAbsent(p[i], i);
            }
        }
        datasets.putIfAbsent(id, new Positions(idLine, idColumn, p, l, byPath));
        paths.clear();
    }

    @Override
    public int datasetLine(DatasetId dataset) {
        Positions d = datasets.get(dataset);
        return d == null ? 0 : d.idLine();
    }

    @Override
    public int datasetColumn(DatasetId dataset) {
        Positions d = datasets.get(dataset);
        return d == null ? 0 : d.idColumn();
    }

    @Override
    public int fieldLine(DatasetId dataset, String path) {
        Positions d = datasets.get(dataset);
        int i = d == null ? -1 : d.find(path);
        return i < 0 ? 0 : d.lines()[2 * i];
    }

    @Override
    public int fieldColumn(DatasetId dataset, String path) {
        Positions d = datasets.get(dataset);
        int i = d == null ? -1 : d.find(path);
        return i < 0 ? 0 : d.lines()[2 * i + 1];
    }
}
