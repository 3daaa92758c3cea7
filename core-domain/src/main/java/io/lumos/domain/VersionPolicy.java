package io.lumos.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Makes versions: the cloud version is a prefix and a counter that advances with every new version
 * of any dataset in a catalog; the schema version is a semver bumped by the kind of change.
 */
public final class VersionPolicy {
    private final String cloudPrefix;

    public VersionPolicy(String cloudPrefix) {
        this.cloudPrefix = cloudPrefix == null ? "S-" : cloudPrefix;
    }

    public String cloudPrefix() {
        return cloudPrefix;
    }

    public String cloudVersion(long counter) {
        return cloudPrefix + counter;
    }

    /** The counter in a cloud version, or -1 when it does not carry this policy's prefix. */
    public long counterOf(String cloudVersion) {
        if (cloudVersion == null || !cloudVersion.startsWith(cloudPrefix)) {
            return -1;
        }
        try {
            return Long.parseLong(cloudVersion.substring(cloudPrefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The first version of a dataset. */
    public DatasetVersion initial(long counter, Instant at, String author, String fingerprint) {
        return new DatasetVersion(
                cloudVersion(counter),
                SemVer.INITIAL,
                at,
                author,
                ChangeType.SCHEMA_CHANGE,
                "first version",
                null,
                fingerprint);
    }

    /** The version after {@code previous} for a change of the given type. */
    public DatasetVersion next(
            DatasetVersion previous,
            long counter,
            ChangeType change,
            Instant at,
            String author,
            String details,
            String fingerprint) {
        if (previous == null) {
            return new DatasetVersion(
                    cloudVersion(counter), SemVer.INITIAL, at, author, change, details, null, fingerprint);
        }
        return new DatasetVersion(
                cloudVersion(counter),
                previous.schemaVersion().bump(change),
                at,
                author,
                change,
                details,
                previous.cloudVersion(),
                fingerprint);
    }

    /** Finds a version in a history by cloud version or schema version. */
    public static Optional<DatasetVersion> find(List<DatasetVersion> history, String version) {
        for (DatasetVersion v : history) {
            if (v.cloudVersion().equals(version)
                    || v.schemaVersion().toString().equals(version)
                    || ("v" + v.schemaVersion()).equals(version)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Orders versions oldest first, by schema version then time. */
    public static final Comparator<DatasetVersion> OLDEST_FIRST =
            Comparator.comparing(DatasetVersion::schemaVersion).thenComparing(DatasetVersion::timestamp);

    /** Compares two versions: negative when {@code a} is older. */
    public static int compare(DatasetVersion a, DatasetVersion b) {
        return OLDEST_FIRST.compare(a, b);
    }
}
