package io.lumos.domain.cost;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lets the cost of producing data flow down lineage to the datasets that consume it, so that the
 * consumers at the end of the chains carry what their inputs cost.
 *
 * <p>Each dataset's cost comes from config, else its property {@code cost.monthly}, else
 * {@code cost}. In lineage order, a dataset with consumers passes its whole cost (its own plus what
 * it received) on to them: by declared shares where given (config, or the upstream's property
 * {@code cost.split.<downstream>} with the downstream's {@code platform:name} or URN), the rest in
 * equal parts among the consumers without a declared share. Datasets on or below a lineage cycle
 * keep what they have, and a problem says so.
 */
public final class CostAttribution {
    public static final String NO_OWNER = "(no owner)";
    public static final String NO_DOMAIN = "(no domain)";
    public static final String SPLIT_PREFIX = "cost.split.";

    private final Map<DatasetId, Double> configuredCosts;
    private final Map<DatasetId, Map<DatasetId, Double>> configuredSplits;

    /**
     * @param configuredCosts costs per dataset from config; they win over properties
     * @param configuredSplits per upstream, the declared share of each consumer; they win over
     *     properties
     */
    public CostAttribution(
            Map<DatasetId, Double> configuredCosts, Map<DatasetId, Map<DatasetId, Double>> configuredSplits) {
        this.configuredCosts = Map.copyOf(configuredCosts);
        this.configuredSplits = Map.copyOf(configuredSplits);
    }

    public CostAttribution() {
        this(Map.of(), Map.of());
    }

    public CostReport attribute(CatalogSnapshot snapshot) {
        List<String> problems = new ArrayList<>();
        Map<DatasetId, Dataset> byId = new LinkedHashMap<>();
        for (Dataset d : snapshot.datasets()) {
            byId.put(d.id(), d);
        }
        // Nodes: every dataset plus lineage ends the catalog does not describe.
        TreeSet<DatasetId> nodes = new TreeSet<>(byId.keySet());
        Map<DatasetId, TreeSet<DatasetId>> consumers = new HashMap<>();
        Map<DatasetId, Integer> inDegree = new HashMap<>();
        for (LineageEdge e : snapshot.lineage()) {
            nodes.add(e.upstream());
            nodes.add(e.downstream());
            if (consumers.computeIfAbsent(e.upstream(), k -> new TreeSet<>()).add(e.downstream())) {
                inDegree.merge(e.downstream(), 1, Integer::sum);
            }
        }
        Map<DatasetId, Double> direct = new HashMap<>();
        Map<DatasetId, String> source = new HashMap<>();
        for (DatasetId id : nodes) {
            readCost(id, byId.get(id), direct, source, problems);
        }
        Map<DatasetId, Double> received = new HashMap<>();
        Map<DatasetId, Double> passed = new HashMap<>();
        List<CostFlow> flows = new ArrayList<>();
        ArrayDeque<DatasetId> ready = new ArrayDeque<>();
        for (DatasetId id : nodes) {
            if (inDegree.getOrDefault(id, 0) == 0) {
                ready.add(id);
            }
        }
        int done = 0;
        while (!ready.isEmpty()) {
            DatasetId id = ready.poll();
            done++;
            TreeSet<DatasetId> downs = consumers.get(id);
            if (downs == null) {
                continue;
            }
            double total = direct.getOrDefault(id, 0.0) + received.getOrDefault(id, 0.0);
            Map<DatasetId, Double> declared = declaredShares(id, byId.get(id), downs, problems);
            Map<DatasetId, Double> shares = shares(id, downs, declared, problems);
            for (DatasetId down : downs) {
                double share = shares.get(down);
                double amount = total * share;
                received.merge(down, amount, Double::sum);
                flows.add(new CostFlow(id, down, share, amount, declared.containsKey(down)));
                int left = inDegree.merge(down, -1, Integer::sum);
                if (left == 0) {
                    ready.add(down);
                }
            }
            passed.put(id, total);
        }
        if (done < nodes.size()) {
            List<String> stuck = new ArrayList<>();
            for (DatasetId id : nodes) {
                if (inDegree.getOrDefault(id, 0) > 0) {
                    stuck.add(id.shortName());
                }
            }
            problems.add("cost was not passed on from " + stuck.size()
                    + " dataset(s) on or below a lineage cycle, they keep their cost: "
                    + String.join(", ", stuck.subList(0, Math.min(10, stuck.size())))
                    + (stuck.size() > 10 ? ", ..." : ""));
        }
        List<DatasetCost> costs = new ArrayList<>(nodes.size());
        for (DatasetId id : nodes) {
            Dataset d = byId.get(id);
            double dir = direct.getOrDefault(id, 0.0);
            double rec = received.getOrDefault(id, 0.0);
            double out = passed.getOrDefault(id, 0.0);
            costs.add(new DatasetCost(
                    id,
                    d == null
                            ? List.of()
                            : d.owners().stream().map(Owner::urn).distinct().toList(),
                    d == null ? null : d.domain(),
                    dir,
                    source.get(id),
                    rec,
                    out,
                    dir + rec - out));
        }
        return new CostReport(costs, flows, totals(costs, true), totals(costs, false), problems);
    }

    private void readCost(
            DatasetId id,
            Dataset d,
            Map<DatasetId, Double> direct,
            Map<DatasetId, String> source,
            List<String> problems) {
        Double configured = configuredCosts.get(id);
        if (configured != null) {
            direct.put(id, configured);
            source.put(id, "config");
            return;
        }
        if (d == null) {
            return;
        }
        for (String key : List.of("cost.monthly", "cost")) {
            String raw = d.properties().get(key);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            Double v = parseNumber(raw);
            if (v == null) {
                problems.add(id.shortName() + ": property " + key + "='" + raw
                        + "' is not a number; write a plain amount such as 1200.50");
                continue;
            }
            direct.put(id, v);
            source.put(id, "property " + key);
            return;
        }
    }

    /** Declared shares of the consumers that have one (config first, then properties). */
    private Map<DatasetId, Double> declaredShares(
            DatasetId up, Dataset d, TreeSet<DatasetId> downs, List<String> problems) {
        Map<DatasetId, Double> out = new HashMap<>();
        Map<DatasetId, Double> fromConfig = configuredSplits.getOrDefault(up, Map.of());
        for (DatasetId down : downs) {
            Double share = fromConfig.get(down);
            if (share == null && d != null) {
                String raw = d.properties().get(SPLIT_PREFIX + down.shortName());
                if (raw == null) {
                    raw = d.properties().get(SPLIT_PREFIX + down.urn());
                }
                if (raw != null) {
                    share = parseNumber(raw.endsWith("%") ? raw.substring(0, raw.length() - 1) : raw);
                    if (share != null && raw.endsWith("%")) {
                        share = share / 100;
                    }
                    if (share == null || share < 0) {
                        problems.add(up.shortName() + ": property " + SPLIT_PREFIX + down.shortName() + "='" + raw
                                + "' is not a share; write a fraction such as 0.25 or a percentage such as 25%");
                        share = null;
                    }
                }
            }
            if (share != null) {
                out.put(down, share);
            }
        }
        return out;
    }

    private static Map<DatasetId, Double> shares(
            DatasetId up, TreeSet<DatasetId> downs, Map<DatasetId, Double> declared, List<String> problems) {
        Map<DatasetId, Double> out = new HashMap<>();
        double declaredSum = 0;
        for (double s : declared.values()) {
            declaredSum += s;
        }
        int undeclared = downs.size() - declared.size();
        if (declared.isEmpty() || declaredSum == 0 && undeclared == 0) {
            for (DatasetId down : downs) {
                out.put(down, 1.0 / downs.size());
            }
            return out;
        }
        if (undeclared == 0 || declaredSum >= 1) {
            if (undeclared > 0 || declaredSum > 1 + 1e-9) {
                problems.add(up.shortName() + ": declared cost shares add up to "
                        + Math.round(declaredSum * 10000) / 100.0 + "%; scaled to 100%"
                        + (undeclared > 0
                                ? " and the " + undeclared + " consumer(s) without a share get nothing"
                                : ""));
            }
            for (DatasetId down : downs) {
                out.put(down, declared.getOrDefault(down, 0.0) / declaredSum);
            }
            return out;
        }
        double rest = (1 - declaredSum) / undeclared;
        for (DatasetId down : downs) {
            out.put(down, declared.getOrDefault(down, rest));
        }
        return out;
    }

    private static List<CostTotal> totals(List<DatasetCost> costs, boolean byOwner) {
        Map<String, double[]> sums = new TreeMap<>();
        for (DatasetCost c : costs) {
            List<String> keys = byOwner
                    ? (c.owners().isEmpty() ? List.of(NO_OWNER) : c.owners())
                    : List.of(c.domain() == null ? NO_DOMAIN : c.domain());
            double part = 1.0 / keys.size();
            for (String k : keys) {
                double[] s = sums.computeIfAbsent(k, x -> new double[3]);
                s[0]++;
                s[1] += c.direct() * part;
                s[2] += c.attributed() * part;
            }
        }
        List<CostTotal> out = new ArrayList<>(sums.size());
        sums.forEach((k, s) -> out.add(new CostTotal(k, (int) s[0], s[1], s[2])));
        return out;
    }

    /** A plain amount; thousands separators and spaces are allowed. Null when it is not a number. */
    public static Double parseNumber(String raw) {
        String t = raw.strip().replace(",", "").replace("_", "").replace(" ", "");
        try {
            double v = Double.parseDouble(t);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
