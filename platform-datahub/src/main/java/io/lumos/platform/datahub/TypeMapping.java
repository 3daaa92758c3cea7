package io.lumos.platform.datahub;

import com.linkedin.data.template.StringArray;
import com.linkedin.schema.ArrayType;
import com.linkedin.schema.BooleanType;
import com.linkedin.schema.BytesType;
import com.linkedin.schema.DateType;
import com.linkedin.schema.EnumType;
import com.linkedin.schema.FixedType;
import com.linkedin.schema.MapType;
import com.linkedin.schema.NullType;
import com.linkedin.schema.NumberType;
import com.linkedin.schema.RecordType;
import com.linkedin.schema.SchemaFieldDataType;
import com.linkedin.schema.StringType;
import com.linkedin.schema.TimeType;
import com.linkedin.schema.UnionType;
import io.lumos.domain.DataType;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataTypes;
import io.lumos.domain.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lumos type strings to DataHub's 13-member type union and back. DataHub's union is coarse (every
 * number is NumberType), so the exact Lumos type travels in the field's {@code jsonProps} (see
 * {@link SchemaMapping}); this class is the fallback for schemas other tools wrote.
 */
final class TypeMapping {
    private TypeMapping() {}

    static SchemaFieldDataType toDataHub(DataType type) {
        SchemaFieldDataType.Type t = new SchemaFieldDataType.Type();
        if (type instanceof Primitive p) {
            switch (p) {
                case BOOLEAN -> t.setBooleanType(new BooleanType());
                case STRING, UUID, JSON -> t.setStringType(new StringType());
                case BYTES -> t.setBytesType(new BytesType());
                case DATE -> t.setDateType(new DateType());
                case INTERVAL -> t.setTimeType(new TimeType());
                case NULL, UNKNOWN -> t.setNullType(new NullType());
                default -> t.setNumberType(new NumberType()); // every integer and float
            }
        } else if (type instanceof DataType.Decimal) {
            t.setNumberType(new NumberType());
        } else if (type instanceof DataType.Fixed) {
            t.setFixedType(new FixedType());
        } else if (type instanceof DataType.Time || type instanceof DataType.Timestamp) {
            t.setTimeType(new TimeType());
        } else if (type instanceof DataType.EnumType) {
            t.setEnumType(new EnumType());
        } else if (type instanceof DataType.ArrayType a) {
            t.setArrayType(new ArrayType().setNestedType(new StringArray(List.of(token(a.element())))));
        } else if (type instanceof DataType.MapType m) {
            t.setMapType(new MapType().setKeyType(token(m.key())).setValueType(token(m.value())));
        } else if (type instanceof DataType.UnionType u) {
            List<String> members = new ArrayList<>();
            for (DataType b : u.branches()) {
                members.add(token(b));
            }
            t.setUnionType(new UnionType().setNestedTypes(new StringArray(members)));
        } else {
            // struct, and a named reference to a record (recursive schemas)
            t.setRecordType(new RecordType());
        }
        return new SchemaFieldDataType().setType(t);
    }

    /** The short type word of a v2 field path token and of nestedType lists. */
    static String token(DataType type) {
        if (type instanceof Primitive p) {
            return p.print();
        }
        if (type instanceof DataType.Decimal) {
            return "decimal";
        }
        if (type instanceof DataType.Fixed) {
            return "fixed";
        }
        if (type instanceof DataType.Time) {
            return "time";
        }
        if (type instanceof DataType.Timestamp ts) {
            return ts.utcAdjusted() ? "timestamptz" : "timestamp";
        }
        if (type instanceof DataType.EnumType) {
            return "enum";
        }
        if (type instanceof DataType.ArrayType) {
            return "array";
        }
        if (type instanceof DataType.MapType) {
            return "map";
        }
        if (type instanceof DataType.UnionType) {
            return "union";
        }
        if (type instanceof DataType.Named n) {
            return n.name();
        }
        return "struct";
    }

    /** DataHub's name for the union member, as the golden files and EXPECTED.md spell it. */
    static String memberName(SchemaFieldDataType type) {
        SchemaFieldDataType.Type t = type.getType();
        String key = t.memberType().getUnionMemberKey();
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /**
     * A Lumos type for a field another tool wrote: the native type when it is a Lumos type string
     * (our own writes, Parquet-like names), else a best guess from the union member.
     */
    static DataType fromDataHub(SchemaFieldDataType type, String nativeType) {
        if (nativeType != null && !nativeType.isBlank()) {
            try {
                DataType parsed = DataTypes.parse(nativeType.strip().toLowerCase(Locale.ROOT));
                if (!(parsed instanceof DataType.Named)) { // a bare word (an Avro field name, "text") is not ours
                    return parsed;
                }
            } catch (IllegalArgumentException notOurs) {
                // fall through to the union member
            }
        }
        String n = nativeType == null ? "" : nativeType.toLowerCase(Locale.ROOT);
        return switch (memberName(type)) {
            case "BooleanType" -> Primitive.BOOLEAN;
            case "NumberType" -> numberFromNative(n);
            case "StringType" -> Primitive.STRING;
            case "BytesType" -> Primitive.BYTES;
            case "FixedType" -> Primitive.BYTES;
            case "DateType" -> Primitive.DATE;
            case "TimeType" ->
                n.contains("time") && !n.contains("stamp") && !n.contains("date")
                        ? new DataType.Time(TimeUnit.MICROS, zoned(n))
                        : new DataType.Timestamp(TimeUnit.MICROS, zoned(n));
            case "EnumType" -> Primitive.STRING;
            case "NullType" -> Primitive.NULL;
            case "ArrayType" -> new DataType.ArrayType(Primitive.UNKNOWN);
            case "MapType" -> new DataType.MapType(Primitive.STRING, Primitive.UNKNOWN);
            case "UnionType" -> new DataType.UnionType(List.of(Primitive.UNKNOWN));
            case "RecordType" -> new DataType.StructType(List.of());
            default -> Primitive.UNKNOWN;
        };
    }

    /** timetz, timestamptz, "... with time zone"; not "... without time zone". */
    private static boolean zoned(String nativeType) {
        return nativeType.contains("tz") || nativeType.contains("with time zone");
    }

    private static DataType numberFromNative(String n) {
        if (n.startsWith("numeric") || n.startsWith("decimal")) {
            int open = n.indexOf('(');
            int comma = n.indexOf(',');
            int close = n.indexOf(')');
            if (open > 0 && comma > open && close > comma) {
                try {
                    return new DataType.Decimal(
                            Integer.parseInt(n.substring(open + 1, comma).strip()),
                            Integer.parseInt(n.substring(comma + 1, close).strip()));
                } catch (IllegalArgumentException e) {
                    return Primitive.FLOAT64;
                }
            }
            return Primitive.FLOAT64;
        }
        if (n.contains("int") || n.equals("long") || n.equals("short")) {
            return Primitive.INT64;
        }
        return Primitive.FLOAT64;
    }
}
