package io.lumos.domain;

import java.util.List;

/**
 * Column lineage: the upstream columns (dotted paths in the upstream dataset) a downstream column is
 * computed from. {@code transformation} is free text (an expression, "IDENTITY", ...), or null.
 */
public record ColumnMapping(List<String> upstreamColumns, String downstreamColumn, String transformation) {
    public ColumnMapping {
        upstreamColumns = Text.list(upstreamColumns);
        if (upstreamColumns.isEmpty()) {
            throw new IllegalArgumentException("a column mapping needs at least one upstream column");
        }
        downstreamColumn = Text.require(downstreamColumn, "downstream column");
        transformation = Text.optional(transformation);
    }

    /** Parses {@code up=down} or {@code up1+up2=down}. */
    public static ColumnMapping parse(String text) {
        String t = Text.require(text, "column mapping");
        int eq = t.indexOf('=');
        if (eq <= 0 || eq == t.length() - 1) {
            throw new IllegalArgumentException(
                    "column mapping '" + t + "' must look like UPSTREAM_COLUMN=DOWNSTREAM_COLUMN (e.g. amount=total)");
        }
        List<String> ups = java.util.Arrays.stream(t.substring(0, eq).split("\\+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        return new ColumnMapping(ups, t.substring(eq + 1).strip(), null);
    }

    public boolean isIdentity() {
        return transformation == null || "IDENTITY".equalsIgnoreCase(transformation);
    }
}
