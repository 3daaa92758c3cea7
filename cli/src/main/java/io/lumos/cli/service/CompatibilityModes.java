package io.lumos.cli.service;

import io.lumos.cli.config.LumosConfig;
import io.lumos.cli.config.LumosConfig.ModeRule;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.diff.CompatibilityMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The compatibility mode of each dataset. Precedence: {@code --mode-for DATASET=MODE} > the first
 * matching {@code compatibility.datasets} entry of the config (globs as {@code ownership:}) > the
 * mode the first {@code data_products:} entry holding the dataset promises > {@code --mode} >
 * {@code compatibility.default} > BACKWARD.
 */
public final class CompatibilityModes implements Function<DatasetId, CompatibilityMode> {
    private final Map<DatasetId, CompatibilityMode> explicit;
    private final List<ModeRule> rules;
    private final List<Pattern> patterns = new ArrayList<>();
    private final CompatibilityMode defaultMode;
    private final ProductRules products;
    // Glob matching tries three spellings per rule; a gate asks for each dataset more than once.
    private final Map<DatasetId, CompatibilityMode> resolved = new ConcurrentHashMap<>();

    /**
     * @param commandLineMode {@code --mode}, or null when not given
     * @param commandLineModes {@code --mode-for} entries
     */
    public CompatibilityModes(
            LumosConfig config, CompatibilityMode commandLineMode, Map<DatasetId, CompatibilityMode> commandLineModes) {
        this.explicit = commandLineModes == null ? Map.of() : Map.copyOf(commandLineModes);
        this.rules = config.compatibility().datasets();
        this.products = new ProductRules(config);
        for (ModeRule r : rules) {
            patterns.add(ConfigRules.glob(r.dataset()));
        }
        CompatibilityMode configured = config.compatibility().defaultMode();
        this.defaultMode = commandLineMode != null
                ? commandLineMode
                : configured != null ? configured : CompatibilityMode.BACKWARD;
    }

    /** The modes the config alone gives: what {@code ingest} classifies version bumps under. */
    public static CompatibilityModes of(LumosConfig config) {
        return new CompatibilityModes(config, null, Map.of());
    }

    /** The mode of datasets nothing names: {@code --mode}, else the config's default, else BACKWARD. */
    public CompatibilityMode defaultMode() {
        return defaultMode;
    }

    @Override
    public CompatibilityMode apply(DatasetId id) {
        return resolved.computeIfAbsent(id, this::resolve);
    }

    private CompatibilityMode resolve(DatasetId id) {
        CompatibilityMode m = explicit.get(id);
        if (m != null) {
            return m;
        }
        for (int i = 0; i < patterns.size(); i++) {
            if (ConfigRules.matches(patterns.get(i), id)) {
                return rules.get(i).mode();
            }
        }
        CompatibilityMode promised = products.promisedMode(id);
        return promised != null ? promised : defaultMode;
    }

    /**
     * The modes of every dataset of the snapshots that does not run under the default: the map the
     * diff engine's {@code GateOptions} takes.
     */
    public Map<DatasetId, CompatibilityMode> forSnapshots(CatalogSnapshot... snapshots) {
        Map<DatasetId, CompatibilityMode> out = new LinkedHashMap<>(explicit);
        if (rules.isEmpty() && products.isEmpty()) {
            return out;
        }
        for (CatalogSnapshot s : snapshots) {
            for (Dataset d : s.datasets()) {
                CompatibilityMode m = apply(d.id());
                if (m != defaultMode) {
                    out.put(d.id(), m);
                }
            }
        }
        return out;
    }
}
