package io.lumos.domain.lineage;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Dataset and column lineage in memory, indexed both ways in compressed arrays so that a walk over
 * a million edges touches only ints. Build it once per catalog session; it is immutable.
 */
public final class LineageGraph {
    /** No depth limit. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private final Map<DatasetId, Integer> index;
    private final DatasetId[] nodes;
    private final LineageEdge[] edges;
    private final int[] edgeUp;
    private final int[] edgeDown;
    private final int[] outStart;
    private final int[] outEdges;
    private final int[] inStart;
    private final int[] inEdges;

    private LineageGraph(Collection<LineageEdge> input) {
        // The last edge between the same two datasets wins, as in a catalog upsert.
        EdgeSlots byEnds = new EdgeSlots(input.size());
        index = new HashMap<>(Math.max(16, input.size()));
        List<DatasetId> nodeList = new ArrayList<>();
        List<LineageEdge> edgeList = new ArrayList<>(input.size());
        int[] ups = new int[input.size()];
        int[] downs = new int[input.size()];
        for (LineageEdge e : input) {
            int u = intern(e.upstream(), nodeList);
            int d = intern(e.downstream(), nodeList);
            long key = ((long) u << 32) | (d & 0xffffffffL);
            int existing = byEnds.putIfAbsent(key, edgeList.size());
            if (existing >= 0) {
                edgeList.set(existing, e);
                continue;
            }
            ups[edgeList.size()] = u;
            downs[edgeList.size()] = d;
            edgeList.add(e);
        }
        nodes = nodeList.toArray(new DatasetId[0]);
        edges = edgeList.toArray(new LineageEdge[0]);
        edgeUp = Arrays.copyOf(ups, edges.length);
        edgeDown = Arrays.copyOf(downs, edges.length);
        outStart = new int[nodes.length + 1];
        inStart = new int[nodes.length + 1];
        outEdges = new int[edges.length];
        inEdges = new int[edges.length];
        fill(edgeUp, outStart, outEdges);
        fill(edgeDown, inStart, inEdges);
        // Neighbours in URN order: walks, paths and listings then do not depend on the order the
        // edges came in (a catalog's storage order, or a sort it had to pay for).
        String[] urns = new String[nodes.length];
        sortSlices(outStart, outEdges, edgeDown, urns);
        sortSlices(inStart, inEdges, edgeUp, urns);
    }

    private void sortSlices(int[] start, int[] list, int[] other, String[] urns) {
        for (int n = 0; n < nodes.length; n++) {
            int from = start[n];
            int to = start[n + 1];
            if (to - from < 2) {
                continue;
            }
            Comparator<Integer> byNeighbour = Comparator.comparing(e -> urn(other[e], urns));
            if (to - from <= 16) {
                for (int i = from + 1; i < to; i++) {
                    int e = list[i];
                    int j = i - 1;
                    while (j >= from && byNeighbour.compare(list[j], e) > 0) {
                        list[j + 1] = list[j];
                        j--;
                    }
                    list[j + 1] = e;
                }
            } else {
                Integer[] slice = new Integer[to - from];
                for (int i = from; i < to; i++) {
                    slice[i - from] = list[i];
                }
                Arrays.sort(slice, byNeighbour);
                for (int i = from; i < to; i++) {
                    list[i] = slice[i - from];
                }
            }
        }
    }

    private String urn(int node, String[] urns) {
        String u = urns[node];
        if (u == null) {
            u = nodes[node].urn();
            urns[node] = u;
        }
        return u;
    }

    /**
     * Edge index by its two ends ({@code up << 32 | down}), open addressing over primitive arrays. A
     * {@code HashMap<Long, Integer>} hashes such a key to {@code up ^ down}, which collides for
     * every chain of neighbouring ids and made a million-edge graph slow to build.
     */
    private static final class EdgeSlots {
        private final long[] keys;
        private final int[] values;
        private final int mask;

