package io.lumos.domain.cost;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
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
 *
 * <p>Amounts are decimals, never binary floating point: 0.1 + 0.2 is 0.3. A share of an amount is
 * rounded half-even to the amount's own decimals (at least cents), and the last consumer of an
 * upstream gets what is left, so that what is passed on adds up to exactly what there was.
 */
public final class CostAttribution {
    public static final String NO_OWNER = "(no owner)";
    public static final String NO_DOMAIN = "(no domain)";
    public static final String SPLIT_PREFIX = "cost.split.";

    private static final MathContext SHARES = MathContext.DECIMAL64;
    private static final int MAX_SCALE = 10;

    private final Map<DatasetId, BigDecimal> configuredCosts;
    private final Map<DatasetId, Map<DatasetId, BigDecimal>> configuredSplits;

    /**
     * @param configuredCosts costs per dataset from config; they win over properties
     * @param configuredSplits per upstream, the declared share of each consumer; they win over
     *     properties
     */
    public CostAttribution(
            Map<DatasetId, BigDecimal> configuredCosts, Map<DatasetId, Map<DatasetId, BigDecimal>> configuredSplits) {
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
        Map<DatasetId, BigDecimal> direct = new HashMap<>();
        Map<DatasetId, String> source = new HashMap<>();
        for (DatasetId id : nodes) {
            readCost(id, byId.get(id), direct, source, problems);
        }
        Map<DatasetId, BigDecimal> received = new HashMap<>();
        Map<DatasetId, BigDecimal> passed = new HashMap<>();
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
            BigDecimal total = direct.getOrDefault(id, BigDecimal.ZERO).add(received.getOrDefault(id, BigDecimal.ZERO));
            Map<DatasetId, BigDecimal> declared = declaredShares(id, byId.get(id), downs, problems);
            Map<DatasetId, BigDecimal> shares = shares(id, downs, declared, problems);
            int scale = Math.min(MAX_SCALE, Math.max(2, total.scale()));
            DatasetId last = null;
            for (DatasetId down : downs) {
                if (shares.get(down).signum() > 0) {
                    last = down;
                }
            }
            BigDecimal given = BigDecimal.ZERO;
            for (DatasetId down : downs) {
                BigDecimal share = shares.get(down);
                BigDecimal amount = down.equals(last)
                        ? total.subtract(given)
                        : total.multiply(share).setScale(scale, RoundingMode.HALF_EVEN);
                given = given.add(amount);
                received.merge(down, amount, BigDecimal::add);
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
            BigDecimal dir = direct.getOrDefault(id, BigDecimal.ZERO);
            BigDecimal rec = received.getOrDefault(id, BigDecimal.ZERO);
            BigDecimal out = passed.getOrDefault(id, BigDecimal.ZERO);
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
                    dir.add(rec).subtract(out)));
        }
        return new CostReport(costs, flows, totals(costs, true), totals(costs, false), problems);
    }

    private void readCost(
            DatasetId id,
            Dataset d,
            Map<DatasetId, BigDecimal> direct,
            Map<DatasetId, String> source,
            List<String> problems) {
        BigDecimal configured = configuredCosts.get(id);
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
            BigDecimal v = parseNumber(raw);
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
    private Map<DatasetId, BigDecimal> declaredShares(
            DatasetId up, Dataset d, SortedSet<DatasetId> downs, List<String> problems) {
        Map<DatasetId, BigDecimal> out = new HashMap<>();
        Map<DatasetId, BigDecimal> fromConfig = configuredSplits.getOrDefault(up, Map.of());
        for (DatasetId down : downs) {
            BigDecimal share = fromConfig.get(down);
            if (share == null && d != null) {
                String raw = d.properties().get(SPLIT_PREFIX + down.shortName());
                if (raw == null) {
                    raw = d.properties().get(SPLIT_PREFIX + down.urn());
                }
                if (raw != null) {
                    share = parseNumber(raw.endsWith("%") ? raw.substring(0, raw.length() - 1) : raw);
                    if (share != null && raw.endsWith("%")) {
                        share = share.movePointLeft(2);
                    }
                    if (share == null || share.signum() < 0) {
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

    private static Map<DatasetId, BigDecimal> shares(
            DatasetId up, SortedSet<DatasetId> downs, Map<DatasetId, BigDecimal> declared, List<String> problems) {
        Map<DatasetId, BigDecimal> out = new HashMap<>();
        BigDecimal declaredSum = BigDecimal.ZERO;
        for (BigDecimal s : declared.values()) {
            declaredSum = declaredSum.add(s);
        }
        int undeclared = downs.size() - declared.size();
        if (declared.isEmpty() || (declaredSum.signum() == 0 && undeclared == 0)) {
            BigDecimal equal = BigDecimal.ONE.divide(BigDecimal.valueOf(downs.size()), SHARES);
            for (DatasetId down : downs) {
                out.put(down, equal);
            }
            return out;
        }
        if (undeclared == 0 || declaredSum.compareTo(BigDecimal.ONE) >= 0) {
            if (undeclared > 0 || declaredSum.compareTo(BigDecimal.ONE) > 0) {
                problems.add(up.shortName() + ": declared cost shares add up to "
                        + declaredSum.movePointRight(2).stripTrailingZeros().toPlainString() + "%; scaled to 100%"
                        + (undeclared > 0
                                ? " and the " + undeclared + " consumer(s) without a share get nothing"
                                : ""));
            }
            for (DatasetId down : downs) {
                out.put(down, declared.getOrDefault(down, BigDecimal.ZERO).divide(declaredSum, SHARES));
            }
            return out;
        }
        BigDecimal rest = BigDecimal.ONE.subtract(declaredSum).divide(BigDecimal.valueOf(undeclared), SHARES);
        for (DatasetId down : downs) {
            out.put(down, declared.getOrDefault(down, rest));
        }
        return out;
    }

    private static List<CostTotal> totals(List<DatasetCost> costs, boolean byOwner) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (DatasetCost c : costs) {
            List<String> keys = byOwner
                    ? (c.owners().isEmpty() ? List.of(NO_OWNER) : c.owners())
                    : List.of(c.domain() == null ? NO_DOMAIN : c.domain());
            BigDecimal n = BigDecimal.valueOf(keys.size());
            for (String k : keys) {
                BigDecimal[] s = sums.computeIfAbsent(k, x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                counts.merge(k, 1, Integer::sum);
                s[0] = s[0].add(part(c.direct(), n));
                s[1] = s[1].add(part(c.attributed(), n));
            }
        }
        List<CostTotal> out = new ArrayList<>(sums.size());
        sums.forEach((k, s) -> out.add(new CostTotal(k, counts.get(k), s[0], s[1])));
        return out;
    }

    /** An equal part of an amount, to its own decimals (at least cents). */
    private static BigDecimal part(BigDecimal amount, BigDecimal parts) {
        return parts.compareTo(BigDecimal.ONE) == 0
                ? amount
                : amount.divide(parts, Math.min(MAX_SCALE, Math.max(2, amount.scale())), RoundingMode.HALF_EVEN);
    }

    /** A plain amount; thousands separators and spaces are allowed. Null when it is not a number. */
    public static BigDecimal parseNumber(String raw) {
        String t = raw.strip().replace(",", "").replace("_", "").replace(" ", "");
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
