package io.lumos.source.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.DatasetId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one OpenLineage dataset (namespace + name) is known to be, each fact with the event time that
 * stated it: the kept facets as the producer wrote them (read into a tree only at the end), the
 * physical dataset its symlinks name, who saw it last and when a run last wrote it. A later fact
 * replaces an earlier one only when its event time is not earlier ({@link Intake} folds events into
 * these). {@link #facts()} and {@link #fingerprint()} are what {@code lumos consume} compares to
 * write only what changed.
 */
final class DatasetFacts {
    /** The dataset facets we read; others are ignored, as the spec allows. */
    static final List<String> FACETS = List.of(
            "schema",
            "documentation",
            "ownership",
            "symlinks",
            "storage",
            "dataSource",
            "datasetType",
            "lifecycleStateChange",
            "version",
            "tags",
            "columnLineage",
            "outputStatistics");

    private static final Map<String, Integer> FACET_INDEX = index();
    static final int SCHEMA = FACETS.indexOf("schema");
    static final int SYMLINKS = FACETS.indexOf("symlinks");
    static final int COLUMN_LINEAGE = FACETS.indexOf("columnLineage");
    static final int OUTPUT_STATISTICS = FACETS.indexOf("outputStatistics");

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The index of a facet we keep, or -1. */
    static int facetIndex(String name) {
        Integer i = FACET_INDEX.get(name);
        return i == null ? -1 : i;
    }

    private static Map<String, Integer> index() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < FACETS.size(); i++) {
            m.put(FACETS.get(i), i);
        }
        return Map.copyOf(m);
    }

    final String namespace;
    final String name;
    /** Each kept facet as the producer wrote it (JSON bytes), read into a tree only at the end. */
    final byte[][] facets = new byte[FACETS.size()][];

    final Instant[] times = new Instant[FACETS.size()];
    /** The physical dataset this table was seen as (from its symlinks), for the location. */
    String physicalNamespace;

    String physicalName;
    Instant physicalAt;
    Instant lastSeen;
    String producer;
    /** The last time a run wrote it with success. */
    Instant lastWritten;
    /** Our id of it, as runs name it (made once). */
    DatasetId runId;

    DatasetFacts(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * Keeps the facet unless a newer one is kept; the same bytes again only move the time. Of two
     * equal times the one read later wins (the same rule {@link EventTimes#holds} applies against
     * what a catalog holds from earlier batches and runs).
     */
    void put(int facet, byte[] bytes, int from, int to, Instant at) {
        if (times[facet] == null || !at.isBefore(times[facet])) {
            times[facet] = at;
            byte[] old = facets[facet];
            if (old == null || !java.util.Arrays.equals(old, 0, old.length, bytes, from, to)) {
                facets[facet] = java.util.Arrays.copyOfRange(bytes, from, to);
            }
        }
    }

    /** The newest facet i as a tree, or null when none was seen or the newest said {@code _deleted}. */
    JsonNode facet(int i) {
        byte[] b = facets[i];
        if (b == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(b);
            return n == null || !n.isObject() || n.path("_deleted").asBoolean(false) ? null : n;
        } catch (java.io.IOException e) {
            return null; // cannot happen: the bytes were parsed once already
        }
    }

    boolean hasSchema() {
        return facet(SCHEMA) != null;
    }

    /**
     * The folded facts that make the dataset, as 64 bits (FNV-1a): every kept facet's bytes, the
     * names, the physical dataset and the producer; not the times anything was stated at, nor
     * when a run last wrote it ({@link #fingerprint} adds that).
     */
    long facts() {
        long h = 0xcbf29ce484222325L;
        h = mix(h, namespace);
        h = mix(h, name);
        h = mix(h, physicalNamespace);
        h = mix(h, physicalName);
        h = mix(h, producer);
        for (byte[] f : facets) {
            if (f == null) {
                h = (h ^ 0xff) * 0x100000001b3L;
            } else {
                h = (h ^ f.length) * 0x100000001b3L;
                for (byte b : f) {
                    h = (h ^ (b & 0xff)) * 0x100000001b3L;
                }
            }
        }
        return h;
    }

    /**
     * {@link #facts}, the last time a run wrote it (its statistics' last-modified time) and the
     * event time of each fact: the catalog keeps those times ({@link EventTimes}) to tell a newer
     * fact from an older one, so a fact stated again later must reach it even when it is the same.
     */
    long fingerprint() {
        long h = time(facts(), lastWritten);
        for (Instant t : times) {
            h = time(h, t);
        }
        return h; // not when it was last named without facts: that alone changes nothing
    }

    private static long time(long h, Instant t) {
        long x = (h ^ (t == null ? -1L : t.getEpochSecond())) * 0x100000001b3L;
        return (x ^ (t == null ? -1L : t.getNano())) * 0x100000001b3L;
    }

    void seen(Instant at, String by) {
        if (lastSeen == null || !at.isBefore(lastSeen)) {
            lastSeen = at;
            producer = by;
        }
    }

    /** Another state of the same dataset (seen before its symlink was known): newest facts win. */
    void merge(DatasetFacts other) {
        for (int i = 0; i < facets.length; i++) {
            if (other.times[i] != null) {
                put(i, other.facets[i], 0, other.facets[i].length, other.times[i]);
            }
        }
        if (other.lastSeen != null) {
            seen(other.lastSeen, other.producer);
        }
        if (other.lastWritten != null && (lastWritten == null || other.lastWritten.isAfter(lastWritten))) {
            lastWritten = other.lastWritten;
        }
        if (other.physicalNamespace != null && (physicalAt == null || !other.physicalAt.isBefore(physicalAt))) {
            physicalNamespace = other.physicalNamespace;
            physicalName = other.physicalName;
            physicalAt = other.physicalAt;
        }
    }

    /** Folds a string into an FNV-1a hash. */
    static long mix(long h, String s) {
        long x = h;
        if (s == null) {
            return (x ^ 0xfe) * 0x100000001b3L;
        }
        x = (x ^ s.length()) * 0x100000001b3L;
        for (int i = 0; i < s.length(); i++) {
            x = (x ^ s.charAt(i)) * 0x100000001b3L;
        }
        return x;
    }
}
