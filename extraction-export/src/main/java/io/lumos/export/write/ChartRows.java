package io.lumos.export.write;

import java.util.ArrayList;
import java.util.List;

/** The rows of one chart as they streamed into the sheet: where they are, and their values. */
final class ChartRows {
    int first = -1;
    int last = -1;
    final List<String> categories = new ArrayList<>();
    final List<Object[]> values = new ArrayList<>();

    void add(int row, Object[] rowValues) {
        if (first < 0) {
            first = row;
        }
        last = row;
        categories.add(rowValues[1] == null ? "" : rowValues[1].toString());
        values.add(rowValues.clone());
    }

    boolean isEmpty() {
        return categories.isEmpty();
    }

    /** Series {@code i} (column 2 + i) as numbers, 0 where a row has none. */
    Double[] series(int i) {
        Double[] out = new Double[values.size()];
        for (int r = 0; r < values.size(); r++) {
            Object[] row = values.get(r);
            Object v = 2 + i < row.length ? row[2 + i] : null;
            out[r] = v instanceof Number n ? n.doubleValue() : 0.0;
        }
        return out;
    }
}
