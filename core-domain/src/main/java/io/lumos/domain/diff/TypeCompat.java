package io.lumos.domain.diff;

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
import java.util.HashMap;
import java.util.Map;

/**
 * Can a reader of one type read data written with another? Avro's schema-resolution rules
 * (promotions int->long->float->double, string<->bytes, union branch matching) on the universal
 * types, plus what Avro's Java checker ignores: decimal precision and scale, time and timestamp unit
 * and zone must match (research schema-diff §1, L01-L09).
 */
public final class TypeCompat {
    private TypeCompat() {}

    /** True when a reader expecting {@code reader} decodes every value written as {@code writer}. */
    public static boolean canRead(DataType reader, DataType writer) {
        return canRead(reader, writer, false);
    }

    /**
     * Whether data written as {@code writer} can be read as {@code reader}.
     *
     * @param readerEnumDefault the reader's enum declares a default symbol, so unknown writer
     *     symbols are read as it
     */
    public static boolean canRead(DataType reader, DataType writer, boolean readerEnumDefault) {
        if (reader.equals(writer)) {
            return true;
        }
        if (writer instanceof UnionType wu) {
            for (DataType branch : wu.branches()) {
                if (!canRead(reader, branch, readerEnumDefault)) {
                    return false;
                }
            }
            return true;
        }
        if (reader instanceof UnionType ru) {
            for (DataType branch : ru.branches()) {
                if (canRead(branch, writer, readerEnumDefault)) {
                    return true;
                }
            }
            return false;
        }
        if (reader instanceof Primitive r && writer instanceof Primitive w) {
            return promotes(w, r);
        }
        if (reader instanceof Decimal r && writer instanceof Decimal w) {
            return r.scale() == w.scale() && r.precision() >= w.precision();
        }
        if (reader instanceof Fixed r && writer instanceof Fixed w) {
            return r.length() == w.length();
        }
        if (reader instanceof Time || reader instanceof Timestamp) {
            // Units and zone must match: equality was checked above. A local timestamp may read a date.
            return reader instanceof Timestamp t && !t.utcAdjusted() && writer == Primitive.DATE;
        }
        if (reader instanceof EnumType r && writer instanceof EnumType w) {
            return readerEnumDefault || r.symbols().containsAll(w.symbols());
        }
        if (reader instanceof ArrayType r && writer instanceof ArrayType w) {
            return canRead(r.element(), w.element());
        }
        if (reader instanceof MapType r && writer instanceof MapType w) {
            return canRead(r.key(), w.key()) && canRead(r.value(), w.value());
        }
        if (reader instanceof StructType r && writer instanceof StructType w) {
            Map<String, DataType> written = new HashMap<>();
            for (StructType.Member m : w.members()) {
                written.put(m.name(), m.type());
            }
            for (StructType.Member m : r.members()) {
                DataType wt = written.get(m.name());
                // A type string carries no defaults: a member the writer lacks cannot be filled.
                if (wt == null || !canRead(m.type(), wt)) {
                    return false;
                }
            }
            return true;
        }
        if (reader instanceof Named r && writer instanceof Named w) {
            return r.name().equals(w.name());
        }
        return false;
    }

    /** Writer primitive {@code w} read as reader primitive {@code r}. */
    static boolean promotes(Primitive w, Primitive r) {
        if (w == r) {
            return true;
        }
        if ((w == Primitive.STRING && r == Primitive.BYTES) || (w == Primitive.BYTES && r == Primitive.STRING)) {
            return true;
        }
        if (w.isInteger() && r.isInteger()) {
            return integerRank(r) > integerRank(w) && (isSigned(r) || !isSigned(w));
        }
        if (w.isInteger() && r.isFloatingPoint()) {
            return true;
        }
        if (w.isFloatingPoint() && r.isFloatingPoint()) {
            return floatRank(r) > floatRank(w);
        }
        return false;
    }

    /** Widening within a family (int8->int64, float->double): row 8 rather than row 9. */
    static boolean widensInFamily(Primitive w, Primitive r) {
        if (w == r) {
            return false;
        }
        if (w.isInteger() && r.isInteger()) {
            return promotes(w, r);
        }
        return w.isFloatingPoint() && r.isFloatingPoint() && floatRank(r) > floatRank(w);
    }

    static int integerRank(Primitive p) {
        return switch (p) {
            case INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32 -> 3;
            default -> 4;
        };
    }

    static boolean isSigned(Primitive p) {
        return p == Primitive.INT8 || p == Primitive.INT16 || p == Primitive.INT32 || p == Primitive.INT64;
    }

    static int floatRank(Primitive p) {
        return switch (p) {
            case FLOAT16 -> 1;
            case FLOAT32 -> 2;
            default -> 3;
        };
    }
}
