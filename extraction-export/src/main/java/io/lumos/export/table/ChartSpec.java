package io.lumos.export.table;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A native chart drawn from some rows of a table (by the xlsx writer; CSV and JSON keep the rows).
 * The rows whose first column equals {@code group} are the chart's data: the second column is the
 * category, the columns after it one series each.
 *
 * @param seriesTitles one title per series, in column order from the third column
 */
public record ChartSpec(String group, String title, Kind kind, List<String> seriesTitles) {
    /** The shape of the chart. */
    public enum Kind {
        /** Horizontal bars: long category names stay readable. */
        BAR,
        /** Vertical columns, for ordered categories (score buckets, days). */
        COLUMN,
        LINE,
        PIE
    }

    public ChartSpec {
        requireNonNull(group, "group");
        requireNonNull(title, "title");
        requireNonNull(kind, "kind");
        seriesTitles = List.copyOf(seriesTitles);
        if (seriesTitles.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one series");
        }
    }
}
