package io.lumos.domain.diff;

import static io.lumos.domain.diff.SchemaDiff.ENUM_DEFAULT;
import static io.lumos.domain.diff.SchemaDiff.TYPE_ALIASES;
import static io.lumos.domain.diff.SchemaDiff.TYPE_NAME;
import static io.lumos.domain.diff.SchemaDiff.split;

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
import io.lumos.domain.DataTypes;
import io.lumos.domain.Field;
import java.util.List;
import java.util.Map;

/**
 * Classifies how a field's type changed (research schema-diff §7): widened, narrowed, promoted,
 * decimal scale or precision, timestamp unit or zone, map keys, union branches, enum symbols, a
 * named type renamed, the Avro type under a logical type. Each direction's verdict comes from
 * {@link TypeCompat}; struct members go back to {@link DatasetComparison} as fields.
 */
final class TypeChangeClassifier {
    private final FindingCollector findings;
    private final DatasetComparison fields;

    TypeChangeClassifier(FindingCollector findings, DatasetComparison fields) {
        this.findings = findings;
        this.fields = fields;
    }

    /**
     * Recurses through arrays, maps and unions; struct members are compared as fields, using the
     * fields' own children (with nullability and defaults) where the type reaches them.
     */
    void compareType(
            String path, DataType o, DataType n, List<Field> oc, List<Field> nc, Field of, Field nf, String where) {
        if (o instanceof StructType os && n instanceof StructType ns) {
            List<Field> olds = oc != null ? oc : Field.childrenOf(path, os);
            List<Field> news = nc != null ? nc : Field.childrenOf(path, ns);
            fields.compareFieldLists(olds, news, path);
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
                findings.emit(
                        Rule.MAP_KEY_CHANGED,
                        TypeCompat.canRead(nm.key(), om.key()),
                        TypeCompat.canRead(om.key(), nm.key()),
                        path,
                        om.key().print(),
                        nm.key().print(),
                        "map key type of " + at + " changed from " + om.key().print() + " to "
                                + nm.key().print(),
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
            findings.emit(
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
            findings.emit(
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
            String path, UnionType ou, UnionType nu, List<Field> oc, List<Field> nc, Field of, Field nf, String where) {
        List<DataType> removed =
                ou.branches().stream().filter(b -> !nu.branches().contains(b)).toList();
        List<DataType> added =
                nu.branches().stream().filter(b -> !ou.branches().contains(b)).toList();
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
                findings.emit(
                        Rule.UNION_BRANCH_REMOVED,
                        TypeCompat.canRead(nu, b),
                        true,
                        path,
                        b.print(),
                        null,
                        "union branch " + b.print() + " removed from " + at + "; data written with it cannot be read",
                        null);
            }
        }
        for (DataType b : added) {
            findings.emit(
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
            findings.emit(
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
            findings.emit(
                    Rule.ENUM_SYMBOL_REMOVED,
                    nd != null,
                    true,
                    path,
                    oe.print(),
                    ne.print(),
                    "enum " + at + " lost " + String.join(", ", removed)
                            + (nd != null ? " (read as the default " + nd + ")" : "; rows holding them cannot be read"),
                    null);
        }
        if (added.isEmpty() && removed.isEmpty() && !oe.symbols().equals(ne.symbols())) {
            findings.emit(
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
        findings.emit(rule, b, f, path, from, to, msg, null);
    }

    /** Row 28: a renamed named type breaks unless the new one lists the old name as alias. */
    void namedType(String path, Map<String, String> o, Map<String, String> n) {
        String on = o.get(TYPE_NAME);
        String nn = n.get(TYPE_NAME);
        if (on == null || nn == null || on.equals(nn)) {
            return;
        }
        String where = path.isEmpty() ? "record" : "type of " + path;
        if (simpleName(on).equals(simpleName(nn))) {
            findings.emit(
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
        findings.emit(
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
    void physicalType(String path, String o, String n) {
        if (o == null || n == null || o.equals(n)) {
            return;
        }
        DataType ot;
        DataType nt;
        try {
            ot = DataTypes.parse(o);
            nt = DataTypes.parse(n);
        } catch (IllegalArgumentException e) {
            return;
        }
        boolean b = TypeCompat.canRead(nt, ot);
        boolean f = TypeCompat.canRead(ot, nt);
        if (b && f) {
            return;
        }
        findings.emit(
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

    private static String simpleName(String fullName) {
        int dot = fullName.lastIndexOf('.');
        return dot < 0 ? fullName : fullName.substring(dot + 1);
    }
}
