package io.lumos.cli.config;

import io.lumos.cli.config.YamlNode.Entry;
import io.lumos.cli.config.YamlNode.Mapping;
import io.lumos.cli.config.YamlNode.Scalar;
import io.lumos.cli.config.YamlNode.Sequence;
import io.lumos.spi.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of the config's nodes for the sections: each read that fails adds one problem, with
 * {@code file:line:column}, and answers null or empty so that the rest of the file is still checked.
 * {@code ${VAR}} and {@code ${VAR:-default}} are filled from the environment as values are read.
 */
final class ConfigNodes {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final String fileName;
    private final Map<String, String> env;
    final List<String> problems;

    ConfigNodes(String fileName, Map<String, String> env, List<String> problems) {
        this.fileName = fileName;
        this.env = env;
        this.problems = problems;
    }

    String fileName() {
        return fileName;
    }

    void problem(YamlNode where, String message) {
        problems.add(at(where) + ": " + message);
    }

    String at(YamlNode node) {
        return at(node.line(), node.column());
    }

    String at(int line, int column) {
        return line < 1 ? fileName : fileName + ":" + line + ":" + column;
    }

    /** Key to value (keys with {@code ${VAR}} filled in); a problem and empty when not a mapping. */
    Map<String, YamlNode> mapping(YamlNode node, String what) {
        Map<String, YamlNode> out = new LinkedHashMap<>();
        if (!(node instanceof Mapping m)) {
            problem(node, what + " must be a mapping (key: value lines)");
            return out;
        }
        for (Entry e : m.entries()) {
            out.put(key(e), e.value());
        }
        return out;
    }

    List<YamlNode> sequence(YamlNode node, String what) {
        if (node instanceof Sequence s) {
            return s.items();
        }
        problem(node, what + " must be a list (lines starting with '- ')");
        return List.of();
    }

    /** The value with variables filled in; null when written empty or {@code ~}, or (a problem) not a single value. */
    String scalar(YamlNode node, String what) {
        if (node instanceof Scalar s) {
            return s.isNull() ? null : substitute(s.text(), node);
        }
        problem(node, what + " must be a single value");
        return null;
    }

    String optional(Map<String, YamlNode> m, String key) {
        return m.containsKey(key) ? scalar(m.get(key), key) : null;
    }

    /** A list of single values; one value is a list of one. */
    List<String> strings(YamlNode node, String what) {
        if (node instanceof Scalar) {
            String s = scalar(node, what);
            return s == null ? List.of() : List.of(s);
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : sequence(node, what)) {
            String s = scalar(item, what);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    List<String> optionalStrings(Map<String, YamlNode> m, String key) {
        return m.containsKey(key) ? strings(m.get(key), key) : List.of();
    }

    boolean bool(Map<String, YamlNode> m, String key, boolean fallback) {
        if (!m.containsKey(key)) {
            return fallback;
        }
        String v = scalar(m.get(key), key);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(m.get(key), key + " must be true or false, not '" + v + "'");
                yield fallback;
            }
        };
    }

    String required(YamlNode owner, Map<String, YamlNode> m, String key) {
        if (!m.containsKey(key)) {
            problem(owner, "'" + key + "' is required here");
            return null;
        }
        return scalar(m.get(key), key);
    }

    /** Each key of {@code node} not in {@code known} is a problem with "did you mean" or the list of keys. */
    void checkKeys(YamlNode node, Map<String, YamlNode> m, Set<String> known, String scope) {
        for (String key : m.keySet()) {
            if (!known.contains(key)) {
                unknown(keyAt(node, key), key, known, scope);
            }
        }
    }

    void unknown(YamlNode keyAt, String key, Set<String> known, String scope) {
        String hint = Settings.didYouMean(key, known);
        problem(
                keyAt,
                "unknown key '" + scope + key + "'"
                        + (hint != null
                                ? "; did you mean '" + hint + "'?"
                                : "; expected one of: " + String.join(", ", sorted(known))));
    }

    /** Where the key was written (a scalar at the key's place), else the mapping itself. */
    static YamlNode keyAt(YamlNode mapping, String key) {
        if (mapping instanceof Mapping m) {
            Entry e = m.entry(key);
            if (e != null) {
                return new Scalar(key, YamlNode.Kind.STRING, false, e.line(), e.column());
            }
        }
        return mapping;
    }

    /**
     * A plugin's section as {@link Settings}: plain maps, lists, strings, numbers and booleans, with
     * where each key was written. Variables are filled in only where {@code resolveVariables}.
     */
    Settings settings(YamlNode node, String scope, boolean resolveVariables) {
        Map<String, String> locations = new LinkedHashMap<>();
        Object value = plain(node, "", locations, resolveVariables);
        if (!(value instanceof Map)) {
            problem(node, scope + " must be a mapping (key: value lines)");
            return Settings.empty(scope);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return new Settings(scope, map, locations);
    }

    private Object plain(YamlNode node, String path, Map<String, String> locations, boolean resolveVariables) {
        if (node instanceof Mapping m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Entry e : m.entries()) {
                String key = key(e);
                String keyPath = path.isEmpty() ? key : path + "." + key;
                locations.put(keyPath, at(e.line(), e.column()));
                out.put(key, plain(e.value(), keyPath, locations, resolveVariables));
            }
            return out;
        }
        if (node instanceof Sequence s) {
            List<Object> out = new ArrayList<>();
            for (YamlNode item : s.items()) {
                out.add(plain(item, path, locations, resolveVariables));
            }
            return out;
        }
        return plainScalar((Scalar) node, resolveVariables);
    }

    private Object plainScalar(Scalar s, boolean resolveVariables) {
        return s.value(resolveVariables && !s.isNull() ? substitute(s.text(), s) : s.text());
    }

    /** The key with variables filled in; a missing variable is reported where the key was written. */
    private String key(Entry e) {
        return e.key().indexOf("${") < 0
                ? e.key()
                : substitute(e.key(), new Scalar(e.key(), YamlNode.Kind.STRING, false, e.line(), e.column()));
    }

    private String substitute(String value, YamlNode where) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = env.get(name);
            if (replacement == null) {
                replacement = m.group(2);
            }
            if (replacement == null) {
                problem(
                        where,
                        "the environment variable " + name + " is not set; export it, or write ${" + name
                                + ":-default}");
                replacement = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
