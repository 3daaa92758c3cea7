package io.lumos.domain;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A type of the universal model. Every type prints as the type string of the product
 * ({@code int64}, {@code decimal(10,2)}, {@code struct<a:int32,b:array<string>>}) and
 * {@link DataTypes#parse(String)} reads it back: the round trip is exact.
 */
public sealed interface DataType
        permits DataType.Primitive,
                DataType.Decimal,
                DataType.Fixed,
                DataType.Time,
                DataType.Timestamp,
                DataType.EnumType,
                DataType.ArrayType,
                DataType.MapType,
                DataType.StructType,
                DataType.UnionType,
                DataType.Named {

    /** The type string. */
    String print();

    /** Types with no parameters. */
    enum Primitive implements DataType {
        BOOLEAN,
        INT8,
        INT16,
        INT32,
        INT64,
        UINT8,
        UINT16,
        UINT32,
        UINT64,
        FLOAT16,
        FLOAT32,
        FLOAT64,
        STRING,
        BYTES,
        DATE,
        INTERVAL,
        UUID,
        JSON,
        NULL,
        UNKNOWN;

        private final String name = name().toLowerCase(Locale.ROOT);

        @Override
        public String print() {
            return name;
        }

        public boolean isInteger() {
            return switch (this) {
                case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> true;
                default -> false;
            };
        }

        public boolean isFloatingPoint() {
            return this == FLOAT16 || this == FLOAT32 || this == FLOAT64;
        }

        static Primitive byName(String name) {
            for (Primitive p : values()) {
                if (p.name.equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    record Decimal(int precision, int scale) implements DataType {
        public Decimal {
            if (precision < 1 || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("decimal(" + precision + "," + scale + ") is not a valid decimal");
            }
        }

        @Override
        public String print() {
            return "decimal(" + precision + "," + scale + ")";
        }
    }

    record Fixed(int length) implements DataType {
        public Fixed {
            if (length < 0) {
                throw new IllegalArgumentException("fixed length must not be negative");
            }
        }

        @Override
        public String print() {
            return "fixed(" + length + ")";
        }
    }

    /**
     * Time of day. {@code time} is a local wall-clock time; with {@code utcAdjusted} it is a time of
     * day in UTC, {@code timetz} (Parquet's isAdjustedToUTC, PostgreSQL's {@code timetz}).
     */
    record Time(TimeUnit unit, boolean utcAdjusted) implements DataType {
        public Time {
            requireNonNull(unit, "unit");
        }

        /** A local time of day. */
        public Time(TimeUnit unit) {
            this(unit, false);
        }

        @Override
        public String print() {
            return (utcAdjusted ? "timetz(" : "time(") + unit.symbol() + ")";
        }
    }

    /** {@code timestamp} is a local date-time; with {@code utcAdjusted} it is an instant, {@code timestamptz}. */
    record Timestamp(TimeUnit unit, boolean utcAdjusted) implements DataType {
        public Timestamp {
            requireNonNull(unit, "unit");
        }

        @Override
        public String print() {
            return (utcAdjusted ? "timestamptz(" : "timestamp(") + unit.symbol() + ")";
        }
    }

    record EnumType(List<String> symbols) implements DataType {
        public EnumType {
            symbols = List.copyOf(symbols);
        }

        @Override
        public String print() {
            StringBuilder out = new StringBuilder("enum(");
            for (int i = 0; i < symbols.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(DataTypes.quoteIfNeeded(symbols.get(i)));
            }
            return out.append(')').toString();
        }
    }

    record ArrayType(DataType element) implements DataType {
        public ArrayType {
            requireNonNull(element, "element");
        }

        @Override
        public String print() {
            return "array<" + element.print() + ">";
        }
    }

    record MapType(DataType key, DataType value) implements DataType {
        public MapType {
            requireNonNull(key, "key");
            requireNonNull(value, "value");
        }

        @Override
        public String print() {
            return "map<" + key.print() + "," + value.print() + ">";
        }
    }

    record StructType(List<Member> members) implements DataType {
        public StructType {
            members = List.copyOf(members);
            Set<String> seen = new HashSet<>();
            for (Member m : members) {
                if (!seen.add(m.name())) {
                    throw new IllegalArgumentException("struct has two members named '" + m.name() + "'");
                }
            }
        }

        @Override
        public String print() {
            StringBuilder out = new StringBuilder("struct<");
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Member m = members.get(i);
                out.append(DataTypes.quoteIfNeeded(m.name()))
                        .append(':')
                        .append(m.type().print());
            }
            return out.append('>').toString();
        }

        public record Member(String name, DataType type) {
            public Member {
                requireNonNull(name, "name");
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("struct member name must not be empty");
                }
                requireNonNull(type, "type");
            }
        }
    }

    record UnionType(List<DataType> branches) implements DataType {
        public UnionType {
            branches = List.copyOf(branches);
            if (branches.isEmpty()) {
                throw new IllegalArgumentException("a union needs at least one branch");
            }
        }

        @Override
        public String print() {
            StringBuilder out = new StringBuilder("union<");
            for (int i = 0; i < branches.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(branches.get(i).print());
            }
            return out.append('>').toString();
        }
    }

    /**
     * A reference by name to a named type defined further out, as in a recursive Avro record
     * ({@code struct<value:int32,next:LongList>}); it keeps recursive schemas finite.
     */
    record Named(String name) implements DataType {
        public Named {
            name = RecordChecks.require(name, "name");
            if (DataTypes.isKeyword(name)) {
                throw new IllegalArgumentException("'" + name + "' is a type keyword, not a type name");
            }
        }

        @Override
        public String print() {
            return DataTypes.quoteIfNeeded(name);
        }
    }
}
