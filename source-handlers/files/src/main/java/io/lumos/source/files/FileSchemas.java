package io.lumos.source.files;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.Decimal;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.Timestamp;
import io.lumos.domain.DataType.UnionType;
import io.lumos.domain.Field;
import io.lumos.spi.file.FileSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merging the schemas of several files of one dataset, and the type widening it needs: fields are
 * united by name in first-seen order, a field missing from a file is nullable, and conflicting types
 * widen (int32 + int64 = int64, int + float = float64, date + timestamp = timestamp). What cannot
 * widen becomes {@code string} for text formats (a CSV cell can always be read as text) or a union
 * for JSON.
 */
public final class FileSchemas {
    /** A property for problems a reader recovered from; the source reports it as a warning. */
    public static final String WARNINGS = "schema_warnings";

    private FileSchemas() {}

    /**
     * One schema for a dataset's files: their fields merged, types widened.
     *
     * @param textFallback whether types that do not widen become string (CSV) rather than a union (JSON)
     */
    public static FileSchema merge(List<FileSchema> schemas, boolean textFallback) {
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        if (schemas.size() == 1) {
            return schemas.get(0);
        }
        List<List<Field>> lists = new ArrayList<>();
        Long rows = 0L;
        boolean exact = true;
        String description = null;
        Map<String, String> props = new LinkedHashMap<>(schemas.get(0).properties());
        Set<String> warnings = new LinkedHashSet<>();
        for (FileSchema s : schemas) {
            lists.add(s.fields());
            if (rows != null && s.rowCount() != null) {
                rows += s.rowCount();
            } else {
                rows = null;
            }
            exact &= s.rowCountExact();
            if (description == null) {
                description = s.description();
            }
            String w = s.properties().get(WARNINGS);
            if (w != null) {
                warnings.add(w);
            }
        }
        if (!warnings.isEmpty()) {
            props.put(WARNINGS, String.join("; ", warnings));
        }
        return new FileSchema(mergeFields(lists, textFallback), rows, exact && rows != null, props, description);
    }

    /** Fields of several files united by name; a field absent from some list is nullable. */
    static List<Field> mergeFields(List<List<Field>> lists, boolean textFallback) {
        Map<String, Field> merged = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (List<Field> fields : lists) {
            for (Field f : fields) {
                merged.merge(f.name(), f, (a, b) -> mergeField(a, b, textFallback));
                seen.merge(f.name(), 1, Integer::sum);
            }
        }
        List<Field> out = new ArrayList<>(merged.size());
        for (Field f : merged.values()) {
            out.add(
                    seen.get(f.name()) < lists.size() && !f.nullable()
                            ? f.toBuilder().nullable(true).build()
                            : f);
        }
        return out;
    }

    static Field mergeField(Field a, Field b, boolean textFallback) {
        if (a.equals(b)) {
            return a;
        }
        DataType type = widen(a.type(), b.type(), textFallback);
        String nativeType = Objects.equals(a.nativeType(), b.nativeType())
                ? a.nativeType()
                : type.equals(a.type()) ? a.nativeType() : type.equals(b.type()) ? b.nativeType() : "mixed";
        List<Field> children;
        if (!a.fields().isEmpty() && !b.fields().isEmpty()) {
            children = mergeFields(List.of(a.fields(), b.fields()), textFallback);
        } else if (!a.fields().isEmpty() || !b.fields().isEmpty()) {
            children = relax(a.fields().isEmpty() ? b.fields() : a.fields());
        } else {
            children = List.of();
        }
        if (!(type instanceof StructType || type instanceof ArrayType || type instanceof UnionType)
                && Field.nestedMembers(type).isEmpty()) {
            children = List.of();
        }
        return new Field(
                a.name(),
                a.path(),
                type,
                a.nullable() || b.nullable(),
                a.description() != null ? a.description() : b.description(),
                a.tags(),
                nativeType,
                a.primaryKey() && b.primaryKey(),
                a.partitionKey() || b.partitionKey(),
                a.defaultValue(),
                a.identity(),
                a.properties(),
                children);
    }

