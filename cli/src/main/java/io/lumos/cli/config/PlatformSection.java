package io.lumos.cli.config;

import io.lumos.cli.config.YamlNode.Sequence;
import io.lumos.spi.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code platform:} (one name or a list; {@code local} when not written) and {@code platforms:}. */
final class PlatformSection {
    private final ConfigNodes n;
    private final Set<String> knownPlatforms;

    PlatformSection(ConfigNodes n, Set<String> knownPlatforms) {
        this.n = n;
        this.knownPlatforms = knownPlatforms;
    }

    List<String> platforms(YamlNode p) {
        List<String> platforms = new ArrayList<>();
        if (p == null) {
            platforms.add("local");
        } else if (p instanceof Sequence seq) {
            for (YamlNode item : seq.items()) {
                platforms.add(n.scalar(item, "platform"));
            }
        } else {
            platforms.add(n.scalar(p, "platform"));
        }
        for (int i = 0; i < platforms.size(); i++) {
            String name = platforms.get(i);
            if (name != null && !knownPlatforms.contains(name)) {
                YamlNode where = p instanceof Sequence seq ? seq.items().get(i) : p;
                String hint = Settings.didYouMean(name, knownPlatforms);
                n.problem(
                        where,
                        "unknown platform '" + name + "'" + (hint != null ? "; did you mean '" + hint + "'?" : "")
                                + " (installed: " + String.join(", ", ConfigNodes.sorted(knownPlatforms)) + ")");
            }
        }
        return platforms;
    }

    /** Each platform's settings; variables only of the platforms in use need be set. */
    Map<String, Settings> settings(YamlNode pn, List<String> inUse) {
        Map<String, Settings> out = new LinkedHashMap<>();
        if (pn == null) {
            return out;
        }
        for (Map.Entry<String, YamlNode> e : n.mapping(pn, "platforms").entrySet()) {
            String name = e.getKey();
            if (!knownPlatforms.contains(name)) {
                String hint = Settings.didYouMean(name, knownPlatforms);
                n.problem(
                        ConfigNodes.keyAt(pn, name),
                        "unknown platform '" + name + "' under platforms"
                                + (hint != null ? "; did you mean '" + hint + "'?" : ""));
                continue;
            }
            out.put(name, n.settings(e.getValue(), "platforms." + name, inUse.contains(name)));
        }
        return out;
    }
}
