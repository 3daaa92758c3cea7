package io.lumos.source.openlineage;

import io.lumos.domain.Dataset;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event time of each fact a catalog holds about a dataset, kept with the dataset as the
 * property {@code lumos.state.openlineage.event_times} ({@code columnLineage=2026-11-01T00:00:30Z,schema=...,seen=...}), which makes no version:
 * for each facet we read, the time of the event that stated it, and {@code seen}, the newest event
 * that named the dataset (whose producer it shows). It is what a later run or batch compares with,
 * as Marquez orders a dataset's facets by their events' times: a fact from an older event does not
 * replace the one the catalog holds, a newer one does. A catalog written before this property
 * existed holds no times: what is read then replaces it, as it always did.
 */
final class EventTimes {
    static final String PROPERTY = io.lumos.spi.CatalogView.STATE_PREFIX + "openlineage.event_times";
    private static final String SEEN = "seen";

    private final Instant[] facets;
    private final Instant seen;

    private EventTimes(Instant[] facets, Instant seen) {
        this.facets = facets;
        this.seen = seen;
    }

    /** The times {@code stored} holds; none when it is null or was not written by this source. */
    static EventTimes of(Dataset stored) {
        Instant[] facets = new Instant[DatasetFacts.FACETS.size()];
        Instant seen = null;
        String text = stored == null ? null : stored.properties().get(PROPERTY);
        if (text != null) {
            for (String part : text.split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                Instant at;
                try {
                    at = Instant.parse(part.substring(eq + 1).strip());
                } catch (DateTimeException e) {
                    continue; // edited by hand: that fact is replaced by what is read
                }
                String key = part.substring(0, eq).strip();
                int i = DatasetFacts.facetIndex(key);
                if (i >= 0) {
                    facets[i] = at;
                } else if (SEEN.equals(key)) {
                    seen = at;
                }
            }
        }
        return new EventTimes(facets, seen);
    }

    boolean isEmpty() {
        if (seen != null) {
            return false;
        }
        for (Instant t : facets) {
            if (t != null) {
                return false;
            }
        }
        return true;
    }

    /** When the catalog's facet {@code i} was stated, or null. */
    Instant facet(int i) {
        return facets[i];
    }

    Instant seen() {
        return seen;
    }

    /**
     * Whether the catalog's facet {@code i} stays: it was stated by an event newer than the one
     * that stated {@code read} (null: this batch's events did not state it at all). On equal times
     * the fact read now wins, as within one fold the later-read of two equal times does: the
     * result is the same for the same events in the same order, and a producer can correct a fact
     * by sending it again with the same time (Marquez leaves that tie undefined).
     */
    boolean holds(int i, Instant read) {
        return facets[i] != null && (read == null || read.isBefore(facets[i]));
    }

    /** The property text of what the catalog will hold: per fact the newer of the two times. */
    static String merged(DatasetFacts read, EventTimes held) {
        Map<String, Instant> out = new TreeMap<>();
        for (int i = 0; i < DatasetFacts.FACETS.size(); i++) {
            Instant t = newer(read.times[i], held.facets[i]);
            if (t != null) {
                out.put(DatasetFacts.FACETS.get(i), t);
            }
        }
        Instant seen = newer(read.lastSeen, held.seen);
        if (seen != null) {
            out.put(SEEN, seen);
        }
        StringBuilder b = new StringBuilder();
        out.forEach((k, v) ->
                b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }

    static Instant newer(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || !a.isBefore(b) ? a : b;
    }
}
