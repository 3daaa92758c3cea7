package io.lumos.spi;

import io.lumos.domain.CatalogSnapshot;
import java.nio.file.Path;
import java.util.Map;

/**
 * One extraction.
 *
 * @param snapshot the catalog to export
 * @param baseline for {@code metadata_diff}: the older snapshot, else null
 * @param options extra settings (cost figures, depth, ...) from the command line or config
 * @param runs the catalog's pipeline runs, newest first; null when the catalog cannot read runs
 */
public record ExportRequest(
        String type,
        String format,
        Path output,
        CatalogSnapshot snapshot,
        CatalogSnapshot baseline,
        Map<String, Object> options,
        java.util.List<io.lumos.spi.run.RunRecord> runs) {
    public ExportRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
        runs = runs == null ? null : java.util.List.copyOf(runs);
    }

    /** A request without runs (a catalog that cannot read them back). */
    public ExportRequest(
            String type,
            String format,
            Path output,
            CatalogSnapshot snapshot,
            CatalogSnapshot baseline,
            Map<String, Object> options) {
        this(type, format, output, snapshot, baseline, options, null);
    }
}
