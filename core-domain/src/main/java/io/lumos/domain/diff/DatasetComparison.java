package io.lumos.domain.diff;

import static io.lumos.domain.diff.SchemaDiff.PHYSICAL_TYPE;

import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import io.lumos.domain.Owner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Compares two versions of one dataset: its own facts (description, tags, owners, keys), then its
 * fields level by level, paired by {@link FieldMatcher}, each pair's nullability, default and
 * metadata here and its type by {@link TypeChangeClassifier}, which comes back here for struct
 * members.
 */
final class DatasetComparison {
    private final FindingCollector findings;
    private final TypeChangeClassifier types;
    /** Headerless CSV: consumers read by position, so a reorder breaks them. */
    private boolean positional;

    DatasetComparison(FindingCollector findings) {
        this.findings = findings;
        this.types = new TypeChangeClassifier(findings, this);
    }

    void compareDatasets(Dataset o, Dataset n) {
        positional = "true".equalsIgnoreCase(n.properties().get(SchemaDiff.POSITIONAL));
        String label = n.id().shortName();
        if (!Objects.equals(o.description(), n.description())) {
            findings.emit(
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
            findings.emit(Rule.DOMAIN_CHANGED, true, true, "", o.domain(), n.domain(), "domain changed", null);
        }
        if (o.status() != n.status()) {
            findings.emit(
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
            findings.emit(
                    Rule.SUBTYPE_CHANGED,
                    true,
                    true,
                    "",
                    o.subtype(),
                    n.subtype(),
                    "subtype changed from " + o.subtype() + " to " + n.subtype(),
                    null);
        }
        types.namedType("", o.properties(), n.properties());
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
            findings.emit(
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
        findings.emit(rule, true, true, path, String.join(", ", o), String.join(", ", n), msg.toString(), null);
    }

    /** Pairs one level of fields, then reports removed, added, renamed, reordered and changed fields. */
    void compareFieldLists(List<Field> olds, List<Field> news, String parent) {
        FieldMatcher.Pairing p = FieldMatcher.pair(olds, news);
        for (int i = 0; i < olds.size(); i++) {
            if (!p.used[i]) {
                Field o = olds.get(i);
                findings.emit(
                        Rule.FIELD_REMOVED,
                        true,
                        findings.hasDefault(o),
                        o.path(),
                        o.type().print(),
                        null,
                        "field " + o.path() + " (" + o.type().print() + ") removed",
                        p.hints.get(-1 - i));
            }
        }
        int lastOld = -1;
        boolean reordered = false;
        for (int j = 0; j < news.size(); j++) {
            Field n = news.get(j);
            if (p.match[j] < 0) {
                added(n, p.hints.get(j));
                continue;
            }
            Field o = olds.get(p.match[j]);
            if (p.match[j] < lastOld) {
                reordered = true;
            }
            lastOld = Math.max(lastOld, p.match[j]);
            if (!o.name().equals(n.name())) {
                // A reader resolves the rename only from its own side's identity or aliases; both
                // sides may list the other's name (a field renamed back and forth).
                boolean rb = !p.byOldAlias.contains(j) || findings.hasDefault(n);
                boolean rf = p.byOldAlias.contains(j)
                        || FieldMatcher.aliasesOf(o).contains(n.name())
                        || findings.hasDefault(o);
                findings.emit(
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
            findings.emit(
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

    private void added(Field n, String hint) {
        String type = n.type().print();
        if (n.nullable()) {
            boolean b = findings.hasDefault(n);
            findings.emit(
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
            findings.emit(
                    Rule.FIELD_ADDED_WITH_DEFAULT,
                    true,
                    true,
                    n.path(),
                    null,
                    type,
                    "field " + n.path() + " (" + type + ") added with default " + n.defaultValue(),
                    hint);
        } else {
            findings.emit(
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
            findings.emit(
                    Rule.FIELD_MADE_REQUIRED,
                    false,
                    true,
                    path,
                    "nullable",
                    "required",
                    "field " + path + " made required; old rows may hold nulls",
                    null);
        } else if (!o.nullable() && n.nullable()) {
            findings.emit(
                    Rule.FIELD_MADE_NULLABLE,
                    true,
                    false,
                    path,
                    "required",
                    "nullable",
                    "field " + path + " made nullable; readers of the old schema may not expect nulls",
                    null);
        }
        types.compareType(path, o.type(), n.type(), o.fields(), n.fields(), o, n, "");
        types.physicalType(
                path, o.properties().get(PHYSICAL_TYPE), n.properties().get(PHYSICAL_TYPE));
        types.namedType(path, o.properties(), n.properties());
        if (!Objects.equals(o.defaultValue(), n.defaultValue())) {
            if (o.defaultValue() == null) {
                findings.emit(
                        Rule.DEFAULT_ADDED,
                        true,
                        true,
                        path,
                        null,
                        n.defaultValue(),
                        "default " + n.defaultValue() + " added to " + path,
                        null);
            } else if (n.defaultValue() == null) {
                findings.emit(
                        Rule.DEFAULT_REMOVED,
                        true,
                        true,
                        path,
                        o.defaultValue(),
                        null,
                        "default of " + path + " removed; writers must now set it",
                        null);
            } else {
                findings.emit(
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
            findings.emit(
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
            findings.emit(
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
}
