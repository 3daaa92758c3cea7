package io.lumos.cli.config;

import io.lumos.cli.config.LumosConfig.Features;
import java.util.Map;
import java.util.Set;

/** {@code features:} (switches) and {@code versioning:} (the cloud version prefix). */
final class FeatureSection {
    private static final Set<String> FEATURE_KEYS = Set.of("schema_tracking", "remove_stale", "remove_stale_max_share");
    private static final Set<String> VERSIONING_KEYS = Set.of("cloud_version_prefix");
    /** Feature switches that were accepted once but never changed anything. */
    private static final Map<String, String> REMOVED_FEATURES = Map.of(
            "auto_detection", "file formats are always detected from the name, else the content",
            "cost_attribution", "the cost extract (extract -t cost) always attributes costs");

    private final ConfigNodes n;

    FeatureSection(ConfigNodes n) {
        this.n = n;
    }

    Features features(YamlNode fn) {
        if (fn == null) {
            return Features.DEFAULT;
        }
        Map<String, YamlNode> fm = n.mapping(fn, "features");
        for (String key : fm.keySet()) {
            if (REMOVED_FEATURES.containsKey(key)) {
                n.problem(
                        ConfigNodes.keyAt(fn, key),
                        "'features." + key + "' is not a setting (it never changed anything: "
                                + REMOVED_FEATURES.get(key) + "); remove the line");
            } else if (!FEATURE_KEYS.contains(key)) {
                n.unknown(ConfigNodes.keyAt(fn, key), key, FEATURE_KEYS, "features.");
            }
        }
        return new Features(
                n.bool(fm, "schema_tracking", true),
                n.bool(fm, "remove_stale", false),
                share(fm, "remove_stale_max_share"));
    }

    private double share(Map<String, YamlNode> m, String key) {
        if (!m.containsKey(key)) {
            return Features.DEFAULT_MAX_SHARE;
        }
        String text = n.scalar(m.get(key), key);
        try {
            double v = Double.parseDouble(text == null ? "" : text.strip());
            if (v < 0 || v > 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            n.problem(m.get(key), key + " must be a share between 0 and 1 (e.g. 0.2), not '" + text + "'");
            return Features.DEFAULT_MAX_SHARE;
        }
    }

    /** The prefix of cloud versions ({@code S-312}): {@code versioning.cloud_version_prefix}, else {@code S-}. */
    String cloudVersionPrefix(YamlNode vn) {
        if (vn == null) {
            return "S-";
        }
        Map<String, YamlNode> vm = n.mapping(vn, "versioning");
        n.checkKeys(vn, vm, VERSIONING_KEYS, "versioning.");
        return vm.containsKey("cloud_version_prefix")
                ? n.scalar(vm.get("cloud_version_prefix"), "cloud_version_prefix")
                : "S-";
    }
}
