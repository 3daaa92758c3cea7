package io.lumos.spi;

/** Writes a view of the catalog to a file or folder. */
public interface Exporter {
    /** Returns a one-line summary for the user (what was written where). */
    String export(ExportRequest request);
}
