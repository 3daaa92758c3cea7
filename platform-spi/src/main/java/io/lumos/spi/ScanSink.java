package io.lumos.spi;

import io.lumos.domain.Dataset;
import io.lumos.domain.LineageEdge;

/** Receives what a scan finds. Implementations must be thread-safe: sources may scan in parallel. */
public interface ScanSink {
    void dataset(Dataset dataset);

    /** Lineage the source knows itself (view definitions, foreign keys). */
    default void lineage(LineageEdge edge) {}

    /**
     * How much a dataset is used, as the source counts it at scan time (PostgreSQL's table
     * statistics). Kept beside the metadata: it never changes a dataset or makes a version.
     */
    default void usage(io.lumos.domain.usage.UsageSample sample) {}

    /**
     * A state change of a pipeline run the source read (an OpenLineage RunEvent): recorded in the
     * catalogs that record runs, in the order given.
     */
    default void run(io.lumos.spi.run.RunEvent event) {}

    /** A problem with one item; the scan goes on. */
    void problem(ScanProblem problem);

    /** Progress: how many items there are, once known. */
    default void expect(long items) {}

    /**
     * What the catalogs hold now, for a source that merges by the time its facts were stated
     * (OpenLineage); {@link CatalogView#NONE} when nothing is written (a dry run, a scan into memory).
     */
    default CatalogView catalog() {
        return CatalogView.NONE;
    }
}
