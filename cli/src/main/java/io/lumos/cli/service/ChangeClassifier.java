package io.lumos.cli.service;

import io.lumos.domain.ChangeType;
import io.lumos.domain.Dataset;
import io.lumos.domain.diff.CompatibilityMode;
import java.util.List;

/** Decides what kind of change lies between two states of a dataset, for the version bump. */
public interface ChangeClassifier {
    /** The change, or null when nothing that versions care about changed. */
    Change classify(Dataset before, Dataset after);

    /** The change judged under the dataset's compatibility mode (what counts as breaking differs). */
    default Change classify(Dataset before, Dataset after, CompatibilityMode mode) {
        return classify(before, after);
    }

    /**
     * The change against a version history (oldest first, the current version last): a transitive
     * mode also judges it against every earlier version.
     */
    default Change classify(List<Dataset> history, Dataset after, CompatibilityMode mode) {
        return classify(history.get(history.size() - 1), after, mode);
    }

    record Change(ChangeType type, String details) {}
}
