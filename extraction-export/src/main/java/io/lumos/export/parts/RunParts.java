package io.lumos.export.parts;

import static io.lumos.export.table.Column.date;
import static io.lumos.export.table.Column.integer;
import static io.lumos.export.table.Column.text;

import io.lumos.domain.DatasetId;
import io.lumos.export.table.Table;
import java.util.List;
import java.util.stream.Collectors;

/** The runs table of the comprehensive extract (pipeline runs recorded by the catalog). */
public final class RunParts {
    private RunParts() {}

    /** Pipeline runs (lumos run, Lumos.track), newest first: one row per run with its latest state. */
    public static Table runs(ExtractionContext ctx) {
        List<io.lumos.spi.run.RunRecord> runs = ctx.runs() == null ? List.of() : ctx.runs();
        return new Table(
                "Runs",
                "runs",
                List.of(
                        text("runId", "Run"),
                        text("namespace", "Namespace"),
                        text("job", "Job"),
                        text("state", "State"),
                        date("startedAt", "Started (UTC)"),
                        date("endedAt", "Ended (UTC)"),
                        integer("durationMs", "Duration (ms)"),
                        integer("exitCode", "Exit code"),
                        text("inputs", "Inputs"),
                        text("outputs", "Outputs"),
                        text("parent", "Parent run"),
                        text("error", "Error")),
                sink -> {
                    for (io.lumos.spi.run.RunRecord r : runs) {
                        sink.row(
                                r.runId().toString(),
                                r.namespace(),
                                r.job(),
                                r.state().name(),
                                r.startedAt(),
                                r.endedAt(),
                                r.duration() == null ? null : r.duration().toMillis(),
                                r.exitCode() == null ? null : r.exitCode().longValue(),
                                r.inputs().stream().map(DatasetId::shortName).collect(Collectors.joining(", ")),
                                r.outputs().stream().map(DatasetId::shortName).collect(Collectors.joining(", ")),
                                r.parent() == null ? null : r.parent().toString(),
                                r.error());
                    }
                });
    }
}
