package io.lumos.cli.config;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.ColumnTransformations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code columns:} of a lineage entry: each item the text form
 * ({@code revenue=amount:AGGREGATION}) or a mapping
 * {@code {from: [revenue], to: amount, type: DIRECT, subtype: AGGREGATION, description: ...}} (see
 * {@link ColumnTransformations}). Every bad item is one problem at its own line; the good ones are
 * kept.
 */
final class ColumnMappingReader {
    static final Set<String> KEYS = Set.of("from", "to", "type", "subtype", "description");

    private final Function<Mark, String> at;
    private final BiFunction<Node, String, String> scalar;
    private final List<String> problems;

    /**
     * @param at a node's place as {@code file:line:column}
     * @param scalar a scalar's value with variables substituted (reports a non-scalar itself)
     * @param problems where each problem is added, one line each
     */
    ColumnMappingReader(Function<Mark, String> at, BiFunction<Node, String, String> scalar, List<String> problems) {
        this.at = at;
        this.scalar = scalar;
        this.problems = problems;
    }

    List<ColumnMapping> read(Node columns) {
        List<Node> items = columns instanceof SequenceNode sn ? sn.getValue() : List.of(columns);
        List<ColumnMapping> out = new ArrayList<>();
        for (Node item : items) {
            String where = at.apply(item.getStartMark());
            try {
                if (item instanceof MappingNode mn) {
                    ColumnMapping m = structured(mn);
                    if (m != null) {
                        out.add(m);
                    }
                } else {
                    String text = scalar.apply(item, "a column mapping");
                    if (text != null) {
                        out.add(ColumnTransformations.parse(text));
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        return out;
    }

    private ColumnMapping structured(MappingNode mn) {
        Map<String, Node> m = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            String key = scalar.apply(t.getKeyNode(), "key");
            if (key == null) {
                continue;
            }
            if (!KEYS.contains(key)) {
                problems.add(at.apply(t.getKeyNode().getStartMark()) + ": unknown key '" + key
                        + "' in a column mapping; the keys are " + String.join(", ", new TreeSet<>(KEYS)));
                return null;
            }
            m.put(key, t.getValueNode());
        }
        List<String> from = new ArrayList<>();
        Node f = m.get("from");
        if (f instanceof SequenceNode fs) {
            for (Node n : fs.getValue()) {
                from.add(scalar.apply(n, "from"));
            }
        } else if (f != null) {
            from.add(scalar.apply(f, "from"));
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

    private String text(Map<String, Node> m, String key) {
        Node n = m.get(key);
        return n == null ? null : scalar.apply(n, key);
    }
}
