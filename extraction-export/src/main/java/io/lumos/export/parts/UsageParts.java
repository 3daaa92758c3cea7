package io.lumos.export.parts;

import static io.lumos.export.table.Column.bool;
import static io.lumos.export.table.Column.date;
import static io.lumos.export.table.Column.integer;
import static io.lumos.export.table.Column.text;

import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.usage.UsageSample;
import io.lumos.domain.usage.UsageSummary;
import io.lumos.export.table.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tables of the usage and assertions extracts: time series kept beside the snapshot. */
public final class UsageParts {
    private UsageParts() {}

    /** Every dataset by use, most used first; datasets nothing reported on come last with 0. */
    public static Table usage(ExtractionContext ctx) {
        UsageSummary summary = ctx.usageSummary();
        return new Table(
                "Usage",
                "usage",
                List.of(
                        integer("rank", "Rank"),
                        text("dataset", "Dataset"),
                        integer("reads", "Reads"),
                        integer("writes", "Writes"),
                        integer("total", "Reads + writes"),
                        text("origins", "Reported by"),
                        date("observedAt", "Last observed (UTC)")),
                sink -> {
                    List<UsageSummary.DatasetUsage> rows = new ArrayList<>();
                    for (Dataset d : ctx.snapshot().datasets()) {
                        UsageSummary.DatasetUsage u = summary.get(d.id());
                        rows.add(u != null ? u : new UsageSummary.DatasetUsage(d.id(), 0, 0, null, List.of()));
                    }
                    rows.sort(Comparator.comparingLong(UsageSummary.DatasetUsage::total)
                            .reversed()
                            .thenComparing(UsageSummary.DatasetUsage::dataset));
                    int rank = 0;
                    for (UsageSummary.DatasetUsage u : rows) {
                        sink.row(
                                (long) ++rank,
                                u.dataset().shortName(),
                                u.reads(),
                                u.writes(),
                                u.total(),
                                ExtractionContext.join(u.origins()),
                                u.observedAt());
                    }
                });
    }

    /** Datasets with no reads or writes: reported as zero, or never reported at all. */
    public static Table unused(ExtractionContext ctx) {
        List<DatasetId> ids =
                ctx.snapshot().datasets().stream().map(Dataset::id).toList();
        return new Table(
                "Unused datasets",
                "unused",
                List.of(text("dataset", "Dataset"), bool("observed", "Usage reported"), text("note", "Note")),
                sink -> {
                    for (UsageSummary.Unused u : ctx.usageSummary().unused(ids)) {
                        sink.row(
                                u.dataset().shortName(),
                                u.observed(),
                                u.observed()
                                        ? "no reads or writes counted"
                                        : "no usage reported (no statistics from its source, no tracked runs)");
                    }
                });
    }

    /** Every usage sample, oldest first. */
    public static Table usageHistory(ExtractionContext ctx) {
        return new Table(
                "Usage history",
                "usage_history",
                List.of(
                        text("dataset", "Dataset"),
                        date("observedAt", "Observed (UTC)"),
                        text("origin", "Origin"),
                        integer("reads", "Reads"),
                        integer("writes", "Writes"),
                        integer("seqScans", "Sequential scans"),
                        integer("indexScans", "Index scans"),
                        integer("rowsInserted", "Rows inserted"),
                        integer("rowsUpdated", "Rows updated"),
                        integer("rowsDeleted", "Rows deleted"),
                        integer("uniqueUsers", "Unique users"),
                        integer("queries", "Queries"),
                        date("lastVacuum", "Last vacuum (UTC)"),
                        date("lastAutovacuum", "Last autovacuum (UTC)"),
                        date("lastAnalyze", "Last analyze (UTC)"),
                        date("lastAutoanalyze", "Last autoanalyze (UTC)")),
                sink -> {
                    for (UsageSample u : ctx.usage()) {
                        sink.row(
                                u.dataset().shortName(),
                                u.observedAt(),
                                u.origin(),
                                u.counter(UsageSample.READS),
                                u.counter(UsageSample.WRITES),
                                u.counter(UsageSample.SEQ_SCANS),
                                u.counter(UsageSample.INDEX_SCANS),
                                u.counter(UsageSample.ROWS_INSERTED),
                                u.counter(UsageSample.ROWS_UPDATED),
                                u.counter(UsageSample.ROWS_DELETED),
                                u.counter(UsageSample.UNIQUE_USERS),
                                u.counter(UsageSample.QUERIES),
                                u.times().get(UsageSample.LAST_VACUUM),
                                u.times().get(UsageSample.LAST_AUTOVACUUM),
                                u.times().get(UsageSample.LAST_ANALYZE),
                                u.times().get(UsageSample.LAST_AUTOANALYZE));
                    }
                });
    }

    /** The latest result of each assertion on each dataset, failing first. */
    public static Table assertions(ExtractionContext ctx) {
        Map<String, AssertionResult> latest = new LinkedHashMap<>();
        for (AssertionResult r : ctx.assertionResults()) {
            latest.merge(r.assertionKey(), r, (a, b) -> b.evaluatedAt().isBefore(a.evaluatedAt()) ? a : b);
        }
        List<AssertionResult> rows = new ArrayList<>(latest.values());
        rows.sort(AssertionResult.ORDER);
        return assertionTable("Assertions", "assertions", rows);
    }

    /** Every stored assertion result, oldest first: the time series. */
    public static Table assertionHistory(ExtractionContext ctx) {
        return assertionTable("Assertion history", "assertion_history", ctx.assertionResults());
    }

    private static Table assertionTable(String title, String file, List<AssertionResult> rows) {
        return new Table(
                title,
                file,
                List.of(
                        text("status", "Status"),
                        text("severity", "Severity"),
                        text("dataset", "Dataset"),
                        text("check", "Check"),
                        text("kind", "Kind"),
                        text("expected", "Expected"),
                        text("actual", "Actual"),
                        text("reason", "Reason"),
                        date("evaluatedAt", "Evaluated (UTC)"),
                        text("phase", "Phase")),
                sink -> {
                    for (AssertionResult r : rows) {
                        sink.row(
                                r.status().name(),
                                r.severity().name(),
                                r.dataset().shortName(),
                                r.check(),
                                r.kind().name(),
                                r.expected(),
                                r.actual(),
                                r.reason(),
                                r.evaluatedAt(),
                                r.phase());
                    }
                });
    }
}
