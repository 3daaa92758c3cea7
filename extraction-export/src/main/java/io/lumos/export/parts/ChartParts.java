package io.lumos.export.parts;

import static io.lumos.export.table.Column.integer;
import static io.lumos.export.table.Column.text;

import io.lumos.domain.Dataset;
import io.lumos.domain.Owner;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.health.DatasetHealth;
import io.lumos.domain.usage.UsageSummary;
import io.lumos.export.table.ChartSpec;
import io.lumos.export.table.Table;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Charts sheet of the comprehensive workbook: the figures of each chart as rows (what CSV and
 * JSON get), drawn by the xlsx writer as native charts beside them.
 */
public final class ChartParts {
    static final int TOP_OWNERS = 15;
    static final int TOP_USED = 10;

    private ChartParts() {}

    public static Table charts(ExtractionContext ctx) {
        List<ChartSpec> charts = List.of(
                new ChartSpec("platform", "Datasets by platform", ChartSpec.Kind.BAR, List.of("Datasets")),
                new ChartSpec("domain", "Datasets by domain", ChartSpec.Kind.PIE, List.of("Datasets")),
                new ChartSpec("owner", "Datasets by owner", ChartSpec.Kind.BAR, List.of("Datasets")),
                new ChartSpec("health", "Health score distribution", ChartSpec.Kind.COLUMN, List.of("Datasets")),
                new ChartSpec("usage", "Top datasets by usage", ChartSpec.Kind.BAR, List.of("Reads", "Writes")),
                new ChartSpec(
                        "assertions",
                        "Assertion results over time",
                        ChartSpec.Kind.COLUMN,
                        List.of("Passed", "Failed", "Not checked")));
        return new Table(
                "Charts",
                "charts",
                List.of(
                        text("chart", "Chart"),
                        text("category", "Category"),
                        integer("value", "Value"),
                        integer("value2", "Value 2"),
                        integer("value3", "Value 3")),
                sink -> rows(ctx, sink),
                charts);
    }

    private static void rows(ExtractionContext ctx, Table.RowSink sink) {
        Map<String, Long> platforms = new TreeMap<>();
        Map<String, Long> domains = new TreeMap<>();
        Map<String, Long> owners = new TreeMap<>();
        for (Dataset d : ctx.snapshot().datasets()) {
            platforms.merge(d.platform(), 1L, Long::sum);
            domains.merge(d.domain() == null ? "(no domain)" : d.domain(), 1L, Long::sum);
            if (d.owners().isEmpty()) {
                owners.merge("(no owner)", 1L, Long::sum);
            } else {
                d.owners().stream().map(Owner::name).distinct().forEach(o -> owners.merge(o, 1L, Long::sum));
            }
        }
        platforms.forEach((k, v) -> sink.row("platform", k, v, null, null));
        domains.forEach((k, v) -> sink.row("domain", k, v, null, null));
        owners.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_OWNERS)
                .forEach(e -> sink.row("owner", e.getKey(), e.getValue(), null, null));

        long[] buckets = new long[5];
        for (DatasetHealth h : ctx.health().datasets()) {
            buckets[Math.min(4, (int) Math.floor(h.score() / 20))]++;
        }
        String[] labels = {"0-19", "20-39", "40-59", "60-79", "80-100"};
        for (int i = 0; i < buckets.length; i++) {
            if (!ctx.snapshot().datasets().isEmpty()) {
                sink.row("health", labels[i], buckets[i], null, null);
            }
        }

        for (UsageSummary.DatasetUsage u : ctx.usageSummary().top(TOP_USED)) {
            sink.row("usage", u.dataset().shortName(), u.reads(), u.writes(), null);
        }

        Map<LocalDate, long[]> byDay = new TreeMap<>();
        for (AssertionResult r : ctx.assertionResults()) {
            long[] c = byDay.computeIfAbsent(LocalDate.ofInstant(r.evaluatedAt(), ZoneOffset.UTC), k -> new long[3]);
            switch (r.status()) {
                case PASS -> c[0]++;
                case FAIL -> c[1]++;
                case ERROR -> c[2]++;
            }
        }
        byDay.forEach((day, c) -> sink.row("assertions", day.toString(), c[0], c[1], c[2]));
    }
}
