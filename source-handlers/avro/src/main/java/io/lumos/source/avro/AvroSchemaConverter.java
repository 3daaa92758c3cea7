package io.lumos.source.avro;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.Decimal;
import io.lumos.domain.DataType.EnumType;
import io.lumos.domain.DataType.Fixed;
import io.lumos.domain.DataType.MapType;
import io.lumos.domain.DataType.Named;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.Time;
import io.lumos.domain.DataType.Timestamp;
import io.lumos.domain.DataType.UnionType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Field;
import io.lumos.domain.TimeUnit;
import io.lumos.domain.diff.SchemaDiff;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.util.internal.Accessor;

/**
 * Avro schemas into fields of the universal model. A union with null makes a nullable field of the
 * other branch; a record met again inside itself becomes a reference by its full name, so
 * recursive schemas stay finite.
 */
final class AvroSchemaConverter {
    /** The name a non-record top-level schema gets as its single field (as Spark and Kafka tools do). */
    static final String VALUE_FIELD = "value";

    private record Converted(DataType type, boolean nullable, String nativeType, List<Field> children) {}

    /** Records being expanded on the current path: meeting one again is recursion. */
    private final Set<String> expanding = new HashSet<>();

    private AvroSchemaConverter() {}

    static List<Field> fields(Schema schema) {
        AvroSchemaConverter c = new AvroSchemaConverter();
        if (schema.getType() == Schema.Type.RECORD) {
            c.expanding.add(schema.getFullName());
            return c.recordFields(schema, "");
        }
        Converted v = c.convert(schema, VALUE_FIELD);
        return List.of(Field.builder(VALUE_FIELD, v.type())
                .nullable(v.nullable())
                .nativeType(v.nativeType())
                .description(schema.getDoc())
                .properties(namedTypeProperties(schema))
                .fields(v.children())
                .build());
    }

    private List<Field> recordFields(Schema record, String parentPath) {
        List<Field> out = new ArrayList<>(record.getFields().size());
        for (Schema.Field f : record.getFields()) {
            String path = parentPath.isEmpty() ? f.name() : parentPath + "." + f.name();
            Converted c = convert(f.schema(), path);
            Field.Builder b = Field.builder(f.name(), c.type())
                    .path(path)
                    .nullable(c.nullable())
                    .nativeType(c.nativeType())
                    .description(f.doc())
                    .fields(c.children());
            if (f.hasDefaultValue()) {
                b.defaultValue(Accessor.defaultValue(f).toString());
            }
            Map<String, String> props = namedTypeProperties(f.schema());
            if (!f.aliases().isEmpty()) {
                String aliases = String.join(",", f.aliases());
                b.identity("aliases:" + aliases);
                props.put(SchemaDiff.ALIASES, aliases);
            }
            out.add(b.properties(props).build());
        }
        return out;
    }

    /**
     * What the schema diff needs to resolve names as Avro does (SchemaDiff's property keys): the full
     * name and aliases of the named type a field holds, reached through arrays, maps and unions as
     * its children are, and an enum's default symbol.
     */
    static Map<String, String> namedTypeProperties(Schema s) {
        Map<String, String> props = new TreeMap<>();
        String physical = physicalType(s);
        if (physical != null) {
            props.put(SchemaDiff.PHYSICAL_TYPE, physical);
        }
        Schema named = firstNamed(s);
        if (named != null) {
            props.put(SchemaDiff.TYPE_NAME, named.getFullName());
            if (!named.getAliases().isEmpty()) {
                props.put(SchemaDiff.TYPE_ALIASES, String.join(",", new TreeSet<>(named.getAliases())));
            }
            if (named.getType() == Schema.Type.ENUM && named.getEnumDefault() != null) {
                props.put(SchemaDiff.ENUM_DEFAULT, named.getEnumDefault());
            }
        }
        return props;
    }

