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
 * @param runs the catalog's pipeline runs, newest first; null when the catalog cannot read runs
 */
public record ExportRequest(
        String type,
        String format,
        Path output,
        CatalogSnapshot snapshot,
        CatalogSnapshot baseline,
        Map<String, Object> options,
        List<UsageSample> usage,
        List<AssertionResult> assertions,
        List<io.lumos.spi.run.RunRecord> runs) {
    public ExportRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
        usage = usage == null ? List.of() : List.copyOf(usage);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        runs = runs == null ? null : List.copyOf(runs);
    }

    /** An extraction with usage and assertion results but without runs (a catalog that cannot read them back). */
    public ExportRequest(
            String type,
            String format,
            Path output,
            CatalogSnapshot snapshot,
            CatalogSnapshot baseline,
            Map<String, Object> options,
            List<UsageSample> usage,
            List<AssertionResult> assertions) {
        this(type, format, output, snapshot, baseline, options, usage, assertions, null);
    }

    /** An extraction with runs, without usage or assertion results. */
    public ExportRequest(
            String type,
            String format,
            Path output,
            CatalogSnapshot snapshot,
            CatalogSnapshot baseline,
            Map<String, Object> options,
            List<io.lumos.spi.run.RunRecord> runs) {
        this(type, format, output, snapshot, baseline, options, List.of(), List.of(), runs);
    }

    /** An extraction of the metadata alone, without usage, assertion results or runs. */
    public ExportRequest(
            String type,
            String format,
            Path output,
            CatalogSnapshot snapshot,
            CatalogSnapshot baseline,
            Map<String, Object> options) {
        this(type, format, output, snapshot, baseline, options, List.of(), List.of(), null);
    }
}
