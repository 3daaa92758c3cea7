package io.lumos.cli.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value as {@link YamlReader} read it, with the line and column (1-based) where it starts,
 * so that every message about it can say {@code file:line:column}.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {
    int line();

    int column();

    /** A key of a mapping, where the key was written, and its value. */
    record Entry(String key, int line, int column, YamlNode value) {}

    /** A mapping in the order written; a key written twice is here twice (the reader reports it). */
    record Mapping(List<Entry> entries, int line, int column) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        /** Key to value; of a key written twice the last value, at the first key's place. */
        public Map<String, YamlNode> values() {
            Map<String, YamlNode> out = new LinkedHashMap<>();
            for (Entry e : entries) {
                out.put(e.key(), e.value());
            }
            return out;
        }

        /** The first entry of this key, or null. */
        public Entry entry(String key) {
            for (Entry e : entries) {
                if (e.key().equals(key)) {
                    return e;
                }
            }
            return null;
        }
    }

    record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
        public Sequence {
            items = List.copyOf(new ArrayList<>(items));
        }
    }

    /** What YAML's core schema resolves a plain scalar to; quoted scalars are always {@code STRING}. */
    enum Kind {
        STRING,
        INTEGER,
        DECIMAL,
        BOOLEAN,
        NULL
    }

    /**
     * A single value as written (for a {@code BOOLEAN} {@code yes} is {@code yes}; {@link #bool()}
     * says what it means).
     */
    record Scalar(String text, Kind kind, boolean bool, int line, int column) implements YamlNode {
        public boolean isNull() {
            return kind == Kind.NULL;
        }

        /** The value {@code text} stands for: null, Boolean, Long, Double or String. */
        public Object value(String text) {
            try {
                return switch (kind) {
                    case NULL -> null;
                    case BOOLEAN -> bool;
                    case INTEGER -> Long.parseLong(text);
                    case DECIMAL -> Double.parseDouble(text);
                    case STRING -> text;
                };
            } catch (NumberFormatException e) {
                return text; // 0x1F, 1_000, .inf: YAML numbers Java does not parse stay text
            }
        }
    }

    /** The node as plain maps, lists and {@link Scalar#value} values. */
    static Object plain(YamlNode node) {
        if (node instanceof Mapping m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach(e -> out.put(e.key(), plain(e.value())));
            return out;
        }
        if (node instanceof Sequence s) {
            List<Object> out = new ArrayList<>();
            s.items().forEach(item -> out.add(plain(item)));
            return out;
        }
        Scalar s = (Scalar) node;
        return s.value(s.text());
    }
}
