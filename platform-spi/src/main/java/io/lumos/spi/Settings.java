package io.lumos.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plugin's part of the config: typed getters over the YAML values, each error naming the key and
 * where it was written ({@code file:line:column}). {@code ${VAR}} references are already filled in.
 * {@link #toString()} never prints a value whose key looks secret.
 */
public final class Settings {
    private static final Set<String> SECRET_WORDS = Set.of("password", "token", "secret", "key", "credential");

    private final String scope;
    private final Map<String, Object> values;
    private final Map<String, String> locations;

    /**
     * @param scope where these settings live, for messages ({@code platforms.datahub}, {@code sources[2]})
     * @param locations per key, {@code file:line:column}; may be empty
     */
    public Settings(String scope, Map<String, ?> values, Map<String, String> locations) {
        this.scope = scope;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
        this.locations = locations == null ? Map.of() : Map.copyOf(locations);
    }

    public static Settings empty(String scope) {
        return new Settings(scope, Map.of(), Map.of());
    }

    public static Settings of(String scope, Map<String, ?> values) {
        return new Settings(scope, values, Map.of());
    }

    public String scope() {
        return scope;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** Where a key was written, or the scope when unknown. */
    public String where(String key) {
        String at = locations.get(key);
        return at == null ? scope + "." + key : at + " (" + scope + "." + key + ")";
    }

    public String string(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw invalid(key, "must be a single value, not a " + (v instanceof Map ? "mapping" : "list"));
        }
        return v.toString();
    }

    public String require(String key) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, scope + ": the key '" + key + "' is required");
        }
        return v;
    }

    public int integer(String key, int fallback) {
        long v = longValue(key, fallback);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw invalid(key, "is out of range");
        }
        return (int) v;
    }

    public long longValue(String key, long fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().strip());
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a whole number, not '" + v + "'");
        }
    }

    public double decimal(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a number, not '" + v + "'");
        }
    }

    public boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, "must be true or false, not '" + v + "'");
        };
    }

    /** A duration as {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, or a number of seconds. */
    public Duration duration(String key, Duration fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return Duration.ofMillis((long) (n.doubleValue() * 1000));
        }
        String s = v.toString().strip().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(s.substring(0, s.length() - 2).strip()));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis((long)
                        (Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofSeconds(
                        Long.parseLong(s.substring(0, s.length() - 1).strip()) * 60);
            }
            if (s.endsWith("h")) {
                return Duration.ofMinutes(
                        Long.parseLong(s.substring(0, s.length() - 1).strip()) * 60);
            }
            return Duration.ofMillis((long) (Double.parseDouble(s) * 1000));
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a duration such as 30s, 500ms, 2m or 1h, not '" + v + "'");
        }
    }

    /** A list of strings; a single value is a list of one. */
    public List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof Collection<?> c) {
            List<String> out = new ArrayList<>(c.size());
            for (Object o : c) {
                if (o instanceof Map || o instanceof Collection) {
                    throw invalid(key, "must be a list of plain values");
                }
                out.add(String.valueOf(o));
            }
            return out;
        }
        return List.of(v.toString());
    }

    /** A nested mapping as settings of its own. */
    @SuppressWarnings("unchecked")
    public Settings child(String key) {
        Object v = values.get(key);
        if (v == null) {
            return empty(scope + "." + key);
        }
        if (!(v instanceof Map)) {
            throw invalid(key, "must be a mapping");
        }
        String prefix = key + ".";
        Map<String, String> childLocations = new LinkedHashMap<>();
        locations.forEach((k, at) -> {
            if (k.startsWith(prefix)) {
                childLocations.put(k.substring(prefix.length()), at);
            }
        });
        return new Settings(scope + "." + key, (Map<String, Object>) v, childLocations);
    }

    /** Raw value, for plugins with their own structure (lists of mappings, ...). */
    public Object raw(String key) {
        return values.get(key);
    }

    /** Problems with keys this plugin does not know, each with a "did you mean" where one is close. */
    public List<String> unknownKeys(Collection<String> known) {
        List<String> problems = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                String hint = didYouMean(key, known);
                problems.add(where(key) + ": unknown key '" + key + "'"
                        + (hint == null
                                ? "; known keys: " + String.join(", ", new TreeSet<>(known))
                                : "; did you mean '" + hint + "'?"));
            }
        }
        return problems;
    }

    public LumosException invalid(String key, String problem) {
        return new LumosException(ErrorCode.CONFIG_INVALID, where(key) + ": '" + key + "' " + problem);
    }

    /** The closest candidate within a small edit distance, or null. */
    public static String didYouMean(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String w : SECRET_WORDS) {
            if (k.contains(w)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(scope).append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(e.getKey())
                    .append('=')
                    .append(isSecretKey(e.getKey()) ? "****" : Redaction.redactText(String.valueOf(e.getValue())));
        }
        return out.append('}').toString();
    }
}
