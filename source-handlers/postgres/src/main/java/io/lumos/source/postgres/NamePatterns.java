package io.lumos.source.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code include}/{@code exclude} globs on {@code schema.table}: {@code *} any run of
 * characters, {@code ?} one character, case-insensitive (as DataHub's allow/deny patterns). A
 * pattern without a dot names a schema: {@code sales} means {@code sales.*}.
 */
final class NamePatterns {
    private final List<Pattern> include;
    private final List<Pattern> exclude;

    NamePatterns(List<String> include, List<String> exclude) {
        this.include = compile(include);
        this.exclude = compile(exclude);
    }

    static NamePatterns all() {
        return new NamePatterns(List.of(), List.of());
    }

    boolean matches(String schema, String table) {
        String name = schema + "." + table;
        if (!include.isEmpty()
                && include.stream().noneMatch(p -> p.matcher(name).matches())) {
            return false;
        }
        return exclude.stream().noneMatch(p -> p.matcher(name).matches());
    }

    private static List<Pattern> compile(List<String> globs) {
        List<Pattern> out = new ArrayList<>();
        for (String g : globs) {
            String glob = g.strip();
            if (glob.isEmpty()) {
                continue;
            }
            if (glob.indexOf('.') < 0) {
                glob = glob + ".*";
            }
            out.add(toRegex(glob));
        }
        return out;
    }

    static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
