package io.lumos.cli.config;

import io.lumos.cli.config.YamlNode.Mapping;
import io.lumos.cli.config.YamlNode.Scalar;
import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.assertion.Assertion;
import io.lumos.domain.diff.CompatibilityMode;
import io.lumos.domain.diff.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code assertions:} entries: {@code {dataset, severity, row_count: {min, max}, fields: {NAME:
 * {type, nullable}}, unique: [COLUMNS], freshness: 24h, schema: MODE}}, one assertion per check.
 */
final class AssertionSection {
    private static final Set<String> ASSERTION_KEYS =
            Set.of("dataset", "severity", "row_count", "fields", "unique", "freshness", "schema");
    private static final Set<String> ROW_COUNT_KEYS = Set.of("min", "max");
    private static final Set<String> ASSERTED_FIELD_KEYS = Set.of("type", "nullable");
    private static final Set<String> SCHEMA_ASSERTION_KEYS = Set.of("mode");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhdw])");

    private final ConfigNodes n;
    private final CompatibilitySection modes;

    AssertionSection(ConfigNodes n, CompatibilitySection modes) {
        this.n = n;
        this.modes = modes;
    }

    List<Assertion> read(YamlNode node) {
        List<Assertion> out = new ArrayList<>();
        if (node != null) {
            for (YamlNode an : n.sequence(node, "assertions")) {
                out.addAll(entry(an));
            }
        }
        return out;
    }

    private List<Assertion> entry(YamlNode node) {
        Map<String, YamlNode> am = n.mapping(node, "an assertions entry");
        n.checkKeys(node, am, ASSERTION_KEYS, "assertions[].");
        String dataset = n.required(node, am, "dataset");
        List<Assertion> out = new ArrayList<>();
        if (dataset == null) {
            return out;
        }
        Check c = new Check(dataset, am.containsKey("severity") ? severity(am.get("severity")) : null, n.at(node));
        int before = n.problems.size();
        if (am.containsKey("row_count")) {
            rowCount(c, am.get("row_count"), out);
        }
        if (am.containsKey("fields")) {
            fields(c, am.get("fields"), out);
        }
        if (am.containsKey("unique")) {
            unique(c, am.get("unique"), out);
        }
        if (am.containsKey("freshness")) {
            freshness(c, am.get("freshness"), out);
        }
        if (am.containsKey("schema")) {
            schema(c, am.get("schema"), out);
        }
        if (out.isEmpty() && n.problems.size() == before) {
            n.problems.add(c.where() + ": the assertion on '" + dataset
                    + "' checks nothing; add row_count, fields, unique, freshness or schema");
        }
        return out;
    }

    /** What every check of one entry shares. */
    private record Check(String dataset, Severity severity, String where) {}

    private Severity severity(YamlNode node) {
        String text = n.scalar(node, "severity");
        try {
            return Severity.parse(text);
        } catch (IllegalArgumentException e) {
            n.problem(node, "severity '" + text + "' is not one of BREAKING, NON_BREAKING, INFO");
            return null;
        }
    }

    private void rowCount(Check c, YamlNode rn, List<Assertion> out) {
        Map<String, YamlNode> rm = n.mapping(rn, "row_count");
        n.checkKeys(rn, rm, ROW_COUNT_KEYS, "assertions[].row_count.");
        Long min = rm.containsKey("min") ? count(rm.get("min"), "row_count.min") : null;
        Long max = rm.containsKey("max") ? count(rm.get("max"), "row_count.max") : null;
        if (min == null && max == null) {
            n.problem(rn, "row_count needs min, max or both (e.g. {min: 1})");
        } else if (min != null && max != null && min > max) {
            n.problem(rn, "row_count min " + min + " is above max " + max);
        } else {
            out.add(Assertion.rowCount(c.dataset(), min, max, c.severity(), c.where()));
        }
    }

    private void fields(Check c, YamlNode fn, List<Assertion> out) {
        for (Map.Entry<String, YamlNode> e : n.mapping(fn, "fields").entrySet()) {
            String field = e.getKey();
            YamlNode spec = e.getValue();
            if (spec instanceof Scalar s && (s.text().isEmpty() || s.isNull())) {
                out.add(Assertion.fieldType(c.dataset(), field, null, c.severity(), c.where()));
                continue;
            }
            Map<String, YamlNode> fm = n.mapping(spec, "fields." + field);
            n.checkKeys(spec, fm, ASSERTED_FIELD_KEYS, "assertions[].fields." + field + ".");
            DataType type = null;
            if (fm.containsKey("type")) {
                String text = n.scalar(fm.get("type"), "type");
                try {
                    type = DataTypes.parse(text);
                } catch (IllegalArgumentException e2) {
                    n.problem(
                            fm.get("type"),
                            "'" + text + "' is not a type string (" + e2.getMessage()
                                    + "); write it as scan prints it, e.g. decimal(12,2) or int64");
                    continue;
                }
            }
            out.add(Assertion.fieldType(c.dataset(), field, type, c.severity(), c.where()));
            if (fm.containsKey("nullable") && !n.bool(fm, "nullable", true)) {
                out.add(Assertion.notNull(c.dataset(), field, c.severity(), c.where()));
            }
        }
    }

    private void unique(Check c, YamlNode un, List<Assertion> out) {
        List<String> key = n.strings(un, "unique"); // one column, or a list of them
        if (key.isEmpty()) {
            n.problem(un, "unique needs at least one column, e.g. [id]");
        } else {
            out.add(Assertion.unique(c.dataset(), key, c.severity(), c.where()));
        }
    }

    private void freshness(Check c, YamlNode fn, List<Assertion> out) {
        String text = n.scalar(fn, "freshness");
        Duration age = duration(text);
        if (age == null) {
            n.problem(fn, "freshness '" + text + "' is not a duration; write a number and a unit: 30m, 24h, 7d");
        } else {
            out.add(Assertion.freshness(c.dataset(), age, c.severity(), c.where()));
        }
    }

    private void schema(Check c, YamlNode sn, List<Assertion> out) {
        YamlNode modeNode = sn;
        if (sn instanceof Mapping) {
            Map<String, YamlNode> sm = n.mapping(sn, "schema");
            n.checkKeys(sn, sm, SCHEMA_ASSERTION_KEYS, "assertions[].schema.");
            modeNode = sm.get("mode");
            if (modeNode == null) {
                n.problem(sn, "schema needs a mode (one of " + CompatibilitySection.MODE_NAMES + ")");
            }
        }
        CompatibilityMode mode = modeNode == null ? null : modes.mode(modeNode);
        if (mode != null) {
            out.add(Assertion.schema(c.dataset(), mode, c.severity(), c.where()));
        }
    }

    private Long count(YamlNode node, String what) {
        String text = n.scalar(node, what);
        try {
            long v = Long.parseLong(text == null ? "" : text.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            n.problem(node, what + " must be a whole number, at least 0, not '" + text + "'");
            return null;
        }
    }

    /** {@code 30s}, {@code 15m}, {@code 24h}, {@code 7d}, {@code 2w} or ISO-8601 {@code PT24H}; null when not a positive duration. */
    static Duration duration(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long count = Long.parseLong(m.group(1));
                Duration d =
                        switch (m.group(2)) {
                            case "s" -> Duration.ofSeconds(count);
                            case "m" -> Duration.ofMinutes(count);
                            case "h" -> Duration.ofHours(count);
                            case "d" -> Duration.ofDays(count);
                            default -> Duration.ofDays(7 * count);
                        };
                return d.isZero() ? null : d;
            }
            Duration d = Duration.parse(t);
            return d.isNegative() || d.isZero() ? null : d;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
