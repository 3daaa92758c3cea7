package io.lumos.export.parts;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.DatasetId;
import io.lumos.domain.assertion.AssertionResult;
import io.lumos.domain.cost.CostAttribution;
import io.lumos.domain.cost.CostReport;
import io.lumos.domain.health.HealthReport;
import io.lumos.domain.health.HealthScorer;
import io.lumos.domain.health.HealthWeights;
import io.lumos.domain.lineage.LineageGraph;
import io.lumos.domain.usage.UsageSample;
import io.lumos.domain.usage.UsageSummary;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Reporter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the parts of one extraction share: the snapshot, the options, and the analyses computed
 * once on first use (lineage graph, impact, health, cost).
 */
public final class ExtractionContext {
    private final CatalogSnapshot snapshot;
    private final CatalogSnapshot baseline;
    private final Map<String, Object> options;
    private final String environment;
    private final Reporter reporter;
    private LineageGraph graph;
    private ImpactAnalysis impact;
    private HealthReport health;
    private CostReport cost;
    private List<UsageSample> usage = List.of();
    private List<AssertionResult> assertionResults = List.of();
    private UsageSummary usageSummary;

    public ExtractionContext(
            CatalogSnapshot snapshot,
            CatalogSnapshot baseline,
            Map<String, Object> options,
            String environment,
            Reporter reporter,
            List<UsageSample> usage,
            List<AssertionResult> assertionResults) {
        this(snapshot, baseline, options, environment, reporter);
        this.usage = usage == null ? List.of() : List.copyOf(usage);
        this.assertionResults = assertionResults == null ? List.of() : List.copyOf(assertionResults);
    }

    public ExtractionContext(
            CatalogSnapshot snapshot,
            CatalogSnapshot baseline,
            Map<String, Object> options,
            String environment,
            Reporter reporter) {
        this.snapshot = snapshot;
        this.baseline = baseline;
        this.options = options;
        this.environment = environment == null ? "PROD" : environment;
        this.reporter = reporter == null ? Reporter.SILENT : reporter;
    }

    private List<io.lumos.spi.run.RunRecord> runs;

    /** The catalog's runs, newest first; null when the catalog cannot read runs (no Runs sheet then). */
    public ExtractionContext withRuns(List<io.lumos.spi.run.RunRecord> catalogRuns) {
        this.runs = catalogRuns;
        return this;
    }

    public List<io.lumos.spi.run.RunRecord> runs() {
        return runs;
    }

    public CatalogSnapshot snapshot() {
        return snapshot;
    }

    public CatalogSnapshot baseline() {
        return baseline;
    }

    public Reporter reporter() {
        return reporter;
    }

    /** The usage time series, oldest first (kept beside the snapshot, not in it). */
    public List<UsageSample> usage() {
        return usage;
    }

    public UsageSummary usageSummary() {
        if (usageSummary == null) {
            usageSummary = UsageSummary.of(usage);
        }
        return usageSummary;
    }

    /** Every stored assertion result, oldest first. */
    public List<AssertionResult> assertionResults() {
        return assertionResults;
    }

    public LineageGraph graph() {
        if (graph == null) {
            graph = LineageGraph.of(snapshot.lineage());
        }
        return graph;
    }

    public ImpactAnalysis impact() {
        if (impact == null) {
            impact = new ImpactAnalysis(
                    snapshot, graph(), integer("paths", 3), integer("depth", LineageGraph.UNBOUNDED));
        }
        return impact;
    }

    public HealthReport health() {
        if (health == null) {
            HealthWeights d = HealthWeights.DEFAULT;
            int days = integer("fresh_days", (int) d.freshFor().toDays());
            HealthWeights w = new HealthWeights(
                    d.description(),
                    d.owners(),
                    d.fieldDescriptions(),
                    d.tags(),
                    d.lineage(),
                    d.freshness(),
                    Duration.ofDays(days));
            health = new HealthScorer(w).score(snapshot);
        }
        return health;
    }

    public CostReport cost() {
        if (cost == null) {
            cost = new CostAttribution(costs(), splits()).attribute(snapshot);
            cost.problems().forEach(reporter::warn);
        }
        return cost;
    }

    /**
     * The option under which {@code lumos extract} hands over the catalog's data products (a list
     * of {@link io.lumos.domain.DataProduct}); the snapshot itself holds none.
     */
    public static final String PRODUCTS = "products";