        EdgeSlots(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
            keys = new long[capacity];
            values = new int[capacity];
            Arrays.fill(values, -1);
            mask = capacity - 1;
        }

        /** The value already there, or -1 after storing {@code value}. */
        int putIfAbsent(long key, int value) {
            int i = mix(key) & mask;
            while (values[i] >= 0) {
                if (keys[i] == key) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
            return -1;
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }

    public static LineageGraph of(Collection<LineageEdge> edges) {
        return new LineageGraph(edges);
    }

    private int intern(DatasetId id, List<DatasetId> nodeList) {
        Integer i = index.get(id);
        if (i == null) {
            i = nodeList.size();
            index.put(id, i);
            nodeList.add(id);
        }
        return i;
    }

    private void fill(int[] from, int[] start, int[] out) {
        for (int v : from) {
            start[v + 1]++;
        }
        for (int i = 0; i < nodes.length; i++) {
            start[i + 1] += start[i];
        }
        int[] next = Arrays.copyOf(start, nodes.length);
        for (int e = 0; e < from.length; e++) {
            out[next[from[e]]++] = e;
        }
    }

    public int datasetCount() {
        return nodes.length;
    }

    public int edgeCount() {
        return edges.length;
    }

    public boolean contains(DatasetId id) {
        return index.containsKey(id);
    }

    public List<LineageEdge> edges() {
        return List.of(edges);
    }

    /** The edges into {@code id}. */
    public List<LineageEdge> upstreamEdges(DatasetId id) {
        return neighbourEdges(id, inStart, inEdges);
    }

    /** The edges out of {@code id}. */
    public List<LineageEdge> downstreamEdges(DatasetId id) {
        return neighbourEdges(id, outStart, outEdges);
    }

    private List<LineageEdge> neighbourEdges(DatasetId id, int[] start, int[] list) {
        Integer n = index.get(id);
        if (n == null) {
            return List.of();
        }
        List<LineageEdge> out = new ArrayList<>(start[n + 1] - start[n]);
        for (int i = start[n]; i < start[n + 1]; i++) {
            out.add(edges[list[i]]);
        }
        return out;
    }

    /** Every dataset upstream of {@code id} within {@code maxDepth} hops, nearest first. */
    public List<Reached> upstream(DatasetId id, int maxDepth) {
        return walk(id, maxDepth, false);
    }

    /** Every dataset downstream of {@code id} within {@code maxDepth} hops, nearest first. */
    public List<Reached> downstream(DatasetId id, int maxDepth) {
        return walk(id, maxDepth, true);
    }

    private List<Reached> walk(DatasetId id, int maxDepth, boolean down) {
        Integer root = index.get(id);
        if (root == null) {
            return List.of();
        }
        int[] start = down ? outStart : inStart;
        int[] list = down ? outEdges : inEdges;
        int[] other = down ? edgeDown : edgeUp;
        int[] depth = new int[nodes.length];
        int[] via = new int[nodes.length];
        Arrays.fill(depth, -1);
        depth[root] = 0;
        int[] queue = new int[nodes.length];
        int head = 0;
        int tail = 0;
        queue[tail++] = root;
        while (head < tail) {
            int n = queue[head++];
            if (depth[n] >= maxDepth) {
                continue;
            }
            for (int i = start[n]; i < start[n + 1]; i++) {
                int e = list[i];
                int m = other[e];
                if (depth[m] < 0) {
                    depth[m] = depth[n] + 1;
                    via[m] = e;
                    queue[tail++] = m;
                }
            }
        }
        List<Reached> out = new ArrayList<>(tail - 1);
        for (int i = 1; i < tail; i++) {
            int m = queue[i];
            // Paths are built when asked for: a walk over a million datasets should not build a million lists.
            out.add(new Reached(nodes[m], depth[m], () -> path(root, m, via, down), edges[via[m]]));
        }
        return out;
    }

    private List<DatasetId> path(int root, int target, int[] via, boolean down) {
        ArrayDeque<DatasetId> path = new ArrayDeque<>();
        int n = target;
        while (n != root) {
            path.addFirst(nodes[n]);
            int e = via[n];
            n = down ? edgeUp[e] : edgeDown[e];
        }
        path.addFirst(nodes[root]);
        return List.copyOf(path);
    }

    /**
     * What a change to a dataset, or to one column of it, would affect downstream. With a column,
     * edges that carry column mappings are followed only from the columns they map; an edge with no
     * column mappings passes the change on to the whole downstream dataset, marked possibly affected.
     */
    public Impact impact(DatasetId id, String column, int maxDepth) {
        if (column == null || column.isBlank()) {
            List<ImpactedDataset> affected = new ArrayList<>();
            for (Reached r : downstream(id, maxDepth)) {
                affected.add(new ImpactedDataset(r.id(), r.depth(), r::path, Set.of(), false));
            }
            return new Impact(id, null, affected);
        }
        return columnImpact(id, column.strip(), maxDepth);
    }

    private Impact columnImpact(DatasetId id, String column, int maxDepth) {
        Integer root = index.get(id);
        if (root == null) {
            return new Impact(id, column, List.of());
        }
        // State per dataset: the affected columns (null = the whole dataset), depth and path.
        Map<Integer, State> states = new HashMap<>();
        State first = new State(0, List.of(id), false);
        first.columns = new TreeSet<>(List.of(column));
        states.put(root, first);
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.add(root);
        while (!work.isEmpty()) {
            int n = work.poll();
            State s = states.get(n);
            if (s.depth >= maxDepth) {
                continue;
            }
            for (int i = outStart[n]; i < outStart[n + 1]; i++) {
                int e = outEdges[i];
                LineageEdge edge = edges[e];
                int m = edgeDown[e];
                if (m == root) {
                    continue;
                }
                Set<String> reached;
                boolean possibly = s.possibly;
                if (edge.columns().isEmpty()) {
                    reached = null;
                    possibly = true;
                } else if (s.columns == null) {
                    reached = new TreeSet<>();
                    for (ColumnMapping cm : edge.columns()) {
                        reached.add(cm.downstreamColumn());
                    }
                } else {
                    reached = new TreeSet<>();
                    for (ColumnMapping cm : edge.columns()) {
                        for (String up : cm.upstreamColumns()) {
                            if (touches(s.columns, up)) {
                                reached.add(cm.downstreamColumn());
                                break;
                            }
                        }
                    }
                    if (reached.isEmpty()) {
                        continue;
                    }
                }
                State t = states.get(m);
                if (t == null) {
                    List<DatasetId> path = new ArrayList<>(s.path);
                    path.add(nodes[m]);
                    t = new State(s.depth + 1, List.copyOf(path), possibly);
                    t.columns = reached;
                    states.put(m, t);
                    work.add(m);
                } else if (t.merge(reached, possibly)) {
                    work.add(m);
                }
            }
        }
        List<ImpactedDataset> affected = new ArrayList<>();
        states.forEach((n, s) -> {
            if (n.intValue() != root) {
                affected.add(new ImpactedDataset(
                        nodes[n], s.depth, s.path, s.columns == null ? Set.of() : s.columns, s.possibly));
            }
        });
        affected.sort(Comparator.comparingInt(ImpactedDataset::depth).thenComparing(ImpactedDataset::id));
        return new Impact(id, column, affected);
    }

    /** A change to {@code changed} touches a mapping from {@code upstreamColumn} when one contains the other. */
    private static boolean touches(Set<String> changed, String upstreamColumn) {
        for (String c : changed) {
            if (c.equals(upstreamColumn) || upstreamColumn.startsWith(c + ".") || c.startsWith(upstreamColumn + ".")) {
                return true;
            }
        }
        return false;
    }

    private static final class State {
        final int depth;
        final List<DatasetId> path;
        boolean possibly;
        Set<String> columns;

        State(int depth, List<DatasetId> path, boolean possibly) {
            this.depth = depth;
            this.path = path;
            this.possibly = possibly;
        }

        /** Adds columns; true when anything grew and the walk must go on from here. */
        boolean merge(Set<String> more, boolean morePossibly) {
            boolean grew = false;
            if (columns != null) {
                if (more == null) {
                    columns = null;
                    grew = true;
                } else {
                    Set<String> union = new TreeSet<>(columns);
                    grew = union.addAll(more);
                    columns = union;
                }
            }
            if (possibly && !morePossibly) {
                possibly = false;
            }
            return grew;
        }
    }

    /** A dataset reached by a walk. {@code via} is the last edge on the shortest path. */
    public static final class Reached {
        private final DatasetId id;
        private final int depth;
        private final Supplier<List<DatasetId>> path;
        private final LineageEdge via;

        Reached(DatasetId id, int depth, Supplier<List<DatasetId>> path, LineageEdge via) {
            this.id = id;
            this.depth = depth;
            this.path = path;
            this.via = via;
        }

        public DatasetId id() {
            return id;
        }

        public int depth() {
            return depth;
        }

        /** From the start of the walk to this dataset, both included. */
        public List<DatasetId> path() {
            return path.get();
        }

        public LineageEdge via() {
            return via;
        }
    }

    /** Everything a change would affect, nearest first. */
    public record Impact(DatasetId root, String column, List<ImpactedDataset> affected) {
        public Impact {
            affected = List.copyOf(affected);
        }

        public long directCount() {
            return affected.stream().filter(ImpactedDataset::direct).count();
        }

        public long indirectCount() {
            return affected.size() - directCount();
        }

        public int maxDepth() {
            return affected.stream().mapToInt(ImpactedDataset::depth).max().orElse(0);
        }
    }

    /**
     * A dataset a change would affect. {@code columns} are the affected columns where column lineage
     * tells them (empty when unknown); {@code possiblyAffected} means it was reached through an edge
     * without column lineage, so it is not certain.
     */
    public static final class ImpactedDataset {
        private DatasetId id;
        private final Supplier<DatasetId> idSource;
        private final int depth;
        private final Supplier<List<DatasetId>> path;
        private final Set<String> columns;
        private final boolean possiblyAffected;

        public ImpactedDataset(
                DatasetId id, int depth, List<DatasetId> path, Set<String> columns, boolean possiblyAffected) {
            this(id, depth, fixed(List.copyOf(path)), columns, possiblyAffected);
        }

        ImpactedDataset(
                DatasetId id,
                int depth,
                Supplier<List<DatasetId>> path,
                Set<String> columns,
                boolean possiblyAffected) {
            this(() -> id, depth, path, columns, possiblyAffected);
            this.id = id;
        }

        /** The id looked up when asked for: a walk of a million datasets prints a few hundred. */
        ImpactedDataset(
                Supplier<DatasetId> id,
                int depth,
                Supplier<List<DatasetId>> path,
                Set<String> columns,
                boolean possiblyAffected) {
            this.idSource = id;
            this.depth = depth;
            this.path = path;
            this.columns =
                    columns.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(columns));
            this.possiblyAffected = possiblyAffected;
        }

        private static Supplier<List<DatasetId>> fixed(List<DatasetId> path) {
            return () -> path;
        }

        public DatasetId id() {
            if (id == null) {
                id = idSource.get();
            }
            return id;
        }

        public int depth() {
            return depth;
        }

        /** From the changed dataset to this one, both included. */
        public List<DatasetId> path() {
            return path.get();
        }

        public Set<String> columns() {
            return columns;
        }

        public boolean possiblyAffected() {
            return possiblyAffected;
        }

        public boolean direct() {
            return depth == 1;
        }

        @Override
        public String toString() {
            return id().shortName() + " (depth " + depth + (possiblyAffected ? ", possibly" : "") + ")";
        }
    }
}
