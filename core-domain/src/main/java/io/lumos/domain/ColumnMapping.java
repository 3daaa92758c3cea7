package io.lumos.domain;

import java.util.List;
import java.util.Locale;

/**
 * Column lineage: the upstream columns (dotted paths in the upstream dataset) a downstream column is
 * computed from. {@code transformation} is free text (an expression, "IDENTITY", ...), or null.
 *
 * <p>{@code transformationType} and {@code transformationSubtype} say how, in OpenLineage's words
 * where a producer said it: the type {@code DIRECT} (the value is computed from these columns) or
 * {@code INDIRECT} (they only decide which rows: a join, filter, group by, sort, window), and the
 * subtype {@code IDENTITY}, {@code TRANSFORMATION}, {@code AGGREGATION}, {@code JOIN},
 * {@code FILTER}, {@code GROUP_BY}, {@code SORT}, {@code WINDOW}, {@code CONDITIONAL}. Both are upper
 * case, or null when unknown.
 */
public record ColumnMapping(
        List<String> upstreamColumns,
        String downstreamColumn,
        String transformation,
        String transformationType,
        String transformationSubtype) {
    public ColumnMapping {
        upstreamColumns = RecordChecks.list(upstreamColumns);
        if (upstreamColumns.isEmpty()) {
            throw new IllegalArgumentException("a column mapping needs at least one upstream column");
        }
        downstreamColumn = RecordChecks.require(downstreamColumn, "downstream column");
        transformation = RecordChecks.optional(transformation);
        transformationType = upper(transformationType);
        transformationSubtype = upper(transformationSubtype);
    }

    /** A mapping whose kind of transformation is not known. */
    public ColumnMapping(List<String> upstreamColumns, String downstreamColumn, String transformation) {
        this(upstreamColumns, downstreamColumn, transformation, null, null);
    }

    private static String upper(String s) {
        String t = RecordChecks.optional(s);
        return t == null ? null : t.toUpperCase(Locale.ROOT);
    }

    /** Parses {@code up=down} or {@code up1+up2=down}. */
    public static ColumnMapping parse(String text) {
        String t = RecordChecks.require(text, "column mapping");
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

    /**
     * The value is copied unchanged. A known subtype decides; without one, no transformation text or
     * "IDENTITY" means identity.
     */
    public boolean isIdentity() {
        if (transformationSubtype != null || transformationType != null) {
            return "IDENTITY".equals(transformationSubtype) && !"INDIRECT".equals(transformationType);
        }
        return transformation == null || "IDENTITY".equalsIgnoreCase(transformation);
    }

    /** The upstream columns only select, join, group or order rows; the value does not come from them. */
    public boolean isIndirect() {
        return "INDIRECT".equals(transformationType);
    }
}
