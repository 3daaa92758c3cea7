package io.lumos.domain.diff;

import static io.lumos.domain.diff.SchemaDiff.ALIASES;
import static io.lumos.domain.diff.SchemaDiff.RENAMED_FROM;
import static io.lumos.domain.diff.SchemaDiff.split;

import io.lumos.domain.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs the fields of one level of two schemas (research schema-diff §7): by source identity first
 * (field id, attnum), then by name, then by a declared rename (Avro aliases on either side, or
 * {@code renamedFrom}). Fields left unpaired on both sides that look alike get a "probable rename"
 * hint, never a pairing. Classifying what changed is {@link DatasetComparison}'s work.
 */
final class FieldMatcher {
    private FieldMatcher() {}

    /** The pairing of one field list. */
    static final class Pairing {
        /** For each new field, the index of its old field, or -1 when it was added. */
        final int[] match;
        /** For each old field, whether a new field took it (false: removed). */
        final boolean[] used;
        /** The new fields paired only through an alias the old field lists. */
        final Set<Integer> byOldAlias;
        /** Probable-rename hints, keyed by new field index, or {@code -1 - i} for old field i. */
        final Map<Integer, String> hints;

        Pairing(int[] match, boolean[] used, Set<Integer> byOldAlias, Map<Integer, String> hints) {
            this.match = match;
            this.used = used;
            this.byOldAlias = byOldAlias;
            this.hints = hints;
        }
    }

    static Pairing pair(List<Field> olds, List<Field> news) {
        int[] match = new int[news.size()]; // index into olds, or -1
        Arrays.fill(match, -1);
        boolean[] used = new boolean[olds.size()];
        // 1. source identities (field id, attnum)
        Map<String, Integer> oldIds = new HashMap<>();
        for (int i = 0; i < olds.size(); i++) {
            String ident = plainIdentity(olds.get(i));
            if (ident != null) {
                oldIds.putIfAbsent(ident, i);
            }
        }
        if (!oldIds.isEmpty()) {
            for (int j = 0; j < news.size(); j++) {
                String ident = plainIdentity(news.get(j));
                Integer i = ident == null ? null : oldIds.get(ident);
                if (i != null && !used[i]) {
                    match[j] = i;
                    used[i] = true;
                }
            }
        }
        // 2. names
        Map<String, Integer> oldNames = new HashMap<>();
        for (int i = 0; i < olds.size(); i++) {
            oldNames.put(olds.get(i).name(), i);
        }
        for (int j = 0; j < news.size(); j++) {
            if (match[j] < 0) {
                Integer i = oldNames.get(news.get(j).name());
                if (i != null && !used[i]) {
                    match[j] = i;
                    used[i] = true;
                }
            }
        }
        // 3. declared renames: the new field's Avro aliases or renamedFrom; then the old field's
        // aliases naming the new field (an Avro reader on the old schema resolves those).
        Set<Integer> byOldAlias = new HashSet<>();
        for (int j = 0; j < news.size(); j++) {
            if (match[j] < 0) {
                for (String old : formerNames(news.get(j))) {
                    Integer i = oldNames.get(old);
                    if (i != null && !used[i]) {
                        match[j] = i;
                        used[i] = true;
                        break;
                    }
                }
            }
        }
        for (int j = 0; j < news.size(); j++) {
            if (match[j] < 0) {
                for (int i = 0; i < olds.size(); i++) {
                    if (!used[i] && aliasesOf(olds.get(i)).contains(news.get(j).name())) {
                        match[j] = i;
                        used[i] = true;
                        byOldAlias.add(j);
                        break;
                    }
                }
            }
        }
        Map<Integer, String> hints = renameHints(olds, news, match, used);
        return new Pairing(match, used, byOldAlias, hints);
    }

    private static String plainIdentity(Field f) {
        String id = f.identity();
        return id == null || id.startsWith("aliases:") ? null : id;
    }

    static List<String> aliasesOf(Field f) {
        List<String> out = new ArrayList<>(split(f.properties().get(ALIASES)));
        if (f.identity() != null && f.identity().startsWith("aliases:")) {
            out.addAll(split(f.identity().substring("aliases:".length())));
        }
        return out;
    }

    private static List<String> formerNames(Field n) {
        List<String> out = new ArrayList<>();
        String declared = n.properties().get(RENAMED_FROM);
        if (declared != null) {
            out.add(declared.strip());
        }
        out.addAll(split(n.properties().get(ALIASES)));
        if (n.identity() != null && n.identity().startsWith("aliases:")) {
            out.addAll(split(n.identity().substring("aliases:".length())));
        }
        return out;
    }

    /** Row 7: unmatched removed+added with the same type and nullability, same position or description, 1:1. */
    private static Map<Integer, String> renameHints(List<Field> olds, List<Field> news, int[] match, boolean[] used) {
        Map<Integer, String> hints = new HashMap<>();
        Map<Integer, List<Integer>> candidates = new HashMap<>();
        Map<Integer, Integer> reverseCount = new HashMap<>();
        for (int i = 0; i < olds.size(); i++) {
            if (used[i]) {
                continue;
            }
            Field o = olds.get(i);
            for (int j = 0; j < news.size(); j++) {
                if (match[j] >= 0) {
                    continue;
                }
                Field n = news.get(j);
                boolean sameShape = o.type().equals(n.type()) && o.nullable() == n.nullable();
                boolean sameDoc = o.description() != null && o.description().equals(n.description());
                if (sameShape && (i == j || sameDoc)) {
                    candidates.computeIfAbsent(i, k -> new ArrayList<>()).add(j);
                    reverseCount.merge(j, 1, Integer::sum);
                }
            }
        }
        candidates.forEach((i, js) -> {
            if (js.size() == 1 && reverseCount.get(js.get(0)) == 1) {
                int j = js.get(0);
                String hint = "probable rename of " + olds.get(i).path() + " to "
                        + news.get(j).path()
                        + " (same type and " + (i == j ? "position" : "description")
                        + "); declare renamedFrom: " + olds.get(i).name() + " to track it as a rename";
                hints.put(-1 - i, hint);
                hints.put(j, hint);
            }
        });
        return hints;
    }
}
