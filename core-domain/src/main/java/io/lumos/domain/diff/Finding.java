package io.lumos.domain.diff;

import static java.util.Objects.requireNonNull;

import io.lumos.domain.DatasetId;
import java.util.List;

/**
 * One change between two versions of a dataset (PRODUCT §6).
 *
 * @param path the dotted field path, or "" for a dataset-level change
 * @param before the old value as text (a type string, a name, a list), or null when added
 * @param after the new value as text, or null when removed
 * @param hint extra advice that never changes the severity (e.g. "probable rename of a to b")
 * @param comparedWith for transitive modes, the earlier version this finding was found against
 * @param downstream what would break downstream, filled by the gate
 */
public record Finding(
        String ruleId,
        Severity severity,
        boolean backwardCompatible,
        boolean forwardCompatible,
        DatasetId dataset,
        String path,
        String before,
        String after,
        String message,
        String hint,
        String comparedWith,
        List<Downstream> downstream) {

    public Finding {
        requireNonNull(ruleId, "ruleId");
        requireNonNull(severity, "severity");
        requireNonNull(dataset, "dataset");
        path = path == null ? "" : path;
        requireNonNull(message, "message");
        downstream = downstream == null ? List.of() : List.copyOf(downstream);
    }

    public Finding withDownstream(List<Downstream> impacts, String newMessage) {
        return new Finding(
                ruleId,
                severity,
                backwardCompatible,
                forwardCompatible,
                dataset,
                path,
                before,
                after,
                newMessage,
                hint,
                comparedWith,
                impacts);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(
                ruleId,
                newSeverity,
                backwardCompatible,
                forwardCompatible,
                dataset,
                path,
                before,
                after,
                message,
                hint,
                comparedWith,
                downstream);
    }

    Finding withComparedWith(String version) {
        return new Finding(
                ruleId,
                severity,
                backwardCompatible,
                forwardCompatible,
                dataset,
                path,
                before,
                after,
                message,
                hint,
                version,
                downstream);
    }

    /** dataset shorthand plus path, as printed in reports: {@code csv:orders.customer_id}. */
    public String location() {
        return path.isEmpty() ? dataset.shortName() : dataset.shortName() + "." + path;
    }
}
