package io.lumos.spi.file;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.Decimal;
import io.lumos.domain.DataType.MapType;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.Timestamp;
import io.lumos.domain.DataType.UnionType;
import io.lumos.domain.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the schemas of several files that make one dataset (a table folder, partitions): fields
 * are matched by name in order of first appearance, a field missing from some files becomes
 * nullable, and conflicting types widen (int32 + int64 = int64) or, when no type holds both, become
 * a union. Structs merge member by member, so nested columns added in later files survive.
 */
public final class SchemaUnion {
    private SchemaUnion() {}

    public static FileSchema merge(List<FileSchema> schemas) {
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        SchemaMerger merger = merger();
        schemas.forEach(merger::add);
        return merger.result();
    }

    /**
     * The same merge, one file at a time: what it keeps is one entry per field name and one per
     * distinct property value, never one per file.
     */
    public static SchemaMerger merger() {
        return new Merger(Set.of());
    }

    /**
     * The same, with per-file counts ({@code footer_bytes}, {@code num_row_groups}) summed like
     * {@code size} rather than kept as distinct values, whose number grows with the files.
     */
    public static SchemaMerger merger(Set<String> summed) {
        return new Merger(Set.copyOf(summed));
    }

    /** Merges field lists by name; {@code parentPath} is the dot-joined path of their parent ("" at the root). */
    public static List<Field> mergeFields(List<List<Field>> lists, String parentPath) {
        FieldsMerger merger = new FieldsMerger();
        lists.forEach(merger::add);
        return merger.result(parentPath);
    }

    private static final class Merger implements SchemaMerger {
        private FileSchema first;
        private int files;
        private long rows;
        private boolean rowsKnown = true;
        private boolean exact = true;
        private String description;
        /** Distinct values of each property but size, which is summed. */
        private final Map<String, Set<String>> props = new TreeMap<>();

        private long size;
        private boolean sizeKnown = true;
        private final FieldsMerger fields = new FieldsMerger();
        /** Properties summed over the files (null once a file lacks one or it is not a number). */
        private final Set<String> summed;

        private final Map<String, Long> sums = new TreeMap<>();

        Merger(Set<String> summed) {
            this.summed = summed;
            for (String k : summed) {
                sums.put(k, 0L);
            }
        }

        @Override
        public void add(FileSchema s) {
            if (files == 0) {
                first = s;
            }
            files++;
            fields.add(s.fields());
            if (s.rowCount() == null) {
                rowsKnown = false;
            } else {
                rows += s.rowCount();
            }
            exact &= s.rowCountExact();
            if (description == null) {
                description = s.description();
            }
            s.properties().forEach((k, v) -> {
                if (!k.equals("size") && !summed.contains(k)) {
                    props.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v);
                }
            });
            for (String k : summed) {
                sums.computeIfPresent(k, (x, sum) -> plus(sum, s.properties().get(k)));
            }
            String v = s.properties().get("size");
            if (v == null) {
                sizeKnown = false;
            } else {
                try {
                    size += Long.parseLong(v);
                } catch (NumberFormatException e) {
                    sizeKnown = false;
                }
            }
        }

