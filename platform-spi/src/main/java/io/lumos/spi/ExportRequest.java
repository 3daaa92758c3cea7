package io.lumos.spi;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.usage.UsageSample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One extraction.
 *
 * @param snapshot the catalog to export
 * @param baseline for {@code metadata_diff}: the older snapshot, else null
 * @param options extra settings (cost figures, depth, ...) from the command line or config
 * @param usage the usage time series, for {@code usage} and the comprehensive workbook
 * @param assertions assertion results, for {@code assertions} and the comprehensive workbook
 */
public record ExportRequest(
        String type,
        String format,
        Path output,
        CatalogSnapshot snapshot,
        CatalogSnapshot baseline,
        Map<String, Object> options,
        List<UsageSample> usage,
        List<AssertionResult> assertions) {
    public ExportRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
        usage = usage == null ? List.of() : List.copyOf(usage);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
    }

    /** An extraction of the metadata alone, without usage or assertion results. */
    public ExportRequest(
            String type,
            String format,
            Path output,
            CatalogSnapshot snapshot,
            CatalogSnapshot baseline,
            Map<String, Object> options) {
        this(type, format, output, snapshot, baseline, options, List.of(), List.of());
    }
}
