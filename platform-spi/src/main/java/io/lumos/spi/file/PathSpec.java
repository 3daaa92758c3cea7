package io.lumos.spi.file;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path spec as DataHub's file and S3 sources write it, for every source that lists files: levels
 * separated by {@code /}, each a literal, a pattern or {@code **}. Within a level, {@code *} and
 * {@code ?} match any text and any one character, {@code [abc]} and {@code [!a-z]} one character of
 * a class, {@code {a,b}} one of the alternatives, and {@code {var}} any text, remembered by name;
 * {@code **} as a whole level matches any number of levels (none too, except as the last level,
 * where it leaves at least the file name), and as part of the last level ({@code **.parquet}) any
 * text across levels. {@code {table}} marks the folder that becomes a dataset; without it each file
 * is a dataset. A spec ending in {@code {table}} gets {@code /**} appended: every file below the
 * table folder.
 *
 * <p>Partitions come from {@code {partition_key[i]}={partition[i]}}, {@code key={partition[i]}},
 * named variables after the table ({@code year={year}}), and, in folders matched by {@code **} below
 * the table, from {@code key=value} names (else {@code partition_0, partition_1, ...}). A spec may
 * carry its own {@code default_extension}: the format of files without an extension.
 *
 * <p>The spec does not know what its first level is: the S3 source puts the bucket there, the files
 * source the first level below the folder the glob starts in.
 */
public final class PathSpec {
    private final String include;
    private final List<Level> levels;
    private final int tableLevel;
    private final String defaultExtension;

    private PathSpec(String include, List<Level> levels, int tableLevel, String defaultExtension) {
        this.include = include;
        this.levels = levels;
        this.tableLevel = tableLevel;
        this.defaultExtension = defaultExtension;
    }

    /**
     * Parses the levels of a spec.
     *
     * @param include the spec as the user wrote it, for messages and {@link #include()}
     * @param pattern its levels, separated by {@code /}
     * @throws IllegalArgumentException with a message saying what is wrong with the spec
     */
    public static PathSpec parse(String include, String pattern) {
        String path = pattern;
        if (path.endsWith("{table}") || path.endsWith("{table}/")) {
            path = (path.endsWith("/") ? path : path + "/") + "**";
        }
        String[] parts = path.split("/", -1);
        List<Level> levels = new ArrayList<>();
        int tableLevel = -1;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                throw new IllegalArgumentException("path spec '" + include + "' has an empty level ('//')");
            }
            Level level = Level.of(p, include, i == parts.length - 1);
            if (level.vars.contains("table")) {
                if (tableLevel >= 0) {
                    throw new IllegalArgumentException("path spec '" + include + "' names {table} twice");
                }
                tableLevel = i;
            }
            levels.add(level);
        }
        return new PathSpec(include, List.copyOf(levels), tableLevel, null);
    }

    /** This spec with its own {@code default_extension} (with a dot, lower case), or none when null. */
    public PathSpec withDefaultExtension(String extension) {
        return new PathSpec(include, levels, tableLevel, extension);
    }

    /** The {@code default_extension} of this spec, or null when it has none. */
    public String defaultExtension() {
        return defaultExtension;
    }

    /** Whether one level of a path is a pattern: {@code *}, {@code ?}, {@code [..]} or {@code {var}}. */
    public static boolean isPattern(String level) {
        return level.indexOf('*') >= 0
                || level.indexOf('?') >= 0
                || level.indexOf('[') >= 0
                || NAMED.matcher(level).find();
    }

    /** Whether a path (levels separated by {@code /} or {@code \}) has a pattern level. */
    public static boolean hasPattern(String path) {
        for (String part : path.replace('\\', '/').split("/", -1)) {
            if (isPattern(part)) {
                return true;
            }
        }
        return false;
    }

    public String include() {
        return include;
    }

    public int levels() {
        return levels.size();
    }

    public boolean hasTable() {
        return tableLevel >= 0;
    }

    /** The level of {@code {table}} (0 for the first), or -1 without one. */
    public int tableLevel() {
        return tableLevel;
    }

    /** How many levels a match can have at most: {@link Integer#MAX_VALUE} with {@code **}. */
    public int depth() {
        for (Level l : levels) {
            if (l.doubleStar || l.crossing) {
                return Integer.MAX_VALUE;
            }
        }
        return levels.size();
    }

    /** The text of a level that is a literal, or null when it is a pattern. */
    public String literal(int level) {
        return levels.get(level).literal;
    }

    /** Whether a level of the spec, on its own, matches one level of a path. */
    public boolean levelMatches(int level, String name) {
        Level l = levels.get(level);
        return l.doubleStar || l.regex.matcher(name).matches();
    }

    /**
     * The literal levels from {@code from} on up to the first pattern, joined by {@code /} (with a
     * trailing {@code /} when a level follows): the prefix to list, so as to list as little as
     * possible.
     */
    public String literalPrefix(int from) {
        StringBuilder prefix = new StringBuilder();
        for (int i = from; i < levels.size(); i++) {
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
    public record Partition(String key, String value) {}

    /**
     * Where a matched file belongs: its dataset, and the partitions its path names.
     *
     * @param table the dataset's path: the levels up to and including {@code {table}}, or the whole
     *     path without one
     * @param folder whether the dataset is a table folder rather than a single file
     */
    public record Match(String table, boolean folder, List<Partition> partitions, Map<String, String> variables) {}

    /** Whether a path (levels separated by {@code /}) matches the whole spec. */
    public boolean matches(String path) {
        return match(path).isPresent();
    }

    /** The match of a path (levels separated by {@code /}), or empty. */
    public Optional<Match> match(String path) {
        return match(path.split("/", -1));
    }

    /** The match of a path given as its levels, or empty. */
    public Optional<Match> match(String... parts) {
        for (String p : parts) {
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
            table = String.join("/", Arrays.copyOfRange(parts, 0, end + 1));
        } else {
            table = String.join("/", parts);
        }
        return Optional.of(
                new Match(table, tableLevel >= 0, partitions(parts, vars, starSpans, levelStart), Map.copyOf(vars)));
    }

    private List<Partition> partitions(
            String[] parts, Map<String, String> vars, List<int[]> starSpans, int[] levelStart) {
        Map<String, String> explicit = new LinkedHashMap<>();
        Map<Integer, String[]> indexed = new TreeMap<>();
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
        if (level.crossing) {
            // the last level, with ** inside it: the rest of the path, across levels
            String rest = String.join("/", Arrays.copyOfRange(parts, pi, parts.length));
            return level.regex.matcher(rest).matches();
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
    private static final Pattern NAMED = Pattern.compile("\\{[A-Za-z0-9_\\[\\]]+}");

    /**
     * One level of the spec.
     *
     * @param crossing the last level with {@code **} inside it: matched against the rest of the path
     */
    private record Level(
            String source, String literal, Pattern regex, List<String> vars, boolean doubleStar, boolean crossing) {
        static Level of(String text, String include, boolean last) {
            if (text.equals("**")) {
                return new Level(text, null, null, List.of(), true, false);
            }
            boolean crossing = text.contains("**");
            if (crossing && !last) {
                throw new IllegalArgumentException(
                        "path spec '" + include + "': ** must be a whole level, as in a/**/b.parquet");
            }
            List<String> vars = new ArrayList<>();
            StringBuilder re = new StringBuilder();
            boolean literal = translate(text, include, re, vars, true);
            return new Level(
                    text, literal ? text : null, Pattern.compile(re.toString()), List.copyOf(vars), false, crossing);
        }

        /** Appends the regex of a level's text; true when it is a literal. */
        private static boolean translate(
                String text, String include, StringBuilder re, List<String> vars, boolean allowVars) {
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
                    if (name.indexOf(',') >= 0) {
                        // {a,b}: one of the alternatives, each a pattern of its own
                        re.append("(?:");
                        String[] alternatives = name.split(",", -1);
                        for (int a = 0; a < alternatives.length; a++) {
                            if (a > 0) {
                                re.append('|');
                            }
                            translate(alternatives[a], include, re, vars, false);
                        }
                        re.append(')');
                    } else if (allowVars && VAR.matcher(name).matches()) {
                        re.append("(?<v").append(vars.size()).append(name.equals("table") ? ">[^/]+)" : ">[^/]*?)");
                        vars.add(name);
                    } else {
                        throw new IllegalArgumentException("path spec '" + include + "': '{" + name
                                + "}' is not a variable; use {table}, {partition_key[0]}, {partition[0]} or {name}");
                    }
                    literal = false;
                    i = close;
                } else if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                    re.append(".*");
                    literal = false;
                    i++;
                } else if (c == '*') {
                    re.append("[^/]*");
                    literal = false;
                } else if (c == '?') {
                    re.append("[^/]");
                    literal = false;
                } else if (c == '[' && text.indexOf(']', i + 2) > 0) {
                    // [abc], [a-z], [!abc]: one character of the class
                    int close = text.indexOf(']', i + 2);
                    String body = text.substring(i + 1, close);
                    boolean negated = body.startsWith("!");
                    re.append('[').append(negated ? "^/" : "");
                    for (char b : (negated ? body.substring(1) : body).toCharArray()) {
                        if (b != '-' && !Character.isLetterOrDigit(b)) {
                            re.append('\\'); // any other character stands for itself
                        }
                        re.append(b);
                    }
                    re.append(']');
                    literal = false;
                    i = close;
                } else {
                    re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return literal;
        }
    }

    /** A glob over whole paths for {@code exclude}: {@code **} crosses levels, {@code *} does not. */
    public static Pattern glob(String glob) {
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
