package io.lumos.domain.assertion;

/** The outcome of one evaluation; failing first, as {@code lumos assertions} lists them. */
public enum AssertionStatus {
    FAIL,
    /** Could not be decided: the metadata does not hold what the assertion needs (an unknown row count). */
    ERROR,
    PASS
}
