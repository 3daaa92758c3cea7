package io.lumos.source.s3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path spec as DataHub writes it: {@code s3://bucket/warehouse/{table}/dt={partition[0]}/*.parquet}.
 * Each {@code /}-level is a literal, a pattern ({@code *}, {@code ?} and {@code {var}} match within
 * one level) or {@code **} (any number of levels). {@code {table}} marks the folder that becomes a
 * dataset; without it each file is a dataset. Partitions come from {@code {partition_key[i]}={partition[i]}},
 * {@code key={partition[i]}}, named variables after the table ({@code year={year}}), and, in
 * folders matched by {@code **} below the table, from {@code key=value} names (else
 * {@code partition_0, partition_1, ...}). A spec ending in {@code {table}} gets {@code /**} appended.
 */
final class PathSpec {
    private final String include;
    private final List<Level> levels; // level 0 is the bucket
    private final int tableLevel;

    private PathSpec(String include, List<Level> levels, int tableLevel) {
        this.include = include;
        this.levels = levels;
        this.tableLevel = tableLevel;
    }

    /** @throws IllegalArgumentException with a message saying what is wrong with the spec */
    static PathSpec parse(String include) {
        S3Uri uri = S3Uri.parse(include);
        String path = uri.key();
        if (path.endsWith("{table}") || path.endsWith("{table}/")) {
            path = (path.endsWith("/") ? path : path + "/") + "**";
        }
        if (path.isEmpty() || path.endsWith("/")) {
            throw new IllegalArgumentException(
                    "path spec '" + include + "' must end with a file pattern such as *.parquet, or with {table}");
        }
        List<String> parts = new ArrayList<>();
        parts.add(uri.bucket());
        for (String p : path.split("/", -1)) {
            parts.add(p);
        }
        List<Level> levels = new ArrayList<>();
        int tableLevel = -1;
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.isEmpty()) {
                throw new IllegalArgumentException("path spec '" + include + "' has an empty level ('//')");
            }
            Level level = Level.of(p, include);
            if (level.vars.contains("table")) {
                if (tableLevel >= 0) {
                    throw new IllegalArgumentException("path spec '" + include + "' names {table} twice");
                }
                tableLevel = i;
            }
            if (level.doubleStar && i == 0) {
                throw new IllegalArgumentException("path spec '" + include + "': the bucket cannot be **");
            }
            levels.add(level);
        }
        return new PathSpec(include, List.copyOf(levels), tableLevel);
    }

    String include() {
        return include;
    }

    boolean hasTable() {
        return tableLevel >= 0;
    }

    /** The bucket name, or null when the bucket level is a pattern (then every bucket is listed). */
    String literalBucket() {
        return levels.get(0).literal;
    }

    boolean bucketMatches(String bucket) {
        return levels.get(0).regex.matcher(bucket).matches();
    }

    /** The longest literal key prefix, to list as little as possible. */
    String listPrefix() {
        StringBuilder prefix = new StringBuilder();
        for (int i = 1; i < levels.size(); i++) {
            Level l = levels.get(i);
            if (l.literal == null) {
                break;
            }
            prefix.append(l.literal);
            if (i < levels.size() - 1) {
                prefix.append('/');
            }
        }
        return prefix.toString();
    }

    /** A partition of a matched file: its key (column name) and value. */
    record Partition(String key, String value) {}

    /**
     * @param table the dataset's path: {@code bucket/folders/table} (or {@code bucket/path/file} without {table})
     * @param folder whether the dataset is a table folder rather than a single file
     */
    record Match(String table, boolean folder, List<Partition> partitions, Map<String, String> variables) {}

    Optional<Match> match(String bucket, String key) {
        String[] keyParts = key.split("/", -1);
        String[] parts = new String[keyParts.length + 1];
        parts[0] = bucket;
        System.arraycopy(keyParts, 0, parts, 1, keyParts.length);
        for (String p : keyParts) {
            if (p.isEmpty()) {
                return Optional.empty(); // folder markers and odd keys with '//'
            }
        }
        Map<String, String> vars = new LinkedHashMap<>();
        List<int[]> starSpans = new ArrayList<>();
        int[] levelStart = new int[levels.size() + 1];
        if (!match(0, parts, 0, vars, starSpans, levelStart)) {
            return Optional.empty();
        }
        String table;
        if (tableLevel >= 0) {
            int end = levelStart[tableLevel];
            table = String.join("/", java.util.Arrays.copyOfRange(parts, 0, end + 1));
        } else {
            table = String.join("/", parts);
        }
        return Optional.of(
                new Match(table, tableLevel >= 0, partitions(parts, vars, starSpans, levelStart), Map.copyOf(vars)));
    }

    private List<Partition> partitions(
            String[] parts, Map<String, String> vars, List<int[]> starSpans, int[] levelStart) {
        Map<String, String> explicit = new LinkedHashMap<>();
        Map<Integer, String[]> indexed = new java.util.TreeMap<>();
        for (Map.Entry<String, String> v : vars.entrySet()) {
            Matcher m = INDEXED.matcher(v.getKey());
            if (m.matches()) {
                String[] pair = indexed.computeIfAbsent(Integer.parseInt(m.group(2)), i -> new String[2]);
                if (m.group(1).equals("partition_key")) {
                    pair[0] = v.getValue();
                } else {
                    pair[1] = v.getValue();
                }
            }
        }
        for (Map.Entry<Integer, String[]> e : indexed.entrySet()) {
            String k = e.getValue()[0];
            if (k == null) {
                k = keyBefore(e.getKey());
            }
            explicit.put(k == null ? "partition_" + e.getKey() : k, e.getValue()[1] == null ? "" : e.getValue()[1]);
        }
        // named variables after the table level are partitions too: year={year}
        for (int i = tableLevel + 1; tableLevel >= 0 && i < levels.size(); i++) {
            for (String v : levels.get(i).vars) {
                if (!v.equals("table") && !INDEXED.matcher(v).matches() && i < levels.size() - 1) {
                    explicit.putIfAbsent(v, vars.get(v));
                }
            }
        }
        List<Partition> out = new ArrayList<>();
        explicit.forEach((k, v) -> out.add(new Partition(k, v)));
        // folders under the table matched by **: key=value, else positional
        if (tableLevel >= 0) {
            int positional = 0;
            for (int[] span : starSpans) {
                for (int i = Math.max(span[0], levelStart[tableLevel] + 1); i < span[1] && i < parts.length - 1; i++) {
                    String folder = parts[i];
                    int eq = folder.indexOf('=');
                    if (eq > 0) {
                        out.add(new Partition(folder.substring(0, eq), folder.substring(eq + 1)));
                    } else {
                        out.add(new Partition("partition_" + positional++, folder));
                    }
                }
            }
        }
        return out;
    }

    /** The literal text before {partition[i]} on its level, as in dt={partition[0]}: "dt". */
    private String keyBefore(int index) {
        for (Level l : levels) {
            int at = l.source.indexOf("{partition[" + index + "]}");
            if (at < 0) {
                at = l.source.indexOf("{partition_value[" + index + "]}");
            }
            if (at > 1 && l.source.charAt(at - 1) == '=') {
                String key = l.source.substring(0, at - 1);
                if (!key.contains("{") && !key.contains("*")) {
                    return key;
                }
            }
        }
        return null;
    }

    private boolean match(
            int li, String[] parts, int pi, Map<String, String> vars, List<int[]> starSpans, int[] levelStart) {
        if (li == levels.size()) {
            return pi == parts.length;
        }
        Level level = levels.get(li);
        levelStart[li] = pi;
        if (level.doubleStar) {
            boolean last = li == levels.size() - 1;
            // a trailing ** must leave the file name to itself; otherwise it may match no level
            for (int end = last ? parts.length : pi; end <= parts.length; end++) {
                if (last && end <= pi) {
                    continue;
                }
                int mark = starSpans.size();
                starSpans.add(new int[] {pi, end});
                Map<String, String> saved = new LinkedHashMap<>(vars);
                if (match(li + 1, parts, end, vars, starSpans, levelStart)) {
                    return true;
                }
                starSpans.subList(mark, starSpans.size()).clear();
                vars.clear();
                vars.putAll(saved);
            }
            return false;
        }
        if (pi >= parts.length) {
            return false;
        }
        Matcher m = level.regex.matcher(parts[pi]);
        if (!m.matches()) {
            return false;
        }
        Map<String, String> saved = new LinkedHashMap<>(vars);
        for (int g = 0; g < level.vars.size(); g++) {
            String name = level.vars.get(g);
            String value = m.group("v" + g);
            String before = vars.putIfAbsent(name, value);
            if (before != null && !before.equals(value)) {
                vars.clear();
                vars.putAll(saved);
                return false; // a variable used twice must match the same text
            }
        }
        if (match(li + 1, parts, pi + 1, vars, starSpans, levelStart)) {
            return true;
        }
        vars.clear();
        vars.putAll(saved);
        return false;
    }

    private static final Pattern INDEXED = Pattern.compile("(partition_key|partition|partition_value)\\[(\\d+)]");
    private static final Pattern VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[\\d+])?");

    /** One level of the spec. */
    private record Level(String source, String literal, Pattern regex, List<String> vars, boolean doubleStar) {
        static Level of(String text, String include) {
            if (text.equals("**")) {
                return new Level(text, null, null, List.of(), true);
            }
            if (text.contains("**")) {
                throw new IllegalArgumentException(
                        "path spec '" + include + "': ** must be a whole level, as in a/**/b.parquet");
            }
            StringBuilder re = new StringBuilder();
            List<String> vars = new ArrayList<>();
            boolean literal = true;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '{') {
                    int close = text.indexOf('}', i);
                    if (close < 0) {
                        throw new IllegalArgumentException(
                                "path spec '" + include + "': '{' without '}' in '" + text + "'");
                    }
                    String name = text.substring(i + 1, close);
                    if (!VAR.matcher(name).matches()) {
                        throw new IllegalArgumentException("path spec '" + include + "': '{" + name
                                + "}' is not a variable; use {table}, {partition_key[0]}, {partition[0]} or {name}");
                    }
                    if (name.equals("table")) {
                        re.append("(?<v").append(vars.size()).append(">[^/]+)");
                    } else {
                        re.append("(?<v").append(vars.size()).append(">[^/]*?)");
                    }
                    vars.add(name);
                    literal = false;
                    i = close;
                } else if (c == '*') {
                    re.append("[^/]*");
                    literal = false;
                } else if (c == '?') {
                    re.append("[^/]");
                    literal = false;
                } else {
                    re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return new Level(text, literal ? text : null, Pattern.compile(re.toString()), List.copyOf(vars), false);
        }
    }

    /** A glob over whole URIs for {@code exclude}: {@code **} crosses levels, {@code *} does not. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return include;
    }
}
