package io.lumos.spi.run;

/** The states of a pipeline run, as OpenLineage names them. */
public enum RunState {
    START,
    RUNNING,
    COMPLETE,
    FAIL,
    ABORT;

    public boolean isTerminal() {
        return this == COMPLETE || this == FAIL || this == ABORT;
    }
}
