package io.lumos.cli.config;

import io.lumos.cli.config.LumosConfig.SourceConfig;
import io.lumos.spi.Settings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code sources:}: each needs a {@code type} a plugin offers; its keys are checked against the
 * keys that plugin declares, so that a typo is caught before anything runs.
 */
final class SourceSection {
    private final ConfigNodes n;
    private final Function<String, Set<String>> sourceKeys;
    private final Set<String> knownSourceTypes;

    SourceSection(ConfigNodes n, Function<String, Set<String>> sourceKeys, Set<String> knownSourceTypes) {
        this.n = n;
        this.sourceKeys = sourceKeys;
        this.knownSourceTypes = knownSourceTypes;
    }

    List<SourceConfig> read(YamlNode node) {
        List<SourceConfig> sources = new ArrayList<>();
        if (node == null) {
            return sources;
        }
        Set<String> names = new HashSet<>();
        int i = 0;
        for (YamlNode sn : n.sequence(node, "sources")) {
            SourceConfig source = source(sn, i++);
            if (source == null) {
                continue;
            }
            if (!names.add(source.name())) {
                n.problem(sn, "two sources are named '" + source.name() + "'; names must be unique");
            }
            sources.add(source);
        }
        return sources;
    }

    /** The source at {@code index}, or null when its type is missing or unknown (a problem says which). */
    private SourceConfig source(YamlNode sn, int index) {
        String scope = "sources[" + index + "]";
        Map<String, YamlNode> sm = n.mapping(sn, scope);
        String type = n.optional(sm, "type");
        String name = n.optional(sm, "name");
        if (type == null) {
            n.problem(sn, scope + " needs a 'type' (e.g. csv, postgres, s3)");
            return null;
        }
        Set<String> keys = sourceKeys.apply(type);
        if (keys == null) {
            String hint = Settings.didYouMean(type, knownSourceTypes);
            n.problem(
                    sm.get("type"),
                    "unknown source type '" + type + "'" + (hint != null ? "; did you mean '" + hint + "'?" : "")
                            + " (installed: " + String.join(", ", ConfigNodes.sorted(knownSourceTypes)) + ")");
            return null;
        }
        if (name == null) {
            name = type + (index > 0 ? String.valueOf(index + 1) : "");
        }
        if (!keys.isEmpty()) {
            Set<String> allowed = new HashSet<>(keys);
            allowed.add("name");
            allowed.add("type");
            n.checkKeys(sn, sm, allowed, scope + ".");
        }
        return new SourceConfig(name, type, n.settings(sn, "sources." + name, true));
    }
}