    private static List<Field> relax(List<Field> fields) {
        List<Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            out.add(f.nullable() ? f : f.toBuilder().nullable(true).build());
        }
        return out;
    }

    /** The narrowest type both values fit. */
    public static DataType widen(DataType a, DataType b, boolean textFallback) {
        if (a.equals(b)) {
            return a;
        }
        if (a == Primitive.NULL || a == Primitive.UNKNOWN) {
            return b;
        }
        if (b == Primitive.NULL || b == Primitive.UNKNOWN) {
            return a;
        }
        if (a instanceof Primitive pa && b instanceof Primitive pb) {
            if (pa.isInteger() && pb.isInteger()) {
                return rank(pa) >= rank(pb) ? pa : pb;
            }
            if ((pa.isInteger() || pa.isFloatingPoint()) && (pb.isInteger() || pb.isFloatingPoint())) {
                return Primitive.FLOAT64;
            }
        }
        if (a instanceof Decimal da && b instanceof Decimal db) {
            int scale = Math.max(da.scale(), db.scale());
            int digits = Math.max(da.precision() - da.scale(), db.precision() - db.scale());
            return digits + scale <= 38 ? new Decimal(digits + scale, scale) : Primitive.FLOAT64;
        }
        if (a instanceof Decimal || b instanceof Decimal) {
            Decimal d = (Decimal) (a instanceof Decimal ? a : b);
            DataType other = a instanceof Decimal ? b : a;
            if (other instanceof Primitive p && p.isInteger()) {
                int digits = Math.max(d.precision() - d.scale(), integerDigits(p));
                return digits + d.scale() <= 38 ? new Decimal(digits + d.scale(), d.scale()) : Primitive.FLOAT64;
            }
            if (other instanceof Primitive p && p.isFloatingPoint()) {
                return Primitive.FLOAT64;
            }
        }
        if (a == Primitive.DATE && b instanceof Timestamp) {
            return b;
        }
        if (b == Primitive.DATE && a instanceof Timestamp) {
            return a;
        }
        if (a instanceof Timestamp ta && b instanceof Timestamp tb && ta.utcAdjusted() == tb.utcAdjusted()) {
            return ta.unit().compareTo(tb.unit()) >= 0 ? ta : tb;
        }
        if (a instanceof StructType sa && b instanceof StructType sb) {
            Map<String, DataType> members = new LinkedHashMap<>();
            for (StructType.Member m : sa.members()) {
                members.put(m.name(), m.type());
            }
            for (StructType.Member m : sb.members()) {
                members.merge(m.name(), m.type(), (x, y) -> widen(x, y, textFallback));
            }
            List<StructType.Member> out = new ArrayList<>();
            members.forEach((n, t) -> out.add(new StructType.Member(n, t)));
            return new StructType(out);
        }
        if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
            return new ArrayType(widen(aa.element(), ab.element(), textFallback));
        }
        if (textFallback) {
            return Primitive.STRING;
        }
        return union(a, b);
    }

    /** A union of the branches of both, with branches that widen into each other merged. */
    static DataType union(DataType a, DataType b) {
        List<DataType> branches = new ArrayList<>();
        for (DataType t : List.of(a, b)) {
            for (DataType branch : t instanceof UnionType u ? u.branches() : List.of(t)) {
                addBranch(branches, branch);
            }
        }
        return branches.size() == 1 ? branches.get(0) : new UnionType(branches);
    }

    private static void addBranch(List<DataType> branches, DataType t) {
        for (int i = 0; i < branches.size(); i++) {
            DataType existing = branches.get(i);
            if (sameFamily(existing, t)) {
                branches.set(i, widen(existing, t, false));
                return;
            }
        }
        branches.add(t);
    }

    private static boolean sameFamily(DataType x, DataType y) {
        if (x.equals(y)) {
            return true;
        }
        boolean nx = isNumber(x);
        boolean ny = isNumber(y);
        if (nx && ny) {
            return true;
        }
        return (x instanceof StructType && y instanceof StructType)
                || (x instanceof ArrayType && y instanceof ArrayType);
    }

    private static boolean isNumber(DataType t) {
        return t instanceof Decimal || (t instanceof Primitive p && (p.isInteger() || p.isFloatingPoint()));
    }

    private static int rank(Primitive p) {
        return switch (p) {
            case INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32 -> 3;
            default -> 4;
        };
    }

    private static int integerDigits(Primitive p) {
        return switch (p) {
            case INT8, UINT8 -> 3;
            case INT16, UINT16 -> 5;
            case INT32, UINT32 -> 10;
            case UINT64 -> 20;
            default -> 19;
        };
    }
}
