package io.lumos.domain.diff;

import io.lumos.domain.DatasetId;
import java.util.List;

/**
 * A downstream dataset a finding would break, found by walking lineage.
 *
 * @param columns the downstream columns that read the changed field (empty when only dataset
 *     lineage is known)
 * @param path the lineage path from the changed dataset to this one
 * @param possiblyAffected reached through an edge without column lineage, so not certain
 */
public record Downstream(
        DatasetId dataset, List<String> columns, List<DatasetId> path, int depth, boolean possiblyAffected) {
    public Downstream {
        columns = List.copyOf(columns);
        path = List.copyOf(path);
    }
}
