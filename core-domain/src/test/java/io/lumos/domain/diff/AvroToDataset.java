package io.lumos.domain.diff;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.TimeUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Test-only: an Avro record schema as a universal dataset, just enough for the agreement test (the
 * real Avro reader lives in the source handlers). Optional = union with null -> nullable; named
 * types put their full name and aliases in {@code typeName}/{@code typeAliases}; enum defaults in
 * {@code enumDefault}; field aliases in the identity.
 */
final class AvroToDataset {
    private AvroToDataset() {}

    static Dataset convert(Schema record) {
        Set<String> inProgress = new HashSet<>();
        inProgress.add(record.getFullName());
        List<Field> fields = fields(record, "", inProgress);
        Map<String, String> props = new TreeMap<>();
        props.put(SchemaDiff.TYPE_NAME, record.getFullName());
        if (!record.getAliases().isEmpty()) {
            props.put(SchemaDiff.TYPE_ALIASES, String.join(",", record.getAliases()));
        }
        return Dataset.builder(DatasetId.of("avro", "subject"))
                .fields(fields)
                .properties(props)
                .build();
    }

    private static List<Field> fields(Schema record, String parent, Set<String> inProgress) {
        List<Field> out = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            out.add(field(f, parent, inProgress));
        }
        return out;
    }

    private static Field field(Schema.Field f, String parent, Set<String> inProgress) {
        String path = parent.isEmpty() ? f.name() : parent + "." + f.name();
        Schema s = f.schema();
        boolean nullable = false;
        if (s.getType() == Schema.Type.UNION) {
            List<Schema> rest = s.getTypes().stream()
                    .filter(b -> b.getType() != Schema.Type.NULL)
                    .toList();
            if (rest.size() < s.getTypes().size() && !rest.isEmpty()) {
                nullable = true;
                s = rest.size() == 1 ? rest.get(0) : Schema.createUnion(rest);
            }
        }
        Map<String, String> props = new TreeMap<>();
        Schema named = firstNamed(s);
        if (named != null) {
            props.put(SchemaDiff.TYPE_NAME, named.getFullName());
            if (!named.getAliases().isEmpty()) {
                props.put(SchemaDiff.TYPE_ALIASES, String.join(",", named.getAliases()));
            }
            if (named.getType() == Schema.Type.ENUM && named.getEnumDefault() != null) {
                props.put(SchemaDiff.ENUM_DEFAULT, named.getEnumDefault());
            }
        }
        String physical = physical(s);
        if (physical != null) {
            props.put(SchemaDiff.PHYSICAL_TYPE, physical);
        }
        DataType type = type(s, inProgress);
        List<Field> children = List.of();
        Schema rec = firstRecord(s);
        if (rec != null && inProgress.add(rec.getFullName())) {
            children = fields(rec, path, inProgress);
            inProgress.remove(rec.getFullName());
        }
        String def = null;
        if (f.hasDefaultValue()) {
            def = f.defaultVal() == JsonProperties.NULL_VALUE ? "null" : String.valueOf(f.defaultVal());
        }
        return Field.builder(f.name(), type)
                .path(path)
                .nullable(nullable)
                .defaultValue(def)
                .identity(f.aliases().isEmpty() ? null : "aliases:" + String.join(",", f.aliases()))
                .properties(props)
                .fields(children)
                .build();
    }

    /** The Avro type a logical type rides on, as the Avro source writes it. */
    static String physical(Schema s) {
        if (s.getLogicalType() == null && s.getProp("logicalType") == null) {
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

    /** The named type the field's children and name belong to, through arrays, maps and unions. */
    private static Schema firstNamed(Schema s) {
        return switch (s.getType()) {
            case RECORD, ENUM, FIXED -> s;
            case ARRAY -> firstNamed(s.getElementType());
            case MAP -> firstNamed(s.getValueType());
            case UNION ->
                s.getTypes().stream()
                        .map(AvroToDataset::firstNamed)
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null);
            default -> null;
        };
    }

    private static Schema firstRecord(Schema s) {
        return switch (s.getType()) {
            case RECORD -> s;
            case ARRAY -> firstRecord(s.getElementType());
            case MAP -> firstRecord(s.getValueType());
            case UNION ->
                s.getTypes().stream()
                        .map(AvroToDataset::firstRecord)
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null);
            default -> null;
        };
    }

    static DataType type(Schema s, Set<String> inProgress) {
        LogicalType lt = s.getLogicalType();
        if (lt instanceof LogicalTypes.Decimal d) {
            return new DataType.Decimal(d.getPrecision(), d.getScale());
        }
        if (lt != null) {
            switch (lt.getName()) {
                case "date":
                    return Primitive.DATE;
                case "time-millis":
                    return new DataType.Time(TimeUnit.MILLIS);
                case "time-micros":
                    return new DataType.Time(TimeUnit.MICROS);
                case "timestamp-millis":
                    return new DataType.Timestamp(TimeUnit.MILLIS, true);
                case "timestamp-micros":
                    return new DataType.Timestamp(TimeUnit.MICROS, true);
                case "timestamp-nanos":
                    return new DataType.Timestamp(TimeUnit.NANOS, true);
                case "local-timestamp-millis":
                    return new DataType.Timestamp(TimeUnit.MILLIS, false);
                case "local-timestamp-micros":
                    return new DataType.Timestamp(TimeUnit.MICROS, false);
                case "local-timestamp-nanos":
                    return new DataType.Timestamp(TimeUnit.NANOS, false);
                case "uuid":
                    return Primitive.UUID;
                default:
                    break;
            }
        }
        return switch (s.getType()) {
            case NULL -> Primitive.NULL;
            case BOOLEAN -> Primitive.BOOLEAN;
            case INT -> Primitive.INT32;
            case LONG -> Primitive.INT64;
            case FLOAT -> Primitive.FLOAT32;
            case DOUBLE -> Primitive.FLOAT64;
            case STRING -> Primitive.STRING;
            case BYTES -> Primitive.BYTES;
            case FIXED ->
                "duration".equals(s.getProp("logicalType")) && s.getFixedSize() == 12
                        ? Primitive.INTERVAL
                        : new DataType.Fixed(s.getFixedSize());
            case ENUM -> new DataType.EnumType(s.getEnumSymbols());
            case ARRAY -> new DataType.ArrayType(type(s.getElementType(), inProgress));
            case MAP -> new DataType.MapType(Primitive.STRING, type(s.getValueType(), inProgress));
            case UNION ->
                new DataType.UnionType(
                        s.getTypes().stream().map(b -> type(b, inProgress)).toList());
            case RECORD -> {
                if (!inProgress.add(s.getFullName())) {
                    yield new DataType.Named(s.getFullName());
                }
                List<DataType.StructType.Member> members = new ArrayList<>();
                for (Schema.Field f : s.getFields()) {
                    members.add(new DataType.StructType.Member(f.name(), type(f.schema(), inProgress)));
                }
                inProgress.remove(s.getFullName());
                yield new DataType.StructType(members);
            }
        };
    }
}
