package io.lumos.cli.service;

import io.lumos.domain.ChangeType;
import io.lumos.domain.Dataset;

/** Decides what kind of change lies between two states of a dataset, for the version bump. */
public interface ChangeClassifier {
    /** The change, or null when nothing that versions care about changed. */
    Change classify(Dataset before, Dataset after);

    record Change(ChangeType type, String details) {}
}
