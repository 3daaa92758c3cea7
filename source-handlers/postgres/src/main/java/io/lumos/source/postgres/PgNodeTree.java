package io.lumos.source.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PostgreSQL's text form of a node tree ({@code pg_node_tree}, as in
 * {@code pg_rewrite.ev_action}): {@code {NODE :field value ...}}, lists in parentheses, {@code <>}
 * for null. Tokens follow the server's {@code pg_strtok}: parentheses and braces stand alone,
 * everything else runs to the next space, a backslash escapes the next character. A node becomes a
 * map with its type under {@link #TYPE}; a field with several values (a Datum's bytes) keeps them as
 * a list.
 */
final class PgNodeTree {
    static final String TYPE = "@type";
    private static final Object END = new Object();

    private final String text;
    private int pos;

    private PgNodeTree(String text) {
        this.text = text;
    }

    /** The tree: a node (map), a list, a token or null. */
    static Object parse(String text) {
        PgNodeTree p = new PgNodeTree(text);
        Object v = p.value(p.token());
        if (p.token() != null) {
            throw new IllegalArgumentException("unexpected text after the node tree at " + p.pos);
        }
        return v;
    }

    private String token() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        if (pos >= text.length()) {
            return null;
        }
        char c = text.charAt(pos);
        if (c == '(' || c == ')' || c == '{' || c == '}') {
            pos++;
            return String.valueOf(c);
        }
        int start = pos;
        while (pos < text.length()) {
            char d = text.charAt(pos);
            if (d == ' ' || d == '\n' || d == '\t' || d == '(' || d == ')' || d == '{' || d == '}') {
                break;
            }
            pos += d == '\\' && pos + 1 < text.length() ? 2 : 1;
        }
        return text.substring(start, pos);
    }

    private Object value(String t) {
        if (t == null) {
            throw new IllegalArgumentException("the node tree ends too early");
        }
        return switch (t) {
            case "{" -> node();
            case "(" -> list();
            case "<>" -> null;
            case ")", "}" -> END;
            default -> unescape(t);
        };
    }

    private Map<String, Object> node() {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put(TYPE, token());
        String field = null;
        List<Object> values = new ArrayList<>();
        while (true) {
            String t = token();
            if (t == null) {
                throw new IllegalArgumentException("a node is not closed");
            }
            if (t.equals("}") || (t.startsWith(":") && t.length() > 1)) {
                if (field != null) {
                    node.put(field, values.size() == 1 ? values.get(0) : List.copyOf(values));
                }
                if (t.equals("}")) {
                    return node;
                }
                field = t.substring(1);
                values = new ArrayList<>();
            } else {
                Object v = value(t);
                if (v == END) {
                    throw new IllegalArgumentException("unbalanced ')' in a node");
                }
                values.add(v);
            }
        }
    }

    private List<Object> list() {
        List<Object> out = new ArrayList<>();
        while (true) {
            String t = token();
            if (t == null) {
                throw new IllegalArgumentException("a list is not closed");
            }
            if (t.equals(")")) {
                return out;
            }
            Object v = value(t);
            if (v == END) {
                throw new IllegalArgumentException("unbalanced '}' in a list");
            }
            out.add(v);
        }
    }

    /** Drops the backslashes and, for a string token, its quotes. */
    private static String unescape(String t) {
        String s = t;
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    // small typed accessors for the resolver

    @SuppressWarnings("unchecked")
    static Map<String, Object> node(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    static String type(Object o) {
        Map<String, Object> n = node(o);
        return n == null ? null : (String) n.get(TYPE);
    }

    static long number(Map<String, Object> node, String field, long fallback) {
        Object v = node.get(field);
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
