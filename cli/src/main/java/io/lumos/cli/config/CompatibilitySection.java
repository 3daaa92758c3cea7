package io.lumos.cli.config;

import io.lumos.cli.config.LumosConfig.Compatibility;
import io.lumos.cli.config.LumosConfig.ModeRule;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.spi.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code compatibility:}: a default mode and modes per dataset glob, first match wins; and mode values anywhere. */
final class CompatibilitySection {
    private static final Set<String> COMPATIBILITY_KEYS = Set.of("default", "datasets");
    private static final Set<String> MODE_RULE_KEYS = Set.of("dataset", "mode");
    static final String MODE_NAMES = String.join(
            ", ", Arrays.stream(CompatibilityMode.values()).map(Enum::name).toList());

    private final ConfigNodes n;

    CompatibilitySection(ConfigNodes n) {
        this.n = n;
    }

    Compatibility read(YamlNode node) {
        if (node == null) {
            return Compatibility.NONE_DECLARED;
        }
        Map<String, YamlNode> cm = n.mapping(node, "compatibility");
        n.checkKeys(node, cm, COMPATIBILITY_KEYS, "compatibility.");
        CompatibilityMode defaultMode = cm.containsKey("default") ? mode(cm.get("default")) : null;
        List<ModeRule> rules = new ArrayList<>();
        if (cm.containsKey("datasets")) {
            for (YamlNode rn : n.sequence(cm.get("datasets"), "compatibility.datasets")) {
                ModeRule rule = rule(rn);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        return new Compatibility(defaultMode, rules);
    }

    private ModeRule rule(YamlNode rn) {
        Map<String, YamlNode> rm = n.mapping(rn, "a compatibility.datasets entry");
        n.checkKeys(rn, rm, MODE_RULE_KEYS, "compatibility.datasets[].");
        String dataset = n.required(rn, rm, "dataset");
        CompatibilityMode mode = null;
        if (rm.containsKey("mode")) {
            mode = mode(rm.get("mode"));
        } else {
            n.problem(rn, "'mode' is required here (one of " + MODE_NAMES + ")");
        }
        return dataset != null && mode != null ? new ModeRule(dataset, mode, n.at(rn)) : null;
    }

    /** A mode as written ({@code backward}, {@code FULL_TRANSITIVE}), or null after a problem with "did you mean". */
    CompatibilityMode mode(YamlNode node) {
        String text = n.scalar(node, "a compatibility mode");
        if (text == null) {
            n.problem(node, "a compatibility mode is missing; use one of " + MODE_NAMES);
            return null;
        }
        try {
            return CompatibilityMode.parse(text);
        } catch (IllegalArgumentException e) {
            Set<String> names = new HashSet<>();
            for (CompatibilityMode c : CompatibilityMode.values()) {
                names.add(c.name());
            }
            String hint = Settings.didYouMean(text.strip().toUpperCase(Locale.ROOT), names);
            n.problem(
                    node,
                    "unknown compatibility mode '" + text + "'" + (hint != null ? "; did you mean '" + hint + "'?" : "")
                            + " (valid: " + MODE_NAMES + ")");
            return null;
        }
    }
}
