package io.lumos.source.postgres;

import static io.lumos.source.postgres.PgNodeTree.list;
import static io.lumos.source.postgres.PgNodeTree.node;
import static io.lumos.source.postgres.PgNodeTree.number;
import static io.lumos.source.postgres.PgNodeTree.type;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Column lineage of a view from its stored rewrite rule ({@code pg_rewrite.ev_action}), the query
 * tree PostgreSQL itself built from the view's SQL: no SQL parser, no guessing at aliases. Every
 * column reference ({@code VAR}) of an output column's expression is followed through joins,
 * subqueries, CTEs, set operations and sub-selects down to table columns (relation oid, attnum).
 */
final class RuleLineage {
    private static final int MAX_DEPTH = 64;

    private RuleLineage() {}

    /** A table column: relation oid and attnum (0 for a whole-row reference). */
    record Column(long relid, int attnum) {}

    /**
     * What one output column of the view is computed from.
     *
     * @param passThrough true when the column is one table column, unchanged
     */
    record Output(String name, Set<Column> uses, boolean passThrough) {}

    /** The view's output columns in order, or throws IllegalArgumentException on a tree it cannot read. */
    static List<Output> outputs(String evAction) {
        Object tree = PgNodeTree.parse(evAction);
        List<?> queries = tree instanceof List<?> l ? l : List.of(tree);
        Map<String, Object> query = queries.isEmpty() ? null : node(queries.get(0));
        if (query == null || !"QUERY".equals(type(query))) {
            throw new IllegalArgumentException("the rule holds no query");
        }
        List<Output> out = new ArrayList<>();
        Deque<Map<String, Object>> stack = new ArrayDeque<>();
        stack.push(query);
        for (Object o : list(query.get("targetList"))) {
            Map<String, Object> te = node(o);
            if (te == null || "true".equals(te.get("resjunk"))) {
                continue;
            }
            Walk w = new Walk();
            int resno = (int) number(te, "resno", -1);
            w.target(stack, query, resno, 0);
            String name = te.get("resname") instanceof String s ? s : "?column?";
            out.add(new Output(name, w.uses, w.passThrough()));
        }
        return out;
    }

    /** One output column's walk; counts the expressions met on the way to tell a pass-through. */
    private static final class Walk {
        final Set<Column> uses = new LinkedHashSet<>();
        final Set<String> visiting = new HashSet<>();
        int expressions;

        boolean passThrough() {
            return expressions == 0
                    && uses.size() == 1
                    && uses.iterator().next().attnum() > 0;
        }

        /** Output column {@code resno} of {@code query} (a set operation: of each of its branches). */
        void target(Deque<Map<String, Object>> stack, Map<String, Object> query, int resno, int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("the view nests too deep to follow");
            }
            if (query.get("setOperations") != null) {
                expressions++; // UNION and friends combine several columns into one
                for (Object o : list(query.get("rtable"))) {
                    Map<String, Object> rte = node(o);
                    Map<String, Object> sub = rte == null ? null : node(rte.get("subquery"));
                    if (sub != null) {
                        stack.push(sub);
                        target(stack, sub, resno, depth + 1);
                        stack.pop();
                    }
                }
                return;
            }
            for (Object o : list(query.get("targetList"))) {
                Map<String, Object> te = node(o);
                if (te != null && number(te, "resno", -1) == resno) {
                    expr(stack, te.get("expr"), depth + 1);
                    return;
                }
            }
        }

