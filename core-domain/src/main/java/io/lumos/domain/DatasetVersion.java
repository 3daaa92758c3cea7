package io.lumos.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One version of a dataset.
 *
 * @param cloudVersion the counter with its prefix, e.g. {@code S-312}
 * @param changeDetails what caused the bump (for schema changes, the findings of the diff)
 * @param previousVersion the cloud version this one follows, or null for the first
 * @param schemaFingerprint a hash of the schema at this version, to tell whether anything changed
 */
public record DatasetVersion(
        String cloudVersion,
        SemVer schemaVersion,
        Instant timestamp,
        String author,
        ChangeType changeType,
        String changeDetails,
        String previousVersion,
        String schemaFingerprint) {

    public DatasetVersion {
        cloudVersion = RecordChecks.require(cloudVersion, "cloud version");
        requireNonNull(schemaVersion, "schema version");
        requireNonNull(timestamp, "timestamp");
        author = RecordChecks.optional(author);
        requireNonNull(changeType, "change type");
        changeDetails = RecordChecks.optional(changeDetails);
        previousVersion = RecordChecks.optional(previousVersion);
        schemaFingerprint = RecordChecks.optional(schemaFingerprint);
    }
}