        @Override
        public FileSchema result() {
            if (files <= 1) {
                return first;
            }
            Map<String, String> properties = new TreeMap<>();
            props.forEach((k, values) -> {
                if (values.size() == 1) {
                    properties.put(k, values.iterator().next());
                } else {
                    // differing per-file facts (codecs, writers): keep every value, comma-separated
                    Set<String> split = new TreeSet<>();
                    values.forEach(v -> split.addAll(List.of(v.split(","))));
                    properties.put(k, String.join(",", split));
                }
            });
            if (sizeKnown) {
                properties.put("size", Long.toString(size));
            }
            sums.forEach((k, sum) -> properties.put(k, Long.toString(sum)));
            properties.put("files", Integer.toString(files));
            return new FileSchema(
                    fields.result(""), rowsKnown ? rows : null, rowsKnown && exact, properties, description);
        }
    }

    /** The sum with a file's value, or null (dropped) when the file has none or not a number. */
    private static Long plus(long sum, String value) {
        if (value == null) {
            return null;
        }
        try {
            return sum + Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Field lists united by name in order of first appearance; nested fields recursively. */
    private static final class FieldsMerger {
        private int lists;
        private final Map<String, FieldMerger> byName = new LinkedHashMap<>();

        void add(List<Field> fields) {
            lists++;
            for (Field f : fields) {
                byName.computeIfAbsent(f.name(), n -> new FieldMerger(f)).add(f);
            }
        }

        List<Field> result(String parentPath) {
            List<Field> out = new ArrayList<>(byName.size());
            byName.forEach((name, m) -> out.add(m.result(name, lists, parentPath)));
            return out;
        }
    }

    /** Every version of one field name: the first as met, the widened type, nullability. */
    private static final class FieldMerger {
        private final Field first;
        private int versions;
        private boolean nullable;
        private DataType type;
        private String nativeType;
        private final FieldsMerger children = new FieldsMerger();

        FieldMerger(Field first) {
            this.first = first;
            this.type = first.type();
            this.nativeType = first.nativeType();
        }

        void add(Field f) {
            versions++;
            nullable |= f.nullable();
            type = widen(type, f.type());
            if (!Objects.equals(nativeType, f.nativeType())) {
                nativeType = null;
            }
            children.add(f.fields());
        }

        Field result(String name, int lists, String parentPath) {
            // a field missing from some file is nullable
            boolean isNullable = nullable || versions < lists;
            String path = parentPath.isEmpty() ? name : parentPath + "." + name;
            return Field.builder(name, type)
                    .path(path)
                    .nullable(isNullable)
                    .description(first.description())
                    .tags(first.tags())
                    .nativeType(nativeType != null ? nativeType : first.nativeType())
                    .primaryKey(first.primaryKey())
                    .partitionKey(first.partitionKey())
                    .defaultValue(first.defaultValue())
                    .identity(first.identity())
                    .properties(first.properties())
                    .fields(children.result(path))
                    .build();
        }
    }

    /** The narrowest type that holds values of both, or a union of the two. */
    public static DataType widen(DataType a, DataType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a == Primitive.NULL) {
            return b;
        }
        if (b == Primitive.NULL) {
            return a;
        }
        if (a instanceof Primitive pa && b instanceof Primitive pb) {
            DataType w = widenPrimitive(pa, pb);
            if (w != null) {
                return w;
            }
        }
        if (a instanceof Decimal da && b instanceof Decimal db) {
            int scale = Math.max(da.scale(), db.scale());
            int intDigits = Math.max(da.precision() - da.scale(), db.precision() - db.scale());
            int precision = intDigits + scale;
            return precision <= 76 ? new Decimal(precision, scale) : Primitive.FLOAT64;
        }
        if (a instanceof Timestamp ta && b instanceof Timestamp tb && ta.utcAdjusted() == tb.utcAdjusted()) {
            return ta.unit().compareTo(tb.unit()) >= 0 ? ta : tb;
        }
        if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
            return new ArrayType(widen(aa.element(), ab.element()));
        }
        if (a instanceof MapType ma && b instanceof MapType mb) {
            return new MapType(widen(ma.key(), mb.key()), widen(ma.value(), mb.value()));
        }
        if (a instanceof StructType sa && b instanceof StructType sb) {
            Map<String, DataType> members = new LinkedHashMap<>();
            for (StructType.Member m : sa.members()) {
                members.put(m.name(), m.type());
            }
            for (StructType.Member m : sb.members()) {
                members.merge(m.name(), m.type(), SchemaUnion::widen);
            }
            List<StructType.Member> list = new ArrayList<>();
            members.forEach((n, t) -> list.add(new StructType.Member(n, t)));
            return new StructType(list);
        }
        Set<DataType> branches = new LinkedHashSet<>();
        for (DataType t : List.of(a, b)) {
            if (t instanceof UnionType u) {
                branches.addAll(u.branches());
            } else {
                branches.add(t);
            }
        }
        return new UnionType(new ArrayList<>(branches));
    }

    private static DataType widenPrimitive(Primitive a, Primitive b) {
        if (a.isInteger() && b.isInteger()) {
            boolean signed = !isUnsigned(a) || !isUnsigned(b);
            int bits = Math.max(bits(a, signed), bits(b, signed));
            if (bits > 64) {
                return Primitive.FLOAT64;
            }
            return integer(bits, signed);
        }
        if ((a.isInteger() || a.isFloatingPoint()) && (b.isInteger() || b.isFloatingPoint())) {
            if (a == Primitive.FLOAT16 && b == Primitive.FLOAT16) {
                return Primitive.FLOAT16;
            }
            boolean small =
                    (a == Primitive.FLOAT32 || a == Primitive.FLOAT16 || a == Primitive.INT8 || a == Primitive.INT16)
                            && (b == Primitive.FLOAT32
                                    || b == Primitive.FLOAT16
                                    || b == Primitive.INT8
                                    || b == Primitive.INT16);
            return small ? Primitive.FLOAT32 : Primitive.FLOAT64;
        }
        if ((a == Primitive.STRING && b == Primitive.JSON) || (a == Primitive.JSON && b == Primitive.STRING)) {
            return Primitive.STRING;
        }
        if ((a == Primitive.STRING && b == Primitive.UUID) || (a == Primitive.UUID && b == Primitive.STRING)) {
            return Primitive.STRING;
        }
        return null;
    }

    private static boolean isUnsigned(Primitive p) {
        return p == Primitive.UINT8 || p == Primitive.UINT16 || p == Primitive.UINT32 || p == Primitive.UINT64;
    }

    /** Bits a signed (or unsigned) integer needs to hold every value of {@code p}. */
    private static int bits(Primitive p, boolean signed) {
        int width =
                switch (p) {
                    case INT8, UINT8 -> 8;
                    case INT16, UINT16 -> 16;
                    case INT32, UINT32 -> 32;
                    default -> 64;
                };
        return signed && isUnsigned(p) ? width * 2 : width;
    }

    private static Primitive integer(int bits, boolean signed) {
        return switch (bits) {
            case 8 -> signed ? Primitive.INT8 : Primitive.UINT8;
            case 16 -> signed ? Primitive.INT16 : Primitive.UINT16;
            case 32 -> signed ? Primitive.INT32 : Primitive.UINT32;
            default -> signed ? Primitive.INT64 : Primitive.UINT64;
        };
    }
}