        /** Every VAR in an expression; any other node on the way makes the column a transformation. */
        void expr(Deque<Map<String, Object>> stack, Object e, int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("the view nests too deep to follow");
            }
            if (e instanceof List<?> l) {
                for (Object x : l) {
                    expr(stack, x, depth + 1);
                }
                return;
            }
            Map<String, Object> n = node(e);
            if (n == null) {
                return;
            }
            String t = type(n);
            if ("VAR".equals(t)) {
                var(stack, n, depth);
                return;
            }
            if ("QUERY".equals(t)) {
                // a sub-select: everything it reads counts (select list, WHERE, GROUP BY...)
                expressions++;
                stack.push(n);
                for (Map.Entry<String, Object> f : n.entrySet()) {
                    if (!f.getKey().equals("rtable")
                            && !f.getKey().equals("cteList")
                            && !f.getKey().equals("rteperminfos")) {
                        expr(stack, f.getValue(), depth + 1);
                    }
                }
                stack.pop();
                return;
            }
            if (!"RELABELTYPE".equals(t)) {
                // a relabel (varchar seen as text) changes no value; anything else computes one
                expressions++;
            }
            for (Map.Entry<String, Object> f : n.entrySet()) {
                if (f.getValue() instanceof Map || f.getValue() instanceof List) {
                    expr(stack, f.getValue(), depth + 1);
                }
            }
        }

        private void var(Deque<Map<String, Object>> stack, Map<String, Object> v, int depth) {
            int up = (int) number(v, "varlevelsup", 0);
            List<Map<String, Object>> levels = new ArrayList<>(stack);
            if (up >= levels.size()) {
                return;
            }
            Map<String, Object> query = levels.get(up);
            int varno = (int) number(v, "varno", 0);
            int attno = (int) number(v, "varattno", 0);
            List<?> rtable = list(query.get("rtable"));
            if (varno < 1 || varno > rtable.size()) {
                return; // OUTER/INNER/INDEX special varnos do not occur in a stored rule
            }
            Map<String, Object> rte = node(rtable.get(varno - 1));
            if (rte == null) {
                return;
            }
            // the query level the VAR belongs to, as a stack of its own
            Deque<Map<String, Object>> at = new ArrayDeque<>(levels.subList(up, levels.size()));
            rte(at, rte, attno, depth + 1);
        }

        private void rte(Deque<Map<String, Object>> at, Map<String, Object> rte, int attno, int depth) {
            long relid = number(rte, "relid", 0);
            Map<String, Object> sub = node(rte.get("subquery"));
            if (sub != null) {
                at.push(sub);
                target(at, sub, attno, depth + 1);
                at.pop();
            } else if (rte.get("joinaliasvars") != null && attno > 0) {
                List<?> aliases = list(rte.get("joinaliasvars"));
                if (attno <= aliases.size()) {
                    expr(at, aliases.get(attno - 1), depth + 1); // COALESCE for USING keys
                }
            } else if (rte.get("groupexprs") != null && attno > 0) {
                List<?> groups = list(rte.get("groupexprs")); // PostgreSQL 18: the GROUP BY step
                if (attno <= groups.size()) {
                    expr(at, groups.get(attno - 1), depth + 1);
                }
            } else if (rte.get("ctename") instanceof String cte) {
                cte(at, cte, (int) number(rte, "ctelevelsup", 0), attno, depth);
            } else if (relid != 0) {
                uses.add(new Column(relid, attno));
            } else {
                // functions, VALUES, table functions: whatever columns their arguments read
                expressions++;
                expr(at, rte.get("functions"), depth + 1);
                expr(at, rte.get("values_lists"), depth + 1);
                expr(at, rte.get("tablefunc"), depth + 1);
            }
        }

        private void cte(Deque<Map<String, Object>> at, String name, int levelsUp, int attno, int depth) {
            List<Map<String, Object>> levels = new ArrayList<>(at);
            if (levelsUp >= levels.size()) {
                return;
            }
            Map<String, Object> owner = levels.get(levelsUp);
            for (Object o : list(owner.get("cteList"))) {
                Map<String, Object> c = node(o);
                if (c != null && name.equals(c.get("ctename"))) {
                    Map<String, Object> q = node(c.get("ctequery"));
                    String key = System.identityHashCode(q) + ":" + attno;
                    if (q == null || !visiting.add(key)) {
                        expressions++; // a recursive CTE refers to itself: its first pass is enough
                        return;
                    }
                    Deque<Map<String, Object>> s = new ArrayDeque<>(levels.subList(levelsUp, levels.size()));
                    s.push(q);
                    target(s, q, attno, depth + 1);
                    visiting.remove(key);
                    return;
                }
            }
        }
    }
}
