package io.lumos.cli.config;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.ColumnTransformations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code columns:} of a lineage entry: each item the text form
 * ({@code revenue=amount:AGGREGATION}) or a mapping
 * {@code {from: [revenue], to: amount, type: DIRECT, subtype: AGGREGATION, description: ...}} (see
 * {@link ColumnTransformations}). Every bad item is one problem at its own line; the good ones are
 * kept.
 */
final class ColumnMappingReader {
    static final Set<String> KEYS = Set.of("from", "to", "type", "subtype", "description");

    private final ConfigNodes n;

    ColumnMappingReader(ConfigNodes n) {
        this.n = n;
    }

    List<ColumnMapping> read(YamlNode columns) {
        List<YamlNode> items = columns instanceof YamlNode.Sequence s ? s.items() : List.of(columns);
        List<ColumnMapping> out = new ArrayList<>();
        for (YamlNode item : items) {
            try {
                if (item instanceof YamlNode.Mapping m) {
                    ColumnMapping mapping = structured(m);
                    if (mapping != null) {
                        out.add(mapping);
                    }
                } else {
                    String text = n.scalar(item, "a column mapping");
                    if (text != null) {
                        out.add(ColumnTransformations.parse(text));
                    }
                }
            } catch (IllegalArgumentException e) {
                n.problem(item, e.getMessage());
            }
        }
        return out;
    }

    private ColumnMapping structured(YamlNode.Mapping mapping) {
        Map<String, YamlNode> m = new LinkedHashMap<>();
        for (YamlNode.Entry e : mapping.entries()) {
            if (!KEYS.contains(e.key())) {
                n.problem(
                        ConfigNodes.keyAt(mapping, e.key()),
                        "unknown key '" + e.key() + "' in a column mapping; the keys are "
                                + String.join(", ", new TreeSet<>(KEYS)));
                return null;
            }
            m.put(e.key(), e.value());
        }
        List<String> from = new ArrayList<>();
        YamlNode f = m.get("from");
        if (f instanceof YamlNode.Sequence fs) {
            for (YamlNode item : fs.items()) {
                from.add(n.scalar(item, "from"));
            }
        } else if (f != null) {
            from.add(n.scalar(f, "from"));
        }
        String to = text(m, "to");
        return ColumnTransformations.of(
                from,
                to,
                text(m, "type"),
                text(m, "subtype"),
                text(m, "description"),
                to == null ? "column mapping" : "column mapping to '" + to + "'");
    }

    private String text(Map<String, YamlNode> m, String key) {
        YamlNode node = m.get(key);
        return node == null ? null : n.scalar(node, key);
    }
}
