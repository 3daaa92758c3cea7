package io.lumos.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a dataset is in its life: active, deprecated (still there, readers should move away,
 * perhaps until a decommission date) or removed (gone from its source; kept as a soft delete).
 * The status is the dataset's own; the note and date ride in its properties under
 * {@link #NOTE} and {@link #DECOMMISSION_ON}, so snapshots, diffs and every catalog carry them.
 *
 * @param by who set it: {@code cli:USER}, {@code stale:SOURCE}, or null for the config and sources
 */
public record Lifecycle(DatasetStatus status, String note, LocalDate decommissionOn, String by) {
    public static final String NOTE = "lumos.lifecycle.note";
    public static final String DECOMMISSION_ON = "lumos.lifecycle.decommission_on";
    public static final String BY = "lumos.lifecycle.by";
    /** {@link #by()} of a lifecycle set on the command line: {@code cli:USER}. */
    public static final String BY_HAND = "cli:";
    /** {@link #by()} of a removal by the stale-dataset check: {@code stale:SOURCE}. */
    public static final String BY_STALE = "stale:";

    public static final Lifecycle ACTIVE = new Lifecycle(DatasetStatus.ACTIVE, null, null, null);

    public Lifecycle {
        status = status == null ? DatasetStatus.ACTIVE : status;
        note = RecordChecks.optional(note);
        by = RecordChecks.optional(by);
    }

    /** The lifecycle a dataset carries. */
    public static Lifecycle of(Dataset d) {
        String date = d.properties().get(DECOMMISSION_ON);
        LocalDate on = null;
        if (date != null) {
            try {
                on = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                on = null; // written by hand into a snapshot: the status still counts
            }
        }
        return new Lifecycle(
                d.status(), d.properties().get(NOTE), on, d.properties().get(BY));
    }

    /** The dataset with this lifecycle instead of its own. */
    public Dataset applyTo(Dataset d) {
        Map<String, String> props = new TreeMap<>(d.properties());
        props.remove(NOTE);
        props.remove(DECOMMISSION_ON);
        props.remove(BY);
        if (status != DatasetStatus.ACTIVE) {
            if (note != null) {
                props.put(NOTE, note);
            }
            if (decommissionOn != null) {
                props.put(DECOMMISSION_ON, decommissionOn.toString());
            }
            if (by != null) {
                props.put(BY, by);
            }
        }
        return d.toBuilder().status(status).properties(props).build();
    }

    /** A date as {@code --on} and {@code decommission_on:} take it: YYYY-MM-DD. */
    public static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(RecordChecks.require(text, "date").strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a date; write it as YYYY-MM-DD (e.g. 2027-03-31)");
        }
    }

    public boolean isActive() {
        return status == DatasetStatus.ACTIVE;
    }
}
