package io.lumos.domain.assertion;

import static java.util.Objects.requireNonNull;

import io.lumos.domain.DatasetId;
import io.lumos.domain.RecordChecks;
import io.lumos.domain.diff.Severity;
import java.time.Instant;
import java.util.Comparator;

/**
 * One evaluation of an assertion on one dataset: a point of the assertion time series, kept beside
 * the metadata (never in a version or a snapshot).
 *
 * @param check the assertion's stable name ({@link Assertion#check()})
 * @param actual what the metadata says (a row count, a type), or null when unknown
 * @param reason why it passed or failed, in one sentence
 * @param phase {@code ingest} or {@code gate}
 */
public record AssertionResult(
        DatasetId dataset,
        String check,
        AssertionKind kind,
        AssertionStatus status,
        Severity severity,
        String expected,
        String actual,
        String reason,
        Instant evaluatedAt,
        String phase) {

    /** Failing first, then errors, then passing; within each by dataset, check and time. */
    public static final Comparator<AssertionResult> ORDER = Comparator.comparing(AssertionResult::status)
            .thenComparing(AssertionResult::dataset)
            .thenComparing(AssertionResult::check)
            .thenComparing(AssertionResult::evaluatedAt);

    public AssertionResult {
        requireNonNull(dataset, "dataset");
        check = RecordChecks.require(check, "check");
        requireNonNull(kind, "kind");
        requireNonNull(status, "status");
        requireNonNull(severity, "severity");
        expected = RecordChecks.optional(expected);
        actual = RecordChecks.optional(actual);
        reason = RecordChecks.require(reason, "reason");
        requireNonNull(evaluatedAt, "evaluatedAt");
        phase = RecordChecks.require(phase, "phase");
    }

    public boolean failed() {
        return status == AssertionStatus.FAIL;
    }

    /** An id for the assertion itself, stable across runs: {@code <dataset urn>#<check>}. */
    public String assertionKey() {
        return dataset.urn() + "#" + check;
    }
}
