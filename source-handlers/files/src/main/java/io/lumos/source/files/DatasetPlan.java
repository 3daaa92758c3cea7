package io.lumos.source.files;

import io.lumos.spi.file.FileFormatReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One dataset as the first walk found it: a file, or a table folder whose files share a format. It
 * counts and sums its files as they pass and keeps nothing of each: the number, total size and
 * newest time, the partition keys (and how many files have each), and, to infer the schema from
 * the newest files when a table has more than it reads, the newest modification times up to that
 * cap while its folder is being walked.
 */
final class DatasetPlan {
    final String key;
    private String name;
    final Path location;
    final boolean table;
    /** For a table, the length of its folder's relative path and the slash after it (0 for the base). */
    private final int prefix;
    /** For a table, its folder's relative path with slashes around it, to tell keys above it. */
    private final String tableFolder;
    /** The one file of a path that names a file, else null. */
    final FoundFile sole;

    private final int cap;

    private FileFormatReader reader;
    private boolean mixed;
    private long files;
    private long size;
    private Instant newest;
    private final Map<String, long[]> partitionKeys = new LinkedHashMap<>();
    private NewestTimes newestTimes = new NewestTimes();

    /** After the walk: files with a newer time are read, and this many of those with exactly it. */
    private long threshold = Long.MIN_VALUE;

    private long tiesToRead = Long.MAX_VALUE;
    private long toRead;

    private DatasetPlan(
            String key, String name, Path location, boolean table, String tableRel, FoundFile sole, int cap) {
        this.key = key;
        this.name = name;
        this.location = location;
        this.table = table;
        this.prefix = tableRel == null || tableRel.isEmpty() ? 0 : tableRel.length() + 1;
        this.tableFolder = tableRel == null || tableRel.isEmpty() ? "/" : "/" + tableRel + "/";
        this.sole = sole;
        this.cap = cap;
    }

    static DatasetPlan table(String key, String name, Path location, String tableRel, int cap) {
        return new DatasetPlan(key, name, location, true, tableRel, null, cap);
    }

    static DatasetPlan file(String key, String name, Path location, FoundFile sole, int cap) {
        return new DatasetPlan(key, name, location, false, null, sole, cap);
    }

    String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    FileFormatReader reader() {
        return reader;
    }

    /** Whether the table's files have more than one format (then each file is a dataset). */
    boolean mixed() {
        return mixed;
    }

    long files() {
        return files;
    }

    long size() {
        return size;
    }

    Instant newest() {
        return newest;
    }

    /** How many files are read for the schema. */
    long toRead() {
        return toRead;
    }

    /** The partition keys in the order their folders appear, with whether every file has the key. */
    Map<String, Boolean> partitionKeys() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        partitionKeys.forEach((k, n) -> out.put(k, n[0] == files));
        return out;
    }

    /** Counts one file of the dataset, in relative-path order. */
    void add(FoundFile f) {
        if (reader == null) {
            reader = f.reader();
        } else if (f.reader() != reader) {
            mixed = true;
        }
        long before = files;
        files++;
        size += f.size();
        if (newest == null || f.modified().isAfter(newest)) {
            newest = f.modified();
        }
        if (newestTimes != null) {
            newestTimes.offer(nanos(f.modified()), cap);
        }
        if (!table) {
            return;
        }
        String rel = f.rel();
        String[] parts = rel.substring(Math.min(prefix, rel.length())).split("/", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                String k = parts[i].substring(0, eq);
                // a key first met now: the files before had it only if the table's folder has it
                partitionKeys.computeIfAbsent(k, x -> new long[] {tableFolder.contains("/" + x + "=") ? before : 0});
            }
        }
        for (Map.Entry<String, long[]> e : partitionKeys.entrySet()) {
            String k = e.getKey();
            if (rel.contains("/" + k + "=") || rel.startsWith(k + "=")) {
                e.getValue()[0]++;
            }
        }
    }

    /** The walk has left the dataset's folder: decide which files are read, drop the times. */
    void close() {
        if (newestTimes == null) {
            return;
        }
        if (files > cap) {
            // DataHub infers from the newest files; so do we (ties: the first in path order)
            threshold = newestTimes.min();
            tiesToRead = cap - newestTimes.countAbove(threshold);
            toRead = cap;
        } else {
            toRead = files;
        }
        newestTimes = null;
    }

    /** Whether the second walk reads this file (called in relative-path order). */
    boolean reads(FoundFile f) {
        if (files <= cap) {
            return true;
        }
        long t = nanos(f.modified());
        if (t > threshold) {
            return true;
        }
        if (t == threshold && tiesToRead > 0) {
            tiesToRead--;
            return true;
        }
        return false;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** The newest times seen, at most {@code cap}: a min-heap of longs. */
    static final class NewestTimes {
        private long[] heap = new long[16];
        private int size;

        void offer(long t, int cap) {
            if (size < cap) {
                if (size == heap.length) {
                    heap = java.util.Arrays.copyOf(heap, (int) Math.min((long) cap, 2L * heap.length));
                }
                heap[size] = t;
                up(size++);
            } else if (t > heap[0]) {
                heap[0] = t;
                down(0);
            }
        }

        long min() {
            return heap[0];
        }

        long countAbove(long t) {
            long n = 0;
            for (int i = 0; i < size; i++) {
                if (heap[i] > t) {
                    n++;
                }
            }
            return n;
        }

        private void up(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (heap[parent] <= heap[i]) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void down(int i) {
            while (true) {
                int l = 2 * i + 1;
                int smallest = i;
                if (l < size && heap[l] < heap[smallest]) {
                    smallest = l;
                }
                if (l + 1 < size && heap[l + 1] < heap[smallest]) {
                    smallest = l + 1;
                }
                if (smallest == i) {
                    return;
                }
                swap(i, smallest);
                i = smallest;
            }
        }

        private void swap(int a, int b) {
            long x = heap[a];
            heap[a] = heap[b];
            heap[b] = x;
        }
    }
}
