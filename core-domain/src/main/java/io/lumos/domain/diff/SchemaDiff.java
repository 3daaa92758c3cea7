package io.lumos.domain.diff;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.Decimal;
import io.lumos.domain.DataType.EnumType;
import io.lumos.domain.DataType.MapType;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.Time;
import io.lumos.domain.DataType.Timestamp;
import io.lumos.domain.DataType.UnionType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Field;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Compares two versions of a dataset, or two catalog snapshots, into classified {@link Finding}s
 * (research schema-diff §7). Fields are matched by identity first (field id, attnum), then by name,
 * then by Avro alias or a declared {@code renamedFrom}; unmatched removed+added pairs with the same
 * type and position get a "probable rename" hint, never a lower severity.
 *
 * <p>Facts the type strings cannot carry are read from field properties: {@link #RENAMED_FROM},
 * {@link #ALIASES}, {@link #TYPE_NAME}, {@link #TYPE_ALIASES}, {@link #ENUM_DEFAULT}; and from dataset
 * properties: {@link #POSITIONAL} (headerless CSV: order matters) and {@link #TYPE_NAME}.
 */
public final class SchemaDiff {
    /** Field property: the field's old name, declared in config (the equivalent of an Avro alias). */
    public static final String RENAMED_FROM = "renamedFrom";
    /** Field property: Avro field aliases, comma separated. */
    public static final String ALIASES = "aliases";
    /** Field or dataset property: the full name of the named type (Avro record, enum, fixed). */
    public static final String TYPE_NAME = "typeName";
    /** Field or dataset property: the named type's aliases, comma separated. */
    public static final String TYPE_ALIASES = "typeAliases";
    /**
     * Field property: the Avro type that carries the field's logical type, as a type string
     * ({@code fixed(16)}, {@code bytes}, {@code string}, {@code int64}). Avro resolves that type
     * first (a fixed by name and size) and only then may the logical type be read.
     */
    public static final String PHYSICAL_TYPE = "physicalType";
    /** Field property: the enum's default symbol (Avro enum default). */
    public static final String ENUM_DEFAULT = "enumDefault";
    /** Dataset property: "true" when consumers read columns by position (headerless CSV). */
    public static final String POSITIONAL = "positional";

    private SchemaDiff() {}

    /** Diffs two versions of a dataset under BACKWARD, the default mode. */
    public static DatasetDiff diff(Dataset before, Dataset after) {
        return diff(before, after, CompatibilityMode.BACKWARD);
    }

    /** Diffs two versions of a dataset; the severities follow {@code mode}. */
    public static DatasetDiff diff(Dataset before, Dataset after, CompatibilityMode mode) {
        Ctx ctx = new Ctx(after.id(), mode, isAvro(before) || isAvro(after));
        ctx.compareDatasets(before, after);
        return ctx.result();
    }

    /**
     * Diffs a candidate against a version history (oldest first). The findings are those against the
     * latest version; a transitive mode adds the incompatibilities found against each earlier version
     * (newest first, each marked with {@code comparedWith}, e.g. "v1" for the first).
     */
    public static DatasetDiff diffHistory(List<Dataset> history, Dataset candidate, CompatibilityMode mode) {
        if (history.isEmpty()) {
            return new DatasetDiff(candidate.id(), mode, List.of());
        }
        DatasetDiff latest = diff(history.get(history.size() - 1), candidate, mode);
        if (!mode.transitive()) {
            return latest;
        }
        List<Finding> all = new ArrayList<>(latest.findings());
        Set<String> seen = new HashSet<>();
        for (Finding f : all) {
            seen.add(key(f));
        }
        for (int i = history.size() - 2; i >= 0; i--) {
            for (Finding f : diff(history.get(i), candidate, mode).findings()) {
                boolean incompatible = (mode.checksBackward() && !f.backwardCompatible())
                        || (mode.checksForward() && !f.forwardCompatible());
                if (incompatible && seen.add(key(f))) {
                    all.add(f.withComparedWith("v" + (i + 1)));
                }
            }
        }
        all.sort(DatasetDiff.ORDER);
        return new DatasetDiff(candidate.id(), mode, all);
    }

    /** The same change with the same verdicts is reported once, against the latest version. */
    private static String key(Finding f) {
        return f.ruleId() + '\u0000' + f.path() + '\u0000' + f.backwardCompatible() + f.forwardCompatible();
    }

    /** Diffs two snapshots under one mode for every dataset. */
    public static SnapshotDiff diff(CatalogSnapshot before, CatalogSnapshot after, CompatibilityMode mode) {
        return diff(before, after, id -> mode);
    }

    /**
     * Diffs two snapshots: datasets matched by id, added and removed datasets, lineage edges added or
     * removed (reported on the downstream dataset), each dataset under its own mode.
     */
    public static SnapshotDiff diff(
            CatalogSnapshot before, CatalogSnapshot after, Function<DatasetId, CompatibilityMode> modes) {
        Map<DatasetId, Dataset> old = new HashMap<>();
        for (Dataset d : before.datasets()) {
            old.put(d.id(), d);
        }
        Map<DatasetId, Dataset> current = new HashMap<>();
        for (Dataset d : after.datasets()) {
            current.put(d.id(), d);
        }
        Map<DatasetId, List<Finding>> byDataset = new TreeMap<>();
        List<Dataset[]> matched = new ArrayList<>();
        for (Dataset n : after.datasets()) {
            CompatibilityMode mode = modes.apply(n.id());
            Dataset o = old.get(n.id());
            if (o == null) {
                Ctx ctx = new Ctx(n.id(), mode, isAvro(n));
                ctx.emit(
                        Rule.DATASET_ADDED,
                        true,
                        true,
                        "",
                        null,
                        n.id().shortName(),
                        "dataset " + n.id().shortName() + " added ("
                                + n.fields().size() + " fields)",
                        null);
                byDataset.put(n.id(), ctx.out);
            } else {
                matched.add(new Dataset[] {o, n});
            }
        }
        // Datasets diff independently and the diff is pure, so large snapshots use every core.
        List<List<Finding>> results = (matched.size() > 256 ? matched.parallelStream() : matched.stream())
                .map(pair -> pair[0].equals(pair[1])
                        // Equal records cannot differ: most datasets of a snapshot are unchanged.
                        ? null
                        : (List<Finding>) new ArrayList<>(diff(pair[0], pair[1], modes.apply(pair[1].id()))
                                .findings()))
                .toList();
        for (int i = 0; i < matched.size(); i++) {
            if (results.get(i) != null) {
                byDataset.put(matched.get(i)[1].id(), results.get(i));
            }
        }
        for (Dataset o : before.datasets()) {
            if (!current.containsKey(o.id())) {
                Ctx ctx = new Ctx(o.id(), modes.apply(o.id()), isAvro(o));
                ctx.emit(
                        Rule.DATASET_REMOVED,
                        true,
                        false,
                        "",
                        o.id().shortName(),
                        null,
                        "dataset " + o.id().shortName() + " removed",
                        null);
                byDataset.put(o.id(), ctx.out);
            }
        }
        lineageFindings(before.lineage(), after.lineage(), byDataset, modes, current, old);
        List<DatasetDiff> diffs = new ArrayList<>(byDataset.size());
        byDataset.forEach((id, findings) -> {
            findings.sort(DatasetDiff.ORDER);
            diffs.add(new DatasetDiff(id, modes.apply(id), findings));
        });
        return new SnapshotDiff(diffs);
    }

    private static void lineageFindings(
            List<LineageEdge> before,
            List<LineageEdge> after,
            Map<DatasetId, List<Finding>> byDataset,
            Function<DatasetId, CompatibilityMode> modes,
            Map<DatasetId, Dataset> afterDatasets,
            Map<DatasetId, Dataset> beforeDatasets) {
        Map<String, LineageEdge> old = new HashMap<>();
        for (LineageEdge e : before) {
            old.put(edgeKey(e), e);
        }
        Set<String> now = new HashSet<>();
        for (LineageEdge e : after) {
            String key = edgeKey(e);
            now.add(key);
            LineageEdge o = old.get(key);
            Ctx ctx = new Ctx(e.downstream(), modes.apply(e.downstream()), false);
            if (o == null) {
                ctx.emit(
                        Rule.LINEAGE_EDGE_ADDED,
                        true,
                        true,
                        "",
                        null,
                        e.upstream().shortName(),
                        "lineage from " + e.upstream().shortName() + " added",
                        null);
                Dataset up = afterDatasets.getOrDefault(e.upstream(), beforeDatasets.get(e.upstream()));
                if (up != null && up.status() == DatasetStatus.DEPRECATED) {
                    Lifecycle l = Lifecycle.of(up);
                    ctx.emit(
                            Rule.DEPRECATED_UPSTREAM_READ,
                            true,
                            true,
                            "",
                            null,
                            e.upstream().shortName(),
                            "now reads " + e.upstream().shortName() + ", which is deprecated"
                                    + (l.decommissionOn() == null
                                            ? ""
                                            : " (decommission on " + l.decommissionOn() + ")")
                                    + (l.note() == null ? "" : ": " + l.note()),
                            "read what replaces it instead, or agree the dependency with its owners");
                }
            } else if (!mappings(o).equals(mappings(e))) {
                ctx.emit(
                        Rule.COLUMN_LINEAGE_CHANGED,
                        true,
                        true,
                        "",
                        String.join(", ", mappings(o)),
                        String.join(", ", mappings(e)),
                        "column lineage from " + e.upstream().shortName() + " changed",
                        null);
            }
            if (!ctx.out.isEmpty()) {
                byDataset
                        .computeIfAbsent(e.downstream(), k -> new ArrayList<>())
                        .addAll(ctx.out);
            }
        }
        for (LineageEdge o : before) {
            if (!now.contains(edgeKey(o))) {
                Ctx ctx = new Ctx(o.downstream(), modes.apply(o.downstream()), false);
                ctx.emit(
                        Rule.LINEAGE_EDGE_REMOVED,
                        true,
                        true,
                        "",
                        o.upstream().shortName(),
                        null,
                        "lineage from " + o.upstream().shortName() + " removed",
                        null);
                byDataset
                        .computeIfAbsent(o.downstream(), k -> new ArrayList<>())
                        .addAll(ctx.out);
            }
        }
    }

    private static String edgeKey(LineageEdge e) {
        return e.upstream().urn() + "->" + e.downstream().urn();
    }

    private static List<String> mappings(LineageEdge e) {
        List<String> out = new ArrayList<>();
        for (ColumnMapping c : e.columns()) {
            out.add(String.join("+", c.upstreamColumns()) + "=" + c.downstreamColumn());
        }
        out.sort(null);
        return out;
    }

    /** Avro keeps its own rule for optional fields: nullable without a default is not optional (R05). */
    static boolean isAvro(Dataset d) {
        String format = d.properties().getOrDefault("format", "");
        return d.platform().equals("avro") || format.equalsIgnoreCase("avro");
    }

    private static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String simpleName(String fullName) {
        int dot = fullName.lastIndexOf('.');
        return dot < 0 ? fullName : fullName.substring(dot + 1);
    }

    /** One diff in progress: the dataset, the mode and the findings so far. */
    private static final class Ctx {
        final DatasetId id;
        final CompatibilityMode mode;
        final boolean avro;
        final List<Finding> out = new ArrayList<>();
        boolean positional;

        Ctx(DatasetId id, CompatibilityMode mode, boolean avro) {
            this.id = id;
            this.mode = mode;
            this.avro = avro;
        }

        DatasetDiff result() {
            out.sort(DatasetDiff.ORDER);
            return new DatasetDiff(id, mode, out);
        }

        void emit(Rule rule, boolean b, boolean f, String path, String before, String after, String msg, String hint) {
            emit(rule, b, f, rule.policyBreaking(), path, before, after, msg, hint);
        }

        void emit(
                Rule rule,
                boolean b,
                boolean f,
                boolean policy,
                String path,
                String before,
                String after,
                String msg,
                String hint) {
            Severity s = rule.severity(mode, b, f, policy);
            out.add(new Finding(rule.name(), s, b, f, id, path, before, after, msg, hint, null, List.of()));
        }

        /** An Avro reader fills a missing field only from a declared default; others also from null. */
        boolean hasDefault(Field f) {
            return f.defaultValue() != null || (!avro && f.nullable());
        }

        void compareDatasets(Dataset o, Dataset n) {
            positional = "true".equalsIgnoreCase(n.properties().get(POSITIONAL));
            String label = n.id().shortName();
            if (!Objects.equals(o.description(), n.description())) {
                emit(
                        Rule.DATASET_DESCRIPTION_CHANGED,
                        true,
                        true,
                        "",
                        o.description(),
                        n.description(),
                        "description of " + label + " changed",
                        null);
            }
            setChange(Rule.DATASET_TAGS_CHANGED, "", "tags", o.tags(), n.tags());
            setChange(Rule.GLOSSARY_TERMS_CHANGED, "", "glossary terms", o.glossaryTerms(), n.glossaryTerms());
            List<String> oo = o.owners().stream().map(Owner::urn).sorted().toList();
            List<String> no = n.owners().stream().map(Owner::urn).sorted().toList();
            setChange(Rule.OWNERS_CHANGED, "", "owners", oo, no);
            if (!Objects.equals(o.domain(), n.domain())) {
                emit(Rule.DOMAIN_CHANGED, true, true, "", o.domain(), n.domain(), "domain changed", null);
            }
            if (o.status() != n.status()) {
                emit(
                        Rule.STATUS_CHANGED,
                        true,
                        true,
                        "",
                        o.status().label(),
                        n.status().label(),
                        "status changed from " + o.status().label() + " to "
                                + n.status().label(),
                        null);
            }
            if (!o.subtype().equals(n.subtype())) {
                emit(
                        Rule.SUBTYPE_CHANGED,
                        true,
                        true,
                        "",
                        o.subtype(),
                        n.subtype(),
                        "subtype changed from " + o.subtype() + " to " + n.subtype(),
                        null);
            }
            namedType("", o.properties(), n.properties());
            compareFieldLists(o.fields(), n.fields(), "");
            keyChange(Rule.PRIMARY_KEY_CHANGED, "primary key", keys(o, true), keys(n, true), true);
            boolean iceberg = n.platform().equals("iceberg");
            keyChange(Rule.PARTITION_KEY_CHANGED, "partition key", keys(o, false), keys(n, false), !iceberg);
        }

        private List<String> keys(Dataset d, boolean primary) {
            // Walks the tree in allFields() order without copying it: this runs for every changed dataset.
            List<String> out = new ArrayList<>();
            collectKeys(d.fields(), primary, out);
            return out;
        }

        private static void collectKeys(List<Field> fields, boolean primary, List<String> out) {
            for (Field f : fields) {
                if (primary ? f.primaryKey() : f.partitionKey()) {
                    out.add(f.path());
                }
                collectKeys(f.fields(), primary, out);
            }
        }

        private void keyChange(Rule rule, String what, List<String> o, List<String> n, boolean policy) {
            if (!o.equals(n)) {
                String b = String.join(", ", o);
                String a = String.join(", ", n);
                emit(
                        rule,
                        true,
                        true,
                        policy,
                        "",
                        b,
                        a,
                        what + " changed from (" + b + ") to (" + a + ")"
                                + (policy ? "" : "; Iceberg hidden partitioning: metadata only"),
                        null);
            }
        }

        private void setChange(Rule rule, String path, String what, List<String> o, List<String> n) {
            // Equal lists (the usual case) need no sets.
            if (o.equals(n) || new LinkedHashSet<>(o).equals(new LinkedHashSet<>(n))) {
                return;
            }
            List<String> added = n.stream().filter(t -> !o.contains(t)).toList();
            List<String> removed = o.stream().filter(t -> !n.contains(t)).toList();
            StringBuilder msg = new StringBuilder(what).append(" changed");
            if (!added.isEmpty()) {
                msg.append(": added ").append(String.join(", ", added));
            }
            if (!removed.isEmpty()) {
                msg.append(added.isEmpty() ? ": " : "; ").append("removed ").append(String.join(", ", removed));
            }
            emit(rule, true, true, path, String.join(", ", o), String.join(", ", n), msg.toString(), null);
        }

        /** Row 28: a renamed named type breaks unless the new one lists the old name as alias. */
        private void namedType(String path, Map<String, String> o, Map<String, String> n) {
            String on = o.get(TYPE_NAME);
            String nn = n.get(TYPE_NAME);
            if (on == null || nn == null || on.equals(nn)) {
                return;
            }
            String where = path.isEmpty() ? "record" : "type of " + path;
            if (simpleName(on).equals(simpleName(nn))) {
                emit(
                        Rule.NAMESPACE_CHANGED,
                        true,
                        true,
                        path,
                        on,
                        nn,
                        "namespace of " + where + " changed from " + on + " to " + nn,
                        null);
                return;
            }
            boolean b = aliased(split(n.get(TYPE_ALIASES)), on);
            boolean f = aliased(split(o.get(TYPE_ALIASES)), nn);
            emit(
                    Rule.NAMED_TYPE_RENAMED,
                    b,
                    f,
                    path,
                    on,
                    nn,
                    where + " renamed from " + on + " to " + nn
                            + (b ? " (the new type lists the old name as alias)" : "; add the old name to its aliases"),
                    null);
        }

        /**
         * The Avro type under a logical type (decimal, uuid, duration on a fixed): Avro reads a
         * fixed only as a fixed of the same size, bytes and string only as each other, whatever
         * logical type either side declares. A change it cannot resolve breaks that direction even
         * when the logical types agree.
         */
        private void physicalType(String path, String o, String n) {
            if (o == null || n == null || o.equals(n)) {
                return;
            }
            DataType ot;
            DataType nt;
            try {
                ot = io.lumos.domain.DataTypes.parse(o);
                nt = io.lumos.domain.DataTypes.parse(n);
            } catch (IllegalArgumentException e) {
                return;
            }
            boolean b = TypeCompat.canRead(nt, ot);
            boolean f = TypeCompat.canRead(ot, nt);
            if (b && f) {
                return;
            }
            emit(
                    Rule.TYPE_CHANGED,
                    b,
                    f,
                    path,
                    o,
                    n,
                    "the Avro type under " + path + " changed from " + o + " to " + n
                            + "; Avro resolves it before the logical type and "
                            + (b ? "old readers" : f ? "new readers" : "no reader") + " cannot read the other side",
                    null);
        }

        /** As Avro: an alias must spell the other type's full name. */
        private boolean aliased(List<String> aliases, String fullName) {
            return aliases.contains(fullName);
        }

        // ---------------------------------------------------------------- fields

        void compareFieldLists(List<Field> olds, List<Field> news, String parent) {
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
                        if (!used[i]
                                && aliasesOf(olds.get(i)).contains(news.get(j).name())) {
                            match[j] = i;
                            used[i] = true;
                            byOldAlias.add(j);
                            break;
                        }
                    }
                }
            }
            Map<Integer, String> hints = renameHints(olds, news, match, used);
            for (int i = 0; i < olds.size(); i++) {
                if (!used[i]) {
                    Field o = olds.get(i);
                    emit(
                            Rule.FIELD_REMOVED,
                            true,
                            hasDefault(o),
                            o.path(),
                            o.type().print(),
                            null,
                            "field " + o.path() + " (" + o.type().print() + ") removed",
                            hints.get(-1 - i));
                }
            }
            int lastOld = -1;
            boolean reordered = false;
            for (int j = 0; j < news.size(); j++) {
                Field n = news.get(j);
                if (match[j] < 0) {
                    added(n, hints.get(j));
                    continue;
                }
                Field o = olds.get(match[j]);
                if (match[j] < lastOld) {
                    reordered = true;
                }
                lastOld = Math.max(lastOld, match[j]);
                if (!o.name().equals(n.name())) {
                    // A reader resolves the rename only from its own side's identity or aliases; both
                    // sides may list the other's name (a field renamed back and forth).
                    boolean rb = !byOldAlias.contains(j) || hasDefault(n);
                    boolean rf = byOldAlias.contains(j) || aliasesOf(o).contains(n.name()) || hasDefault(o);
                    emit(
                            Rule.FIELD_RENAMED,
                            rb,
                            rf,
                            n.path(),
                            o.path(),
                            n.path(),
                            "field " + o.path() + " renamed to " + n.path()
                                    + " (readers by name must change; readers by id are unaffected)",
                            null);
                }
                compareField(o, n);
            }
            if (reordered) {
                String label = parent.isEmpty() ? "top-level fields" : "fields of " + parent;
                emit(
                        Rule.FIELD_ORDER_CHANGED,
                        true,
                        true,
                        positional,
                        parent,
                        String.join(",", olds.stream().map(Field::name).toList()),
                        String.join(",", news.stream().map(Field::name).toList()),
                        "order of " + label + " changed" + (positional ? " and consumers read by position" : ""),
                        null);
            }
        }

        private String plainIdentity(Field f) {
            String id = f.identity();
            return id == null || id.startsWith("aliases:") ? null : id;
        }

        private List<String> aliasesOf(Field f) {
            List<String> out = new ArrayList<>(split(f.properties().get(ALIASES)));
            if (f.identity() != null && f.identity().startsWith("aliases:")) {
                out.addAll(split(f.identity().substring("aliases:".length())));
            }
            return out;
        }

        private List<String> formerNames(Field n) {
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
        private Map<Integer, String> renameHints(List<Field> olds, List<Field> news, int[] match, boolean[] used) {
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

        private void added(Field n, String hint) {
            String type = n.type().print();
            if (n.nullable()) {
                boolean b = hasDefault(n);
                emit(
                        Rule.FIELD_ADDED_NULLABLE,
                        b,
                        true,
                        n.path(),
                        null,
                        type,
                        "nullable field " + n.path() + " (" + type + ") added"
                                + (b ? "" : " without a default; Avro readers need \"default\": null"),
                        hint);
            } else if (n.defaultValue() != null) {
                emit(
                        Rule.FIELD_ADDED_WITH_DEFAULT,
                        true,
                        true,
                        n.path(),
                        null,
                        type,
                        "field " + n.path() + " (" + type + ") added with default " + n.defaultValue(),
                        hint);
            } else {
                emit(
                        Rule.FIELD_ADDED_REQUIRED,
                        false,
                        true,
                        n.path(),
                        null,
                        type,
                        "required field " + n.path() + " (" + type
                                + ") added without a default; data written before cannot be read",
                        hint);
            }
        }

        void compareField(Field o, Field n) {
            String path = n.path();
            if (o.nullable() && !n.nullable()) {
                emit(
                        Rule.FIELD_MADE_REQUIRED,
                        false,
                        true,
                        path,
                        "nullable",
                        "required",
                        "field " + path + " made required; old rows may hold nulls",
                        null);
            } else if (!o.nullable() && n.nullable()) {
                emit(
                        Rule.FIELD_MADE_NULLABLE,
                        true,
                        false,
                        path,
                        "required",
                        "nullable",
                        "field " + path + " made nullable; readers of the old schema may not expect nulls",
                        null);
            }
            compareType(path, o.type(), n.type(), o.fields(), n.fields(), o, n, "");
            physicalType(path, o.properties().get(PHYSICAL_TYPE), n.properties().get(PHYSICAL_TYPE));
            namedType(path, o.properties(), n.properties());
            if (!Objects.equals(o.defaultValue(), n.defaultValue())) {
                if (o.defaultValue() == null) {
                    emit(
                            Rule.DEFAULT_ADDED,
                            true,
                            true,
                            path,
                            null,
                            n.defaultValue(),
                            "default " + n.defaultValue() + " added to " + path,
                            null);
                } else if (n.defaultValue() == null) {
                    emit(
                            Rule.DEFAULT_REMOVED,
                            true,
                            true,
                            path,
                            o.defaultValue(),
                            null,
                            "default of " + path + " removed; writers must now set it",
                            null);
                } else {
                    emit(
                            Rule.DEFAULT_CHANGED,
                            true,
                            true,
                            path,
                            o.defaultValue(),
                            n.defaultValue(),
                            "default of " + path + " changed from " + o.defaultValue() + " to " + n.defaultValue()
                                    + "; rows without it now read differently",
                            null);
                }
            }
            if (!Objects.equals(o.description(), n.description())) {
                emit(
                        Rule.FIELD_DESCRIPTION_CHANGED,
                        true,
                        true,
                        path,
                        o.description(),
                        n.description(),
                        "description of " + path + " changed",
                        null);
            }
            setChange(Rule.FIELD_TAGS_CHANGED, path, "tags of " + path, o.tags(), n.tags());
            if (o.type().equals(n.type())
                    && o.nativeType() != null
                    && n.nativeType() != null
                    && !o.nativeType().equals(n.nativeType())) {
                emit(
                        Rule.NATIVE_TYPE_CHANGED,
                        true,
                        true,
                        path,
                        o.nativeType(),
                        n.nativeType(),
                        "native type of " + path + " changed from " + o.nativeType() + " to " + n.nativeType(),
                        null);
            }
        }

        // ---------------------------------------------------------------- types

        /**
         * Recurses through arrays, maps and unions; struct members are compared as fields, using the
         * fields' own children (with nullability and defaults) where the type reaches them.
         */
        void compareType(
                String path, DataType o, DataType n, List<Field> oc, List<Field> nc, Field of, Field nf, String where) {
            if (o instanceof StructType os && n instanceof StructType ns) {
                List<Field> olds = oc != null ? oc : Field.childrenOf(path, os);
                List<Field> news = nc != null ? nc : Field.childrenOf(path, ns);
                compareFieldLists(olds, news, path);
                return;
            }
            if (o.equals(n) && !containsStruct(o)) {
                return;
            }
            String at = path + where;
            if (o instanceof ArrayType oa && n instanceof ArrayType na) {
                compareType(path, oa.element(), na.element(), oc, nc, of, nf, where + " element");
                return;
            }
            if (o instanceof MapType om && n instanceof MapType nm) {
                if (!om.key().equals(nm.key())) {
                    emit(
                            Rule.MAP_KEY_CHANGED,
                            TypeCompat.canRead(nm.key(), om.key()),
                            TypeCompat.canRead(om.key(), nm.key()),
                            path,
                            om.key().print(),
                            nm.key().print(),
                            "map key type of " + at + " changed from "
                                    + om.key().print() + " to " + nm.key().print(),
                            null);
                }
                compareType(path, om.value(), nm.value(), oc, nc, of, nf, where + " value");
                return;
            }
            if (o instanceof UnionType ou && n instanceof UnionType nu) {
                compareUnions(path, ou, nu, oc, nc, of, nf, where);
                return;
            }
            if (o instanceof EnumType oe && n instanceof EnumType ne) {
                compareEnums(path, oe, ne, of, nf, where);
                return;
            }
            if (n instanceof UnionType nu && nu.branches().contains(o)) {
                emit(
                        Rule.UNION_BRANCH_ADDED,
                        TypeCompat.canRead(n, o),
                        TypeCompat.canRead(o, n),
                        path,
                        o.print(),
                        n.print(),
                        "type of " + at + " widened from " + o.print() + " to union " + n.print()
                                + "; readers of the old schema cannot read the new branches",
                        null);
                return;
            }
            if (o instanceof UnionType ou && ou.branches().contains(n)) {
                emit(
                        Rule.UNION_BRANCH_REMOVED,
                        TypeCompat.canRead(n, o),
                        TypeCompat.canRead(o, n),
                        path,
                        o.print(),
                        n.print(),
                        "type of " + at + " narrowed from union " + o.print() + " to " + n.print(),
                        null);
                return;
            }
            scalarChange(at, path, o, n);
        }

        private boolean containsStruct(DataType t) {
            return !Field.nestedMembers(t).isEmpty();
        }

        private void compareUnions(
                String path,
                UnionType ou,
                UnionType nu,
                List<Field> oc,
                List<Field> nc,
                Field of,
                Field nf,
                String where) {
            List<DataType> removed = ou.branches().stream()
                    .filter(b -> !nu.branches().contains(b))
                    .toList();
            List<DataType> added = nu.branches().stream()
                    .filter(b -> !ou.branches().contains(b))
                    .toList();
            String at = path + where;
            if (removed.size() == 1
                    && added.size() == 1
                    && removed.get(0).getClass() == added.get(0).getClass()) {
                // One branch changed in place: recurse, so a struct member change is named precisely.
                compareType(path, removed.get(0), added.get(0), oc, nc, of, nf, where + " branch");
                return;
            }
            for (int i = 0; i < ou.branches().size(); i++) {
                DataType b = ou.branches().get(i);
                if (!nu.branches().contains(b)) {
                    emit(
                            Rule.UNION_BRANCH_REMOVED,
                            TypeCompat.canRead(nu, b),
                            true,
                            path,
                            b.print(),
                            null,
                            "union branch " + b.print() + " removed from " + at
                                    + "; data written with it cannot be read",
                            null);
                }
            }
            for (DataType b : added) {
                emit(
                        Rule.UNION_BRANCH_ADDED,
                        true,
                        TypeCompat.canRead(ou, b),
                        path,
                        null,
                        b.print(),
                        "union branch " + b.print() + " added to " + at,
                        null);
            }
            if (removed.isEmpty() && added.isEmpty()) {
                // Same branches (possibly reordered): still recurse into struct branches for nested changes.
                for (DataType b : ou.branches()) {
                    if (b instanceof StructType) {
                        compareType(path, b, b, oc, nc, of, nf, where + " branch");
                        break;
                    }
                }
            }
        }

        private void compareEnums(String path, EnumType oe, EnumType ne, Field of, Field nf, String where) {
            String at = path + where;
            String od = of == null ? null : of.properties().get(ENUM_DEFAULT);
            String nd = nf == null ? null : nf.properties().get(ENUM_DEFAULT);
            List<String> added =
                    ne.symbols().stream().filter(s -> !oe.symbols().contains(s)).toList();
            List<String> removed =
                    oe.symbols().stream().filter(s -> !ne.symbols().contains(s)).toList();
            if (!added.isEmpty()) {
                emit(
                        Rule.ENUM_SYMBOL_ADDED,
                        true,
                        od != null,
                        path,
                        oe.print(),
                        ne.print(),
                        "enum " + at + " gained " + String.join(", ", added)
                                + (od != null ? "" : "; old readers without an enum default fail on them"),
                        null);
            }
            if (!removed.isEmpty()) {
                emit(
                        Rule.ENUM_SYMBOL_REMOVED,
                        nd != null,
                        true,
                        path,
                        oe.print(),
                        ne.print(),
                        "enum " + at + " lost " + String.join(", ", removed)
                                + (nd != null
                                        ? " (read as the default " + nd + ")"
                                        : "; rows holding them cannot be read"),
                        null);
            }
            if (added.isEmpty() && removed.isEmpty() && !oe.symbols().equals(ne.symbols())) {
                emit(
                        Rule.ENUM_SYMBOLS_REORDERED,
                        true,
                        true,
                        path,
                        oe.print(),
                        ne.print(),
                        "symbols of enum " + at + " reordered; stores that sort by ordinal notice",
                        null);
            }
        }

        private void scalarChange(String at, String path, DataType o, DataType n) {
            boolean b = TypeCompat.canRead(n, o);
            boolean f = TypeCompat.canRead(o, n);
            String from = o.print();
            String to = n.print();
            String base = "type of " + at + " changed from " + from + " to " + to;
            Rule rule;
            String msg;
            if (o instanceof Primitive op && n instanceof Primitive np) {
                if (TypeCompat.widensInFamily(op, np)) {
                    rule = Rule.TYPE_WIDENED;
                    msg = "type of " + at + " widened from " + from + " to " + to
                            + "; typed readers of the old schema may overflow";
                } else if (TypeCompat.widensInFamily(np, op)) {
                    rule = Rule.TYPE_NARROWED;
                    msg = "type of " + at + " narrowed from " + from + " to " + to + "; old values may not fit";
                } else if (b) {
                    rule = Rule.TYPE_PROMOTED;
                    msg = base + " (a promotion some readers allow, but values may lose precision or meaning)";
                } else {
                    rule = Rule.TYPE_CHANGED;
                    msg = base;
                }
            } else if (o instanceof Decimal od && n instanceof Decimal nd) {
                if (od.scale() != nd.scale()) {
                    rule = Rule.DECIMAL_SCALE_CHANGED;
                    msg = base + "; a scale change silently misreads stored values (Avro's checker misses this)";
                } else if (nd.precision() < od.precision()) {
                    rule = Rule.DECIMAL_PRECISION_REDUCED;
                    msg = base + "; old values may not fit";
                } else {
                    rule = Rule.TYPE_WIDENED;
                    msg = "precision of " + at + " widened from " + from + " to " + to;
                }
            } else if (o instanceof Timestamp ot && n instanceof Timestamp nt) {
                rule = ot.unit() != nt.unit() ? Rule.TIMESTAMP_UNIT_CHANGED : Rule.TIMESTAMP_ZONE_CHANGED;
                msg = base
                        + (ot.unit() != nt.unit()
                                ? "; values would be read in the wrong unit (Avro's checker misses this)"
                                : "; instants and local date-times are not interchangeable (Avro's checker misses this)");
            } else if (o instanceof Time ot && n instanceof Time nt && ot.unit() != nt.unit()) {
                rule = Rule.TIME_UNIT_CHANGED;
                msg = base + "; values would be read in the wrong unit (Avro's checker misses this)";
            } else if (o instanceof Time && n instanceof Time) {
                rule = Rule.TIME_ZONE_CHANGED;
                msg = base + "; a time of day in UTC and a local one are not interchangeable";
            } else if (b) {
                rule = Rule.TYPE_PROMOTED;
                msg = base + " (a promotion some readers allow, with a change of meaning)";
            } else {
                rule = Rule.TYPE_CHANGED;
                msg = base;
            }
            emit(rule, b, f, path, from, to, msg, null);
        }
    }
}