    /** The catalog's data products, or none when the catalog keeps none. */
    public List<io.lumos.domain.DataProduct> products() {
        Object v = options.get(PRODUCTS);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list && list.stream().allMatch(x -> x instanceof io.lumos.domain.DataProduct)) {
            return list.stream().map(io.lumos.domain.DataProduct.class::cast).toList();
        }
        throw new LumosException(
                ErrorCode.USAGE,
                "extract option 'products' is filled from the catalog's data products (data_products: in the config); "
                        + "remove -o products");
    }

    /** The dataset a picture or impact is focused on ({@code root} option), or null for all. */
    public DatasetId root() {
        Object r = options.get("root");
        return r == null || r.toString().isBlank() ? null : id(r.toString(), "root");
    }

    public String string(String key, String fallback) {
        Object v = options.get(key);
        return v == null ? fallback : v.toString();
    }

    public int integer(String key, int fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new LumosException(
                    ErrorCode.USAGE, "extract option '" + key + "' must be a whole number, not '" + v + "'");
        }
    }

    private DatasetId id(String text, String where) {
        try {
            return DatasetId.parse(text, environment);
        } catch (IllegalArgumentException e) {
            throw new LumosException(ErrorCode.USAGE, "extract option '" + where + "': " + e.getMessage());
        }
    }

    private java.math.BigDecimal number(Object v, String where) {
        if (v instanceof java.math.BigDecimal b) {
            return b;
        }
        // Numbers from YAML or JSON are read back from their text, so 0.1 stays 0.1.
        java.math.BigDecimal d = v == null ? null : CostAttribution.parseNumber(v.toString());
        if (d == null) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, where + ": '" + v + "' is not a number");
        }
        return d;
    }

    /** {@code costs: {postgres:shop.orders: 1200}}. */
    private Map<DatasetId, java.math.BigDecimal> costs() {
        Map<DatasetId, java.math.BigDecimal> out = new HashMap<>();
        if (options.get("costs") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(id(k.toString(), "costs"), number(v, "costs." + k)));
        } else if (options.get("costs") != null) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID, "extract option 'costs' must be a mapping of dataset to amount");
        }
        return out;
    }

    /** {@code cost_splits: {postgres:shop.orders: {csv:daily: 0.7, csv:weekly: 0.3}}}. */
    private Map<DatasetId, Map<DatasetId, java.math.BigDecimal>> splits() {
        Map<DatasetId, Map<DatasetId, java.math.BigDecimal>> out = new HashMap<>();
        if (options.get("cost_splits") instanceof String text) {
            // The command line's form: UP>DOWN=SHARE, comma separated; a share is 0.25 or 25%.
            for (String part : text.split(",", -1)) { // -1: a trailing comma is an empty part, named
                int gt = part.indexOf('>');
                int eq = part.lastIndexOf('=');
                if (part.isBlank() || gt <= 0 || eq <= gt + 1) {
                    throw new LumosException(
                            ErrorCode.USAGE,
                            "extract option cost_splits: '" + part.strip()
                                    + "' must look like UP>DOWN=SHARE (e.g. postgres:shop.orders>csv:daily=0.7 or =70%)");
                }
                String raw = part.substring(eq + 1).strip();
                java.math.BigDecimal share = number(
                        raw.endsWith("%") ? raw.substring(0, raw.length() - 1) : raw, "cost_splits " + part.strip());
                out.computeIfAbsent(id(part.substring(0, gt).strip(), "cost_splits"), k -> new HashMap<>())
                        .put(
                                id(part.substring(gt + 1, eq).strip(), "cost_splits"),
                                raw.endsWith("%") ? share.movePointLeft(2) : share);
            }
        } else if (options.get("cost_splits") instanceof Map<?, ?> m) {
            m.forEach((up, downs) -> {
                if (!(downs instanceof Map<?, ?> dm)) {
                    throw new LumosException(
                            ErrorCode.CONFIG_INVALID,
                            "extract option cost_splits." + up + " must be a mapping of consumer to share");
                }
                Map<DatasetId, java.math.BigDecimal> shares = new HashMap<>();
                dm.forEach((down, share) -> shares.put(
                        id(down.toString(), "cost_splits"), number(share, "cost_splits." + up + "." + down)));
                out.put(id(up.toString(), "cost_splits"), shares);
            });
        }
        return out;
    }

    static String join(List<String> values) {
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** A dataset's owners by name, each once, for a cell. */
    static String ownerNames(io.lumos.domain.Dataset d) {
        return join(
                d.owners().stream().map(io.lumos.domain.Owner::name).distinct().toList());
    }
}
