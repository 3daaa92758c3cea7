package io.lumos.export.parts;

import static io.lumos.export.table.Column.text;

import io.lumos.export.diff.SnapshotChanges;
import io.lumos.export.table.Table;
import java.util.List;

/** The table of the metadata-diff extract: what changed between a baseline snapshot and this one. */
public final class ChangeParts {
    private ChangeParts() {}

    public static Table changes(ExtractionContext ctx) {
        List<SnapshotChanges.Change> changes = SnapshotChanges.compare(ctx.baseline(), ctx.snapshot());
        return new Table(
                "Changes",
                "changes",
                List.of(
                        text("change", "Change"),
                        text("dataset", "Dataset"),
                        text("path", "Field"),
                        text("before", "Before"),
                        text("after", "After")),
                sink -> {
                    for (SnapshotChanges.Change c : changes) {
                        sink.row(c.kind().label(), c.dataset().shortName(), c.path(), c.before(), c.after());
                    }
                });
    }
}
