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
 */
public record ExportRequest(
        String type,
        String format,
        Path output,
        CatalogSnapshot snapshot,
        CatalogSnapshot baseline,
        Map<String, Object> options) {
    public ExportRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
