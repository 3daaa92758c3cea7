package io.lumos.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** Lineage from one dataset to another, with the column mappings where they are known. */
public record LineageEdge(
        DatasetId upstream,
        DatasetId downstream,
        LineageType type,
        double confidence,
        Instant createdAt,
        String createdBy,
        List<ColumnMapping> columns) {

    public LineageEdge {
        requireNonNull(upstream, "upstream");
        requireNonNull(downstream, "downstream");
        if (upstream.equals(downstream)) {
            throw new IllegalArgumentException("a dataset cannot be its own upstream: " + upstream.shortName());
        }
        type = type == null ? LineageType.TRANSFORMED : type;
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
        }
        createdBy = RecordChecks.optional(createdBy);
        columns = RecordChecks.list(columns);
    }

    public static LineageEdge of(DatasetId upstream, DatasetId downstream) {
        return new LineageEdge(upstream, downstream, LineageType.TRANSFORMED, 1.0, null, null, List.of());
    }

    public LineageEdge withColumns(List<ColumnMapping> newColumns) {
        return new LineageEdge(upstream, downstream, type, confidence, createdAt, createdBy, newColumns);
    }

    /** Same two ends: an edge is identified by its upstream and downstream. */
    public boolean sameEnds(LineageEdge other) {
        return upstream.equals(other.upstream) && downstream.equals(other.downstream);
    }
}
