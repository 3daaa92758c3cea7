package io.lumos.source.mongodb;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.UnionType;
import io.lumos.domain.Field;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Infers a schema from sampled documents the way MongoDB Compass's schema analyser does: per field
 * the share of (parent) documents where it is present, null included, and per BSON type the share of
 * those documents holding it; nested documents are structs whose shares count the parent sub-documents,
 * arrays keep their element types with shares of all elements. A field of several types is a union.
 * Not thread-safe: one analyser per collection.
 */
final class SchemaAnalyzer {
    /** Deeper documents are kept as opaque json, so that a pathological document cannot blow the stack. */
    static final int MAX_DEPTH = 32;

    private final DocStats root = new DocStats();

    void add(BsonDocument document) {
        root.add(document, 0);
    }

    long documents() {
        return root.count;
    }

    /**
     * The inferred fields, at most {@code maxFields} of them counting nested ones; when more were
     * seen, the most frequent are kept (ties by path), as DataHub does, plus their parents.
     */
    Result result(int maxFields) {
        List<Node> all = new ArrayList<>();
        collect(root, null, all);
        Set<FieldStats> kept = null;
        if (all.size() > maxFields) {
            List<Node> ranked = new ArrayList<>(all);
            ranked.sort(Comparator.comparingLong((Node n) -> -n.stats.count).thenComparing(n -> n.path));
            kept = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Node n : ranked.subList(0, Math.max(0, maxFields))) {
                for (Node at = n; at != null; at = at.parent) {
                    kept.add(at.stats);
                }
            }
        }
        return new Result(fieldsOf(root, null, kept), all.size(), kept != null);
    }

    /** The fields, how many were seen in all (nested included), and whether some were dropped. */
    record Result(List<Field> fields, int totalFields, boolean downsampled) {}

    private record Node(FieldStats stats, String path, Node parent) {}

    private static void collect(DocStats doc, Node parent, List<Node> out) {
        for (FieldStats f : doc.fields.values()) {
            Node node = new Node(f, parent == null ? f.name : parent.path + "." + f.name, parent);
            out.add(node);
            collectTypes(f.types, node, out);
        }
    }

    private static void collectTypes(TypeSet types, Node owner, List<Node> out) {
        for (TypeStats t : types.byName.values()) {
            if (t.doc != null) {
                collect(t.doc, owner, out);
            } else if (t.array != null) {
                collectTypes(t.array.elements, owner, out);
            }
        }
    }

    private static List<Field> fieldsOf(DocStats doc, String parentPath, Set<FieldStats> kept) {
        List<FieldStats> ordered = new ArrayList<>();
        for (FieldStats f : doc.fields.values()) {
            if (kept == null || kept.contains(f)) {
                ordered.add(f);
            }
        }
        ordered.sort(FIELD_ORDER);
        List<Field> out = new ArrayList<>(ordered.size());
        for (FieldStats f : ordered) {
            out.add(toField(f, parentPath, doc.count, kept));
        }
        return out;
    }

    /** Compass's order: {@code _id} first, then case-insensitive by name (stable under random sampling). */
    private static final Comparator<FieldStats> FIELD_ORDER = Comparator.comparing(
                    (FieldStats f) -> !f.name.equals("_id"))
            .thenComparing(f -> f.name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(f -> f.name);

    private static Field toField(FieldStats f, String parentPath, long parentCount, Set<FieldStats> kept) {
        String name = BsonTypes.fieldName(f.name);
        String path = parentPath == null ? name : parentPath + "." + name;
        Shape shape = shape(f.types, path, kept);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("presence", share(f.count, parentCount));
        for (TypeStats t : f.types.sorted()) {
            props.put("type." + t.name, share(t.count, parentCount));
            if (t.array != null) {
                props.put("array.average_length", share(t.array.elementCount, t.array.arrays));
                for (TypeStats e : t.array.elements.sorted()) {
                    props.put("array.element.type." + e.name, share(e.count, t.array.elementCount));
                }
            }
        }
        boolean sawNull = f.types.byName.containsKey("null") || f.types.byName.containsKey("undefined");
        return Field.builder(name, shape.type)
                .path(path)
                .nullable(f.count < parentCount || sawNull)
                .nativeType(f.types.nativeType())
                .properties(props)
                .fields(shape.children)
                .build();
    }

    private record Shape(DataType type, List<Field> children) {}

    /** The type of the values seen at one place (a field, or the elements of an array). */
    private static Shape shape(TypeSet types, String path, Set<FieldStats> kept) {
        Map<String, DataType> branches = new LinkedHashMap<>();
        List<Field> children = List.of();
        for (TypeStats t : types.sorted()) {
            if (t.name.equals("null") || t.name.equals("undefined")) {
                continue;
            }
            DataType type;
            if (t.doc != null) {
                List<Field> members = fieldsOf(t.doc, path, kept);
                type = structOf(members);
                if (children.isEmpty()) {
                    children = members;
                }
            } else if (t.array != null) {
                Shape element = shape(t.array.elements, path, kept);
                type = new ArrayType(element.type == Primitive.NULL ? Primitive.UNKNOWN : element.type);
                if (children.isEmpty()) {
                    children = element.children;
                }
            } else {
                type = BsonTypes.scalarType(t.name);
            }
            branches.putIfAbsent(type.print(), type);
        }
        if (branches.isEmpty()) {
            return new Shape(Primitive.NULL, List.of());
        }
        List<DataType> distinct = new ArrayList<>(branches.values());
        return new Shape(distinct.size() == 1 ? distinct.get(0) : new UnionType(distinct), children);
    }

    private static StructType structOf(List<Field> members) {
        List<StructType.Member> out = new ArrayList<>(members.size());
        for (Field m : members) {
            out.add(new StructType.Member(m.name(), m.type()));
        }
        return new StructType(out);
    }

    /** A share as a short decimal: 0.75, 0.3333, 1. */
    static String share(long part, long whole) {
        if (whole <= 0) {
            return "0";
        }
        BigDecimal v = BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
        return v.stripTrailingZeros().toPlainString();
    }

    private static final class DocStats {
        long count;
        final Map<String, FieldStats> fields = new HashMap<>();

        void add(BsonDocument document, int depth) {
            count++;
            for (Map.Entry<String, BsonValue> e : document.entrySet()) {
                fields.computeIfAbsent(e.getKey(), FieldStats::new).add(e.getValue(), depth);
            }
        }
    }

    private static final class FieldStats {
        final String name;
        long count;
        final TypeSet types = new TypeSet();

        FieldStats(String name) {
            this.name = name;
        }

        void add(BsonValue value, int depth) {
            count++;
            types.add(value, depth);
        }
    }

    /** The BSON types seen at one place, by alias. */
    private static final class TypeSet {
        final Map<String, TypeStats> byName = new HashMap<>();

        void add(BsonValue value, int depth) {
            String alias = BsonTypes.alias(value);
            if (depth >= MAX_DEPTH && (value.isDocument() || value.isArray())) {
                alias = "json";
            }
            byName.computeIfAbsent(alias, TypeStats::new).add(value, depth);
        }

        /** By count, most frequent first, then by name: the order of union branches. */
        List<TypeStats> sorted() {
            List<TypeStats> out = new ArrayList<>(byName.values());
            out.sort(Comparator.comparingLong((TypeStats t) -> -t.count).thenComparing(t -> t.name));
            return out;
        }

        String nativeType() {
            Set<String> names = new LinkedHashSet<>();
            for (TypeStats t : sorted()) {
                if (!t.name.equals("null") && !t.name.equals("undefined")) {
                    names.add(t.name);
                }
            }
            return names.isEmpty() ? "null" : String.join("|", names);
        }
    }

    private static final class TypeStats {
        final String name;
        long count;
        DocStats doc;
        ArrayStats array;

        TypeStats(String name) {
            this.name = name;
        }

        void add(BsonValue value, int depth) {
            count++;
            if (name.equals("json")) {
                return;
            }
            if (value.isDocument()) {
                if (doc == null) {
                    doc = new DocStats();
                }
                doc.add(value.asDocument(), depth + 1);
            } else if (value.isArray()) {
                if (array == null) {
                    array = new ArrayStats();
                }
                array.add(value.asArray(), depth + 1);
            }
        }
    }

    private static final class ArrayStats {
        long arrays;
        long elementCount;
        final TypeSet elements = new TypeSet();

        void add(BsonArray values, int depth) {
            arrays++;
            elementCount += values.size();
            for (BsonValue v : values) {
                elements.add(v, depth);
            }
        }
    }
}
