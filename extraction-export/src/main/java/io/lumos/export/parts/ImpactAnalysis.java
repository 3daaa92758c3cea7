package io.lumos.export.parts;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.lineage.LineageGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * For every dataset, how many datasets a change would reach downstream (directly and through
 * others) and its most critical paths: the longest chains a break would travel, ties broken by
 * how far the end of the chain spreads on. Walks reuse int arrays, so 10,000 datasets cost no more
 * than a few arrays of that size.
 */
public final class ImpactAnalysis {
    /** Impact of one dataset. */
    public record Entry(DatasetId dataset, int direct, int indirect, int maxDepth, List<List<DatasetId>> paths) {
        public int total() {
            return direct + indirect;
        }
    }

    private final DatasetId[] nodes;
    private final Map<DatasetId, Integer> index = new HashMap<>();
    private final int[] start;
    private final int[] targets;
    private final int[] totals;
    private final List<Entry> entries;

    ImpactAnalysis(CatalogSnapshot snapshot, LineageGraph graph, int pathsPerDataset, int maxDepth) {
        TreeSet<DatasetId> all = new TreeSet<>();
        for (Dataset d : snapshot.datasets()) {
            all.add(d.id());
        }
        List<LineageEdge> edges = graph.edges();
        for (LineageEdge e : edges) {
            all.add(e.upstream());
            all.add(e.downstream());
        }
        nodes = all.toArray(new DatasetId[0]);
        for (int i = 0; i < nodes.length; i++) {
            index.put(nodes[i], i);
        }
        start = new int[nodes.length + 1];
        targets = new int[edges.size()];
        for (LineageEdge e : edges) {
            start[index.get(e.upstream()) + 1]++;
        }
        for (int i = 0; i < nodes.length; i++) {
            start[i + 1] += start[i];
        }
        int[] next = Arrays.copyOf(start, nodes.length);
        for (LineageEdge e : edges) {
            targets[next[index.get(e.upstream())]++] = index.get(e.downstream());
        }
        int[] depth = new int[nodes.length];
        int[] parent = new int[nodes.length];
        int[] queue = new int[nodes.length];
        Arrays.fill(depth, -1);
        totals = new int[nodes.length];
        int[] directs = new int[nodes.length];
        int[] deepest = new int[nodes.length];
        for (int n = 0; n < nodes.length; n++) {
            int reached = walk(n, maxDepth, depth, parent, queue);
            int direct = 0;
            int deep = 0;
            for (int i = 1; i < reached; i++) {
                int m = queue[i];
                if (depth[m] == 1) {
                    direct++;
                }
                deep = Math.max(deep, depth[m]);
            }
            totals[n] = reached - 1;
            directs[n] = direct;
            deepest[n] = deep;
            reset(reached, depth, queue);
        }
        List<Entry> out = new ArrayList<>(nodes.length);
        for (int n = 0; n < nodes.length; n++) {
            List<List<DatasetId>> paths = List.of();
            if (totals[n] > 0 && pathsPerDataset > 0) {
                int reached = walk(n, maxDepth, depth, parent, queue);
                paths = criticalPaths(reached, pathsPerDataset, depth, parent, queue);
                reset(reached, depth, queue);
            }
            out.add(new Entry(nodes[n], directs[n], totals[n] - directs[n], deepest[n], paths));
        }
        entries = List.copyOf(out);
    }

    /** Breadth-first walk; {@code queue[0..returned)} holds the root and every dataset reached. */
    private int walk(int root, int maxDepth, int[] depth, int[] parent, int[] queue) {
        int head = 0;
        int tail = 0;
        queue[tail++] = root;
        depth[root] = 0;
        parent[root] = -1;
        while (head < tail) {
            int n = queue[head++];
            if (depth[n] >= maxDepth) {
                continue;
            }
            for (int i = start[n]; i < start[n + 1]; i++) {
                int m = targets[i];
                if (depth[m] < 0) {
                    depth[m] = depth[n] + 1;
                    parent[m] = n;
                    queue[tail++] = m;
                }
            }
        }
        return tail;
    }

    private static void reset(int reached, int[] depth, int[] queue) {
        for (int i = 0; i < reached; i++) {
            depth[queue[i]] = -1;
        }
    }

    /** The {@code limit} best ends by a linear scan: a full sort per dataset would cost n log n each. */
    private List<List<DatasetId>> criticalPaths(int reached, int limit, int[] depth, int[] parent, int[] queue) {
        int[] best = new int[Math.min(limit, reached - 1)];
        int size = 0;
        for (int i = 1; i < reached; i++) {
            int m = queue[i];
            if (size < best.length) {
                best[size++] = m;
            } else if (better(m, best[size - 1], depth)) {
                best[size - 1] = m;
            } else {
                continue;
            }
            for (int j = size - 1; j > 0 && better(best[j], best[j - 1], depth); j--) {
                int t = best[j];
                best[j] = best[j - 1];
                best[j - 1] = t;
            }
        }
        List<List<DatasetId>> paths = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ArrayDeque<DatasetId> path = new ArrayDeque<>();
            for (int n = best[i]; n != -1; n = parent[n]) {
                path.addFirst(nodes[n]);
            }
            paths.add(List.copyOf(path));
        }
        return paths;
    }

    /** Deeper first, then the end that spreads further, then by id. */
    private boolean better(int a, int b, int[] depth) {
        if (depth[a] != depth[b]) {
            return depth[a] > depth[b];
        }
        if (totals[a] != totals[b]) {
            return totals[a] > totals[b];
        }
        return nodes[a].compareTo(nodes[b]) < 0;
    }

    /** Every dataset (catalogued or only named by lineage), sorted by id. */
    public List<Entry> entries() {
        return entries;
    }

    /** How many datasets {@code id} reaches downstream, 0 when it is unknown. */
    public int total(DatasetId id) {
        Integer i = index.get(id);
        return i == null ? 0 : totals[i];
    }
}
