package io.lumos.spi.report;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a report writer needs besides the report.
 *
 * @param currentSnapshot the NEW snapshot file when the current side is a snapshot, or null: text and
 *     SARIF locations point at lines in it
 * @param currentUri how to name that file in reports (relative to the repository root for SARIF and
 *     GitHub annotations); defaults to the file name
 * @param env the process environment ({@code GITHUB_OUTPUT} is read from here), a parameter so that
 *     tests can pass their own
 * @param annotationCap how many annotations per level the github format writes (GitHub shows 10)
 * @param lines where datasets and fields are in {@code currentSnapshot}, when recorded while it was
 *     read; null makes writers that need lines scan the file themselves
 */
public record ReportOptions(
        Path currentSnapshot, String currentUri, Map<String, String> env, int annotationCap, SnapshotLineIndex lines) {
    public ReportOptions(Path currentSnapshot, String currentUri, Map<String, String> env, int annotationCap) {
        this(currentSnapshot, currentUri, env, annotationCap, null);
    }

    public ReportOptions {
        env = env == null ? Map.of() : Map.copyOf(env);
        annotationCap = annotationCap <= 0 ? 10 : annotationCap;
        if (currentUri == null && currentSnapshot != null) {
            currentUri = currentSnapshot.getFileName().toString();
        }
    }

    public static ReportOptions of(Path currentSnapshot) {
        return new ReportOptions(currentSnapshot, null, System.getenv(), 10);
    }

    public static ReportOptions none() {
        return new ReportOptions(null, null, Map.of(), 10);
    }
}
