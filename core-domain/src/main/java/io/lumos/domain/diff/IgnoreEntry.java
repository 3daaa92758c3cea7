package io.lumos.domain.diff;

import java.time.LocalDate;

/**
 * One line of an ignore file: findings of {@code rule} at {@code path} of {@code dataset} are
 * accepted for {@code reason} until {@code expires} (inclusive; null = no expiry). {@code dataset}
 * is a URN or {@code platform:name}; {@code path} may end in {@code *} (prefix); {@code *} matches
 * anything in each of the three keys.
 */
public record IgnoreEntry(String dataset, String path, String rule, String reason, LocalDate expires) {
    public IgnoreEntry {
        dataset = require(dataset, "dataset");
        path = path == null ? "*" : path.strip();
        rule = require(rule, "rule");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(
                    "ignore entry for " + dataset + " " + path + " " + rule + " needs a reason");
        }
        reason = reason.strip();
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("ignore entry needs a " + what);
        }
        return value.strip();
    }

    public boolean expired(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    public boolean matches(Finding f) {
        boolean ds = dataset.equals("*")
                || dataset.equals(f.dataset().urn())
                || dataset.equals(f.dataset().shortName());
        boolean p = path.equals("*")
                || path.equals(f.path())
                || (path.endsWith("*") && f.path().startsWith(path.substring(0, path.length() - 1)));
        boolean r = rule.equals("*") || rule.equalsIgnoreCase(f.ruleId());
        return ds && p && r;
    }

    public String describe() {
        return dataset + " " + path + " " + rule;
    }
}
