package io.lumos.source.files;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was seen at one place of a JSON document tree across the sampled records: how often, which
 * JSON kinds, the members of objects and the elements of arrays. It becomes a type: one kind is
 * that type, int and float widen to float64, several kinds make a union, only nulls make
 * {@code null}; a member missing from some objects is nullable.
 */
final class JsonShape {
    long seen;
    long nulls;
    long booleans;
    long integers;
    long bigIntegers;
    long floats;
    long strings;
    long objects;
    long arrays;
    /** Only the temporal kinds: a JSON string that is a date is a date, a quoted number stays text. */
    final ColumnProfile text = new ColumnProfile(ColumnProfile.TEMPORAL);

    Map<String, JsonShape> members;
    JsonShape element;

    JsonShape member(String name) {
        if (members == null) {
            members = new LinkedHashMap<>();
        }
        JsonShape s = members.get(name);
        if (s == null) {
            s = new JsonShape();
            members.put(name, s);
        }
        return s;
    }

    JsonShape element() {
        if (element == null) {
            element = new JsonShape();
        }
        return element;
    }

    DataType type() {
        List<DataType> branches = new ArrayList<>(4);
        if (booleans > 0) {
            branches.add(Primitive.BOOLEAN);
        }
        if (floats > 0) {
            branches.add(Primitive.FLOAT64);
        } else if (bigIntegers > 0) {
            branches.add(new DataType.Decimal(38, 0));
        } else if (integers > 0) {
            branches.add(Primitive.INT64);
        }
        if (strings > 0) {
            branches.add(text.type());
        }
        if (objects > 0) {
            List<DataType.StructType.Member> ms = new ArrayList<>();
            if (members != null) {
                members.forEach((n, s) -> ms.add(new DataType.StructType.Member(n, s.type())));
            }
            branches.add(new DataType.StructType(ms));
        }
        if (arrays > 0) {
            branches.add(
                    new DataType.ArrayType(element == null || element.seen == 0 ? Primitive.UNKNOWN : element.type()));
        }
        if (branches.isEmpty()) {
            return Primitive.NULL;
        }
        return branches.size() == 1 ? branches.get(0) : new DataType.UnionType(branches);
    }

    String nativeType() {
        int kinds = (booleans > 0 ? 1 : 0)
                + (integers + bigIntegers + floats > 0 ? 1 : 0)
                + (strings > 0 ? 1 : 0)
                + (objects > 0 ? 1 : 0)
                + (arrays > 0 ? 1 : 0);
        if (kinds > 1) {
            return "mixed";
        }
        if (booleans > 0) {
            return "boolean";
        }
        if (floats > 0) {
            return "number";
        }
        if (integers + bigIntegers > 0) {
            return "integer";
        }
        if (strings > 0) {
            return "string";
        }
        if (objects > 0) {
            return "object";
        }
        return arrays > 0 ? "array" : "null";
    }

    /** The fields of the objects seen here (reached through arrays of objects too). */
    List<Field> fields(String parentPath) {
        JsonShape holder = this;
        while (holder != null && holder.objects == 0 && holder.element != null) {
            holder = holder.element;
        }
        if (holder == null || holder.objects == 0 || holder.members == null) {
            return List.of();
        }
        List<Field> out = new ArrayList<>(holder.members.size());
        for (Map.Entry<String, JsonShape> e : holder.members.entrySet()) {
            JsonShape s = e.getValue();
            String path = parentPath == null ? e.getKey() : parentPath + "." + e.getKey();
            // missing from some objects, or null in some
            boolean nullable = s.nulls > 0 || s.seen < holder.objects;
            out.add(Field.builder(e.getKey(), s.type())
                    .path(path)
                    .nullable(nullable)
                    .nativeType(s.nativeType())
                    .fields(s.fields(path))
                    .build());
        }
        return out;
    }
}
