package io.lumos.domain.lineage;

import io.lumos.domain.DatasetId;
import io.lumos.domain.lineage.LineageGraph.Impact;
import io.lumos.domain.lineage.LineageGraph.ImpactedDataset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Dataset lineage as a catalog that numbers its datasets can hand it over: one (upstream,
 * downstream) pair of ints per edge and each dataset's rank in URN order. A walk over it touches
 * only ints; a dataset's id is looked up when someone asks for it (a printed row), so the impact
 * of the root of a million-edge graph does not parse a million URNs to print two hundred.
 *
 * <p>Its walks give what {@link LineageGraph} gives for the same edges: neighbours in URN order,
 * breadth first, the first path found kept.
 */
public final class IntLineage {
    /** Where the numbers come from: the catalog's dataset numbering. */
    public interface Nodes {
        /** The number of a dataset, or -1 when no lineage names it. */
        int nodeOf(DatasetId id);

        /** The dataset with a number. */
        DatasetId id(int node);
    }

    private final Nodes nodes;
    private final int[] outStart;
    private final int[] outList;

    /**
     * @param nodeCount numbers run from 0 to {@code nodeCount - 1}
     * @param src the upstream end of each edge
     * @param dst the downstream end of each edge
     * @param urnRank each dataset's position in the URN order of all of them
     */
    public IntLineage(int nodeCount, int[] src, int[] dst, int[] urnRank, Nodes nodes) {
        if (src.length != dst.length || urnRank.length < nodeCount) {
            throw new IllegalArgumentException("edge ends and ranks do not match");
        }
        this.nodes = nodes;
        outStart = new int[nodeCount + 1];
        for (int s : src) {
            outStart[s + 1]++;
        }
        for (int i = 0; i < nodeCount; i++) {
            outStart[i + 1] += outStart[i];
        }
        outList = new int[src.length];
        int[] next = Arrays.copyOf(outStart, nodeCount);
        for (int e = 0; e < src.length; e++) {
            outList[next[src[e]]++] = dst[e];
        }
        // each dataset's downstream neighbours in URN order, as LineageGraph orders them
        for (int n = 0; n < nodeCount; n++) {
            sortByRank(outStart[n], outStart[n + 1], urnRank);
        }
    }

    private void sortByRank(int from, int to, int[] rank) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = outList[i];
                int j = i - 1;
                while (j >= from && rank[outList[j]] > rank[v]) {
                    outList[j + 1] = outList[j];
                    j--;
                }
                outList[j + 1] = v;
            }
            return;
        }
        long[] keyed = new long[to - from];
        for (int i = from; i < to; i++) {
            keyed[i - from] = ((long) rank[outList[i]] << 32) | (outList[i] & 0xffffffffL);
        }
        Arrays.sort(keyed);
        for (int i = from; i < to; i++) {
            outList[i] = (int) keyed[i - from];
        }
    }

    /** The datasets a change to {@code root} would affect, nearest first: {@link LineageGraph#impact} without a column. */
    public Impact impact(DatasetId root, int maxDepth) {
        int r = nodes.nodeOf(root);
        if (r < 0 || r >= outStart.length - 1) {
            return new Impact(root, null, List.of());
        }
        int count = outStart.length - 1;
        int[] depth = new int[count];
        int[] via = new int[count];
        Arrays.fill(depth, -1);
        depth[r] = 0;
        int[] queue = new int[count];
        int head = 0;
        int tail = 0;
        queue[tail++] = r;
        while (head < tail) {
            int n = queue[head++];
            if (depth[n] >= maxDepth) {
                continue;
            }
            for (int i = outStart[n]; i < outStart[n + 1]; i++) {
                int m = outList[i];
                if (depth[m] < 0) {
                    depth[m] = depth[n] + 1;
                    via[m] = n;
                    queue[tail++] = m;
                }
            }
        }
        List<ImpactedDataset> affected = new ArrayList<>(Math.max(0, tail - 1));
        for (int i = 1; i < tail; i++) {
            int m = queue[i];
            affected.add(
                    new ImpactedDataset(() -> nodes.id(m), depth[m], () -> path(root, r, m, via), Set.of(), false));
        }
        return new Impact(root, null, affected);
    }

    private List<DatasetId> path(DatasetId rootId, int root, int target, int[] via) {
        ArrayDeque<DatasetId> path = new ArrayDeque<>();
        for (int n = target; n != root; n = via[n]) {
            path.addFirst(nodes.id(n));
        }
        path.addFirst(rootId);
        return List.copyOf(path);
    }
}