    /**
     * The Avro type a field's logical type rides on ({@code fixed(16)}, {@code bytes}), which Avro
     * resolves before the logical type; null when the field has no logical type. A union with null
     * is looked through, as for the field's type.
     */
    static String physicalType(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            List<Schema> others = s.getTypes().stream()
                    .filter(b -> b.getType() != Schema.Type.NULL)
                    .toList();
            if (others.size() != 1) {
                return null;
            }
            s = others.get(0);
        }
        if (logical(s) == null) {
            return null;
        }
        return switch (s.getType()) {
            case FIXED -> "fixed(" + s.getFixedSize() + ")";
            case BYTES -> "bytes";
            case STRING -> "string";
            case INT -> "int32";
            case LONG -> "int64";
            default -> null;
        };
    }

    /** The dataset's side of it: the top-level record's full name and aliases. */
    static Map<String, String> datasetProperties(Schema s) {
        Map<String, String> props = new TreeMap<>();
        // Avro's own rule for optional fields (nullable without a default is not optional) applies.
        props.put("format", "avro");
        if (s.getType() == Schema.Type.RECORD) {
            props.putAll(namedTypeProperties(s));
        }
        return props;
    }

    private static Schema firstNamed(Schema s) {
        return switch (s.getType()) {
            case RECORD, ENUM, FIXED -> s;
            case ARRAY -> firstNamed(s.getElementType());
            case MAP -> firstNamed(s.getValueType());
            case UNION -> {
                Schema named = null;
                for (Schema branch : s.getTypes()) {
                    named = firstNamed(branch);
                    if (named != null) {
                        break;
                    }
                }
                yield named;
            }
            default -> null;
        };
    }

    private Converted convert(Schema s, String path) {
        String nativeType = nativeName(s);
        switch (s.getType()) {
            case RECORD: {
                String name = s.getFullName();
                if (expanding.contains(name)) {
                    DataType ref = DataTypes.isKeyword(name) ? Primitive.UNKNOWN : new Named(name);
                    return new Converted(ref, false, nativeType, List.of());
                }
                expanding.add(name);
                try {
                    List<Field> children = recordFields(s, path);
                    List<StructType.Member> members = new ArrayList<>(children.size());
                    for (Field f : children) {
                        members.add(new StructType.Member(f.name(), f.type()));
                    }
                    return new Converted(new StructType(members), false, nativeType, children);
                } finally {
                    expanding.remove(name);
                }
            }
            case ENUM:
                return new Converted(new EnumType(s.getEnumSymbols()), false, nativeType, List.of());
            case ARRAY: {
                Converted e = convert(s.getElementType(), path);
                return new Converted(new ArrayType(e.type()), false, nativeType, e.children());
            }
            case MAP: {
                Converted v = convert(s.getValueType(), path);
                return new Converted(new MapType(Primitive.STRING, v.type()), false, nativeType, v.children());
            }
            case UNION:
                return union(s, path, nativeType);
            case FIXED:
                return new Converted(fixed(s), false, nativeType, List.of());
            case STRING:
                return new Converted(
                        "uuid".equals(logical(s)) ? Primitive.UUID : Primitive.STRING, false, nativeType, List.of());
            case BYTES:
                return new Converted(bytes(s), false, nativeType, List.of());
            case INT:
                return new Converted(intType(s), false, nativeType, List.of());
            case LONG:
                return new Converted(longType(s), false, nativeType, List.of());
            case FLOAT:
                return new Converted(Primitive.FLOAT32, false, nativeType, List.of());
            case DOUBLE:
                return new Converted(Primitive.FLOAT64, false, nativeType, List.of());
            case BOOLEAN:
                return new Converted(Primitive.BOOLEAN, false, nativeType, List.of());
            case NULL:
            default:
                return new Converted(Primitive.NULL, true, nativeType, List.of());
        }
    }

    private Converted union(Schema s, String path, String nativeType) {
        List<Schema> others = new ArrayList<>();
        boolean nullable = false;
        for (Schema branch : s.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) {
                nullable = true;
            } else {
                others.add(branch);
            }
        }
        if (others.isEmpty()) {
            return new Converted(Primitive.NULL, true, nativeType, List.of());
        }
        if (others.size() == 1) {
            Converted only = convert(others.get(0), path);
            return new Converted(only.type(), nullable || only.nullable(), nativeType, only.children());
        }
        List<DataType> branches = new ArrayList<>();
        List<Field> children = List.of();
        for (Schema branch : others) {
            Converted c = convert(branch, path);
            branches.add(c.type());
            // the nested fields of a union are those of its first struct branch, as Field.nestedMembers says
            if (children.isEmpty() && !c.children().isEmpty()) {
                children = c.children();
            }
        }
        return new Converted(new UnionType(branches), nullable, nativeType, children);
    }

    private static String logical(Schema s) {
        LogicalType lt = s.getLogicalType();
        if (lt != null) {
            return lt.getName();
        }
        // a logical type this Avro does not register (e.g. written by a newer one): still a hint
        return s.getProp("logicalType");
    }

    private static DataType fixed(Schema s) {
        LogicalType lt = s.getLogicalType();
        if (lt instanceof LogicalTypes.Decimal d) {
            return new Decimal(d.getPrecision(), d.getScale());
        }
        String name = logical(s);
        if ("duration".equals(name) && s.getFixedSize() == 12) {
            return Primitive.INTERVAL;
        }
        if ("uuid".equals(name) && s.getFixedSize() == 16) {
            return Primitive.UUID;
        }
        return new Fixed(s.getFixedSize());
    }

    private static DataType bytes(Schema s) {
        LogicalType lt = s.getLogicalType();
        if (lt instanceof LogicalTypes.Decimal d) {
            return new Decimal(d.getPrecision(), d.getScale());
        }
        if ("big-decimal".equals(logical(s))) {
            // a decimal with its own scale in every value: no fixed precision to print
            return Primitive.UNKNOWN;
        }
        return Primitive.BYTES;
    }

    private static DataType intType(Schema s) {
        String name = logical(s);
        if ("date".equals(name)) {
            return Primitive.DATE;
        }
        if ("time-millis".equals(name)) {
            return new Time(TimeUnit.MILLIS);
        }
        return Primitive.INT32;
    }

    private static DataType longType(Schema s) {
        String name = logical(s);
        if (name == null) {
            return Primitive.INT64;
        }
        return switch (name) {
            case "time-micros" -> new Time(TimeUnit.MICROS);
            case "timestamp-millis" -> new Timestamp(TimeUnit.MILLIS, true);
            case "timestamp-micros" -> new Timestamp(TimeUnit.MICROS, true);
            case "timestamp-nanos" -> new Timestamp(TimeUnit.NANOS, true);
            case "local-timestamp-millis" -> new Timestamp(TimeUnit.MILLIS, false);
            case "local-timestamp-micros" -> new Timestamp(TimeUnit.MICROS, false);
            case "local-timestamp-nanos" -> new Timestamp(TimeUnit.NANOS, false);
            default -> Primitive.INT64;
        };
    }

    /** How Avro spells the type: {@code long/timestamp-millis}, {@code record ns.Name}, {@code union[null,int]}. */
    static String nativeName(Schema s) {
        return switch (s.getType()) {
            case RECORD, ENUM, FIXED -> {
                String base = s.getType().getName() + " " + s.getFullName();
                String lt = logical(s);
                yield lt == null ? base : base + "/" + lt;
            }
            case ARRAY -> "array<" + nativeName(s.getElementType()) + ">";
            case MAP -> "map<" + nativeName(s.getValueType()) + ">";
            case UNION -> {
                List<String> names = new ArrayList<>();
                for (Schema b : s.getTypes()) {
                    names.add(nativeName(b));
                }
                yield "union[" + String.join(",", names) + "]";
            }
            default -> {
                String lt = logical(s);
                yield lt == null ? s.getType().getName() : s.getType().getName() + "/" + lt;
            }
        };
    }
}
