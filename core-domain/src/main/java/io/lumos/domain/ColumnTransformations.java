package io.lumos.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a column was made, in OpenLineage's transformation vocabulary, and the written forms of a
 * column mapping that say it.
 *
 * <p>The type is {@code DIRECT} (the value is computed from the upstream columns) or
 * {@code INDIRECT} (they only decide which rows). Each subtype belongs to one type: {@code IDENTITY},
 * {@code TRANSFORMATION} and {@code AGGREGATION} are direct; {@code JOIN}, {@code FILTER},
 * {@code GROUP_BY}, {@code SORT}, {@code WINDOW} and {@code CONDITIONAL} indirect. A subtype alone
 * implies its type.
 *
 * <p>Text form: {@code UP=DOWN}, {@code UP1+UP2=DOWN}, with an optional {@code :SUBTYPE},
 * {@code :TYPE} or {@code :TYPE/SUBTYPE}, e.g. {@code revenue=amount:AGGREGATION}. Structured form
 * (see {@link #of}): {@code from} (one or more upstream columns), {@code to}, {@code type},
 * {@code subtype}, {@code description}.
 */
public final class ColumnTransformations {
    /** The subtypes and their type, in OpenLineage's order. */
    private static final Map<String, String> SUBTYPES = orderedMap(
            "IDENTITY", "DIRECT",
            "TRANSFORMATION", "DIRECT",
            "AGGREGATION", "DIRECT",
            "JOIN", "INDIRECT",
            "FILTER", "INDIRECT",
            "GROUP_BY", "INDIRECT",
            "SORT", "INDIRECT",
            "WINDOW", "INDIRECT",
            "CONDITIONAL", "INDIRECT");

    private static final List<String> TYPES = List.of("DIRECT", "INDIRECT");

    private ColumnTransformations() {}

    /** The subtypes, in OpenLineage's order. */
    public static List<String> subtypes() {
        return List.copyOf(SUBTYPES.keySet());
    }

    /** The type a subtype belongs to ({@code DIRECT} or {@code INDIRECT}), or null for an unknown subtype. */
    public static String typeOf(String subtype) {
        return subtype == null ? null : SUBTYPES.get(subtype.toUpperCase(Locale.ROOT));
    }

    /**
     * Parses the text form. Throws {@link IllegalArgumentException} with one sentence that says
     * what is wrong and what would be right.
     */
    public static ColumnMapping parse(String text) {
        String t = RecordChecks.require(text, "column mapping");
        int eq = t.indexOf('=');
        if (eq <= 0 || eq == t.length() - 1) {
            throw new IllegalArgumentException(
                    "column mapping '" + t
                            + "' must look like UPSTREAM=DOWNSTREAM, optionally with :SUBTYPE (e.g. revenue=amount:AGGREGATION)");
        }
        String down = t.substring(eq + 1);
        String how = null;
        int colon = down.indexOf(':');
        if (colon >= 0) {
            how = down.substring(colon + 1).strip();
            down = down.substring(0, colon);
        }
        List<String> ups = Arrays.stream(t.substring(0, eq).split("\\+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (ups.isEmpty() || down.isBlank()) {
            throw new IllegalArgumentException(
                    "column mapping '" + t
                            + "' must look like UPSTREAM=DOWNSTREAM, optionally with :SUBTYPE (e.g. revenue=amount:AGGREGATION)");
        }
        String type = null;
        String subtype = null;
        if (how != null) {
            String h = how.toUpperCase(Locale.ROOT);
            int slash = h.indexOf('/');
            if (slash >= 0) {
                type = h.substring(0, slash).strip();
                subtype = h.substring(slash + 1).strip();
            } else if (TYPES.contains(h)) {
                type = h;
            } else {
                subtype = h;
            }
            if (h.isEmpty()) {
                throw new IllegalArgumentException("column mapping '" + t + "' has ':' but no transformation after it;"
                        + " write one of " + String.join(", ", SUBTYPES.keySet()) + " or drop the ':'");
            }
        }
        return of(ups, down.strip(), type, subtype, null, "column mapping '" + t + "'");
    }

    /**
     * A mapping from its parts, checked: the type and subtype must be OpenLineage's words and agree;
     * a subtype alone implies its type. {@code what} names the mapping in the error message.
     */
    public static ColumnMapping of(
            List<String> from, String to, String type, String subtype, String description, String what) {
        String ty = upper(type);
        String sub = upper(subtype);
        if (ty != null && !TYPES.contains(ty)) {
            throw new IllegalArgumentException(
                    what + ": transformation type '" + type + "' is not one of DIRECT, INDIRECT");
        }
        if (sub != null && !SUBTYPES.containsKey(sub)) {
            throw new IllegalArgumentException(what + ": transformation subtype '" + subtype + "' is not one of "
                    + String.join(", ", SUBTYPES.keySet()));
        }
        if (sub != null && ty != null && !SUBTYPES.get(sub).equals(ty)) {
            throw new IllegalArgumentException(
                    what + ": " + sub + " is an " + SUBTYPES.get(sub).toLowerCase(Locale.ROOT) + " transformation, not "
                            + ty + "; write type " + SUBTYPES.get(sub) + " or leave the type out");
        }
        if (sub != null && ty == null) {
            ty = SUBTYPES.get(sub);
        }
        if (from == null || from.stream().allMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException(what + " needs at least one upstream column in 'from'");
        }
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException(what + " needs the downstream column in 'to'");
        }
        List<String> ups = from.stream()
                .filter(s -> s != null && !s.isBlank())
                .map(String::strip)
                .toList();
        return new ColumnMapping(ups, to.strip(), description, ty, sub);
    }

    /**
     * The noun phrase for what a change breaks in a column made this way ("an aggregation"), or
     * null for an identity copy or an unknown kind.
     */
    public static String noun(ColumnMapping m) {
        String sub = m.transformationSubtype();
        if (sub == null || "IDENTITY".equals(sub)) {
            return null;
        }
        return switch (sub) {
            case "AGGREGATION" -> "an aggregation";
            case "TRANSFORMATION" -> "a transformation";
            case "JOIN" -> "a join";
            case "FILTER" -> "a filter";
            case "GROUP_BY" -> "a group by";
            case "SORT" -> "a sort";
            case "WINDOW" -> "a window";
            case "CONDITIONAL" -> "a condition";
            default -> "a " + sub.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** The text form of a mapping, as {@link #parse} reads it back (the description is left out). */
    public static String format(ColumnMapping m) {
        StringBuilder sb = new StringBuilder(String.join("+", m.upstreamColumns()))
                .append('=')
                .append(m.downstreamColumn());
        if (m.transformationSubtype() != null) {
            sb.append(':').append(m.transformationSubtype());
        } else if (m.transformationType() != null) {
            sb.append(':').append(m.transformationType());
        }
        return sb.toString();
    }

    private static String upper(String s) {
        String t = RecordChecks.optional(s);
        return t == null ? null : t.toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> orderedMap(String... kv) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
