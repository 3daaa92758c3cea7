package io.lumos.cli.service;

import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.VersionPolicy;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.spi.CatalogAdapter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The version a dataset gets when an ingest writes it: the current one while its schema
 * fingerprint holds, else the next by the class of the change under the dataset's compatibility
 * mode (against every stored version for a transitive mode). The version store calls it inside its
 * write transaction, with the dataset as committed there; each new version is noted for the plan.
 */
final class VersionChoice {
    private final VersionPolicy policy;
    private final Function<DatasetId, CompatibilityMode> modes;
    private final ChangeClassifier classifier;
    private final CatalogAdapter versionStore;
    private final Clock clock;
    private final String author;
    private final List<String> planned;

    VersionChoice(
            VersionPolicy policy,
            Function<DatasetId, CompatibilityMode> modes,
            ChangeClassifier classifier,
            CatalogAdapter versionStore,
            Clock clock,
            String author,
            List<String> planned) {
        this.policy = policy;
        this.modes = modes;
        this.classifier = classifier;
        this.versionStore = versionStore;
        this.clock = clock;
        this.author = author;
        this.planned = planned;
    }

    /** The version of {@code d}: {@code current}'s when nothing changed, else a new one. */
    DatasetVersion assign(Dataset d, Optional<Dataset> current, LongSupplier counter) {
        String fingerprint = Fingerprints.of(d);
        DatasetVersion previous = current.map(Dataset::version).orElse(null);
        if (previous != null && fingerprint.equals(previous.schemaFingerprint())) {
            return previous;
        }
        Instant now = clock.instant();
        DatasetVersion next;
        if (previous == null) {
            next = policy.initial(counter.getAsLong(), now, author, fingerprint);
        } else {
            CompatibilityMode mode = modes.apply(d.id());
            ChangeClassifier.Change change = mode.transitive()
                    ? classifier.classify(history(d, current.get(), previous), d, mode)
                    : classifier.classify(current.get(), d, mode);
            if (change == null) {
                return previous;
            }
            next = policy.next(
                    previous, counter.getAsLong(), change.type(), now, author, change.details(), fingerprint);
        }
        planned.add(d.id().shortName() + " " + (previous == null ? "-" : previous.schemaVersion()) + " -> "
                + next.schemaVersion() + " (" + next.cloudVersion() + ", " + next.changeType() + ")");
        return next;
    }

    /** Every stored version of the dataset, oldest first, ending with the current one. */
    private List<Dataset> history(Dataset d, Dataset current, DatasetVersion currentVersion) {
        List<Dataset> out = new ArrayList<>();
        for (DatasetVersion v : versionStore.versions(d.id())) {
            if (!v.cloudVersion().equals(currentVersion.cloudVersion())) {
                versionStore.datasetAtVersion(d.id(), v.cloudVersion()).ifPresent(out::add);
            }
        }
        out.add(current);
        return out;
    }
}
