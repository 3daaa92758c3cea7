package io.lumos.source.openlineage;

import io.lumos.domain.DatasetId;
import java.util.HashMap;
import java.util.Map;

/**
 * What a long-running reader ({@code lumos consume}) has written to the catalogs: a 64-bit
 * fingerprint of the folded facts of each dataset and of each lineage edge, so that a batch hands
 * over only the datasets and edges whose facts changed since the catalogs took them. Without it every
 * batch rewrote every dataset its events named (each input a job read again, every edge of every
 * run), although the catalogs' writes of the same facts change nothing. An edge's fingerprint is its
 * downstream's facts (its column lineage) and its job, not its first time: the catalogs keep the
 * first time they were given.
 *
 * <p>Memory: one {@code long} per dataset and one map entry per edge (datasets are numbered, an edge
 * is the pair of numbers), never the facts. A batch's fingerprints count only once the batch is
 * {@linkplain Pending#apply() committed}; a batch the catalogs did not take is forgotten, so it is
 * written whole again. After a rebalance the reader {@link #clear() clears} it: another consumer may
 * have written the same datasets meanwhile.
 */
final class Written {
    private final Map<DatasetId, Integer> numbers = new HashMap<>();
    private long[] datasets = new long[1024];
    private long[] facts = new long[1024];
    private boolean[] known = new boolean[1024];
    private final Map<Long, Long> edges = new HashMap<>();
    /** Moves on every {@link #clear}: a batch read before it applies nothing (its numbers are gone). */
    private int generation;

    /** Forgets everything: the next batch is written whole. */
    void clear() {
        numbers.clear();
        datasets = new long[1024];
        facts = new long[1024];
        known = new boolean[1024];
        edges.clear();
        generation++;
    }

    int datasetCount() {
        return numbers.size();
    }

    int edgeCount() {
        return edges.size();
    }

    private int number(DatasetId id) {
        Integer n = numbers.get(id);
        if (n == null) {
            n = numbers.size();
            numbers.put(id, n);
            if (n >= datasets.length) {
                datasets = java.util.Arrays.copyOf(datasets, datasets.length * 2);
                facts = java.util.Arrays.copyOf(facts, facts.length * 2);
                known = java.util.Arrays.copyOf(known, known.length * 2);
            }
        }
        return n;
    }

    /** The changes one batch would make; they count once {@link Pending#apply} is called. */
    Pending pending() {
        return new Pending();
    }

    /** One batch's view: what changed against what was committed before it. */
    final class Pending implements Intake.Memo {
        private final Map<Integer, Long> newDatasets = new HashMap<>();
        private final Map<Integer, Long> newFacts = new HashMap<>();
        private final Map<Long, Long> newEdges = new HashMap<>();
        private final int readIn = generation;

        @Override
        public boolean datasetChanged(DatasetId id, long fingerprint) {
            int n = number(id);
            if (known[n] && datasets[n] == fingerprint) {
                return false;
            }
            newDatasets.put(n, fingerprint);
            return true;
        }

        @Override
        public boolean factsChanged(DatasetId id, long fingerprint) {
            int n = number(id);
            if (known[n] && facts[n] == fingerprint) {
                return false;
            }
            newFacts.put(n, fingerprint);
            return true;
        }

        @Override
        public boolean edgeChanged(DatasetId upstream, DatasetId downstream, long fingerprint) {
            long key = ((long) number(upstream) << 32) | (number(downstream) & 0xffffffffL);
            Long old = edges.get(key);
            if (old != null && old == fingerprint) {
                return false;
            }
            newEdges.put(key, fingerprint);
            return true;
        }

        /** The catalogs took the batch: its fingerprints are what they hold now. */
        void apply() {
            if (readIn != generation) {
                return; // cleared meanwhile: the next batch writes its datasets whole
            }
            newDatasets.forEach((n, fp) -> {
                datasets[n] = fp;
                known[n] = true;
            });
            newFacts.forEach((n, fp) -> facts[n] = fp);
            edges.putAll(newEdges);
            newDatasets.clear();
            newFacts.clear();
            newEdges.clear();
        }
    }
}
