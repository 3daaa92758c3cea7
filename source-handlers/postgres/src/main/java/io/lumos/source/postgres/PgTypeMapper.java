package io.lumos.source.postgres;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.Decimal;
import io.lumos.domain.DataType.EnumType;
import io.lumos.domain.DataType.MapType;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.Time;
import io.lumos.domain.DataType.Timestamp;
import io.lumos.domain.TimeUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps PostgreSQL types to the universal type strings. Works on {@code pg_type} rows rather than
 * type names, so domains, enums, arrays and composite types resolve the same in any schema.
 *
 * <p>{@code numeric} without a precision becomes {@code decimal(38,18)}, as Spark's JDBC reader does:
 * it keeps "exact decimal" (a float would lose that) at the widest common precision; the field's
 * nativeType stays {@code numeric} so nothing is hidden.
 */
final class PgTypeMapper {
    static final Decimal UNCONSTRAINED_NUMERIC = new Decimal(38, 18);
    private static final int MAX_DEPTH = 32;

    private final Map<Long, PgType> types;

    PgTypeMapper(Map<Long, PgType> types) {
        this.types = types;
    }

    /** The type of a column with this type oid and modifier; unknown for types never loaded. */
    DataType map(long oid, int typmod) {
        return map(oid, typmod, 0, new HashSet<>());
    }

    private DataType map(long oid, int typmod, int depth, Set<Long> path) {
        PgType t = types.get(oid);
        if (t == null || depth > MAX_DEPTH || !path.add(oid)) {
            return Primitive.UNKNOWN;
        }
        try {
            if (t.isArray()) {
                // an array column's modifier belongs to its element: varchar(20)[] has typmod 24
                return new ArrayType(map(t.element(), typmod, depth + 1, path));
            }
            return switch (t.typtype()) {
                case 'd' -> map(t.baseType(), typmod >= 0 ? typmod : t.baseTypmod(), depth + 1, path);
                case 'e' -> new EnumType(t.labels());
                case 'c' -> struct(t, depth, path);
                case 'b' -> base(t, typmod);
                default -> Primitive.UNKNOWN;
            };
        } finally {
            path.remove(oid);
        }
    }

    private DataType struct(PgType t, int depth, Set<Long> path) {
        if (t.members().isEmpty()) {
            return Primitive.UNKNOWN;
        }
        List<StructType.Member> members = new ArrayList<>();
        for (PgType.Member m : t.members()) {
            members.add(new StructType.Member(m.name(), map(m.type(), m.typmod(), depth + 1, path)));
        }
        return new StructType(members);
    }

    private static DataType base(PgType t, int typmod) {
        if (!t.inCatalog()) {
            // extension types, wherever the extension was installed
            return switch (t.name()) {
                case "citext" -> Primitive.STRING;
                case "hstore" -> new MapType(Primitive.STRING, Primitive.STRING);
                default -> Primitive.UNKNOWN;
            };
        }
        return byCatalogName(t.name(), typmod);
    }

    /** The mapping of the built-in types of {@code pg_catalog}, by {@code typname}. */
    static DataType byCatalogName(String typname, int typmod) {
        return switch (typname) {
            case "bool" -> Primitive.BOOLEAN;
            case "int2" -> Primitive.INT16;
            case "int4" -> Primitive.INT32;
            case "int8" -> Primitive.INT64;
            case "oid", "xid", "cid", "regproc", "regclass", "regtype" -> Primitive.UINT32;
            case "float4" -> Primitive.FLOAT32;
            case "float8" -> Primitive.FLOAT64;
            case "numeric" -> numeric(typmod);
            // money has two decimals in every locale PostgreSQL supports well; its range fits 19 digits
            case "money" -> new Decimal(19, 2);
            case "text",
                    "varchar",
                    "bpchar",
                    "char",
                    "name",
                    "xml",
                    "inet",
                    "cidr",
                    "macaddr",
                    "macaddr8",
                    "bit",
                    "varbit",
                    "tsvector",
                    "tsquery",
                    "jsonpath",
                    "pg_lsn" -> Primitive.STRING;
            case "bytea" -> Primitive.BYTES;
            case "date" -> Primitive.DATE;
            // PostgreSQL stores times with microseconds whatever precision is declared
            case "time" -> new Time(TimeUnit.MICROS, false);
            case "timetz" -> new Time(TimeUnit.MICROS, true);
            case "timestamp" -> new Timestamp(TimeUnit.MICROS, false);
            case "timestamptz" -> new Timestamp(TimeUnit.MICROS, true);
            case "interval" -> Primitive.INTERVAL;
            case "uuid" -> Primitive.UUID;
            case "json", "jsonb" -> Primitive.JSON;
            default -> Primitive.UNKNOWN;
        };
    }

    /**
     * numeric(p,s) from its modifier: ((p << 16) | s) + 4, s an 11-bit signed number since
     * PostgreSQL 15 (numeric(3,-2) rounds to hundreds; numeric(2,5) holds 0.00099).
     */
    static DataType numeric(int typmod) {
        if (typmod < 4) {
            return UNCONSTRAINED_NUMERIC;
        }
        int m = typmod - 4;
        int precision = (m >> 16) & 0xFFFF;
        int scale = m & 0x7FF;
        if ((scale & 0x400) != 0) {
            scale -= 0x800;
        }
        if (precision < 1) {
            return UNCONSTRAINED_NUMERIC;
        }
        if (scale < 0) {
            return new Decimal(precision - scale, 0);
        }
        if (scale > precision) {
            return new Decimal(scale, scale);
        }
        return new Decimal(precision, scale);
    }
}
