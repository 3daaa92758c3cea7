package io.lumos.cli.service;

import io.lumos.domain.ChangeType;
import io.lumos.domain.Dataset;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.domain.diff.DatasetDiff;
import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.SchemaDiff;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The version bump from the schema diff: BREAKING findings make a major version, NON_BREAKING a
 * minor one, INFO a patch. Metadata the diff does not look at (custom properties) still makes a
 * patch, so that every stored change has a version. What is BREAKING follows the dataset's
 * compatibility mode (BACKWARD when none is given).
 */
public final class DiffChangeClassifier implements ChangeClassifier {
    @Override
    public Change classify(Dataset before, Dataset after) {
        return classify(before, after, CompatibilityMode.BACKWARD);
    }

    @Override
    public Change classify(Dataset before, Dataset after, CompatibilityMode mode) {
        return classify(List.of(before), after, mode);
    }

    @Override
    public Change classify(List<Dataset> history, Dataset after, CompatibilityMode mode) {
        Dataset before = history.get(history.size() - 1);
        DatasetDiff diff = SchemaDiff.diffHistory(history, after, mode);
        Optional<ChangeType> type = diff.changeType();
        if (type.isPresent()) {
            String details =
                    diff.findings().stream().map(DiffChangeClassifier::describe).collect(Collectors.joining("; "));
            return new Change(type.get(), details);
        }
        if (!Fingerprints.of(before).equals(Fingerprints.of(after))) {
            return new Change(ChangeType.METADATA_UPDATE, "metadata changed");
        }
        return null;
    }

    private static String describe(Finding f) {
        return f.severity() + " " + f.ruleId() + " "
                + (f.path() == null || f.path().isEmpty() ? "" : f.path() + ": ") + f.message()
                + (f.comparedWith() == null ? "" : " (against " + f.comparedWith() + ")");
    }
}
