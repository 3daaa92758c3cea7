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
import io.lumos.domain.TimeUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle's Avro spelling ({@code union[null,long/timestamp-millis]}, {@code record X{a:int}},
 * {@code record X (recursive)}) read into what it means in our model: null branches of a union
 * become nullability, not a type.
 */
final class OracleAvroTypes {
    /** A type and whether the oracle's spelling allows null. */
    record Meaning(DataType type, boolean nullable) {}

    private final String text;
    private int pos;

    private OracleAvroTypes(String text) {
        this.text = text;
    }

    static Meaning parse(String text) {
        OracleAvroTypes p = new OracleAvroTypes(text);
        Meaning m = p.type();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("trailing text in '" + text + "' at " + p.pos);
        }
        return m;
    }

    private Meaning type() {
        String word = word();
        switch (word) {
            case "union": {
                expect('[');
                List<DataType> branches = new ArrayList<>();
                boolean nullable = false;
                do {
                    Meaning b = type();
                    if (b.type() == Primitive.NULL) {
                        nullable = true;
                    } else {
                        branches.add(b.type());
                    }
                } while (accept(','));
                expect(']');
                if (branches.isEmpty()) {
                    return new Meaning(Primitive.NULL, true);
                }
                return new Meaning(branches.size() == 1 ? branches.get(0) : new UnionType(branches), nullable);
            }
            case "array": {
                expect('<');
                Meaning e = type();
                expect('>');
                return new Meaning(new ArrayType(e.type()), false);
            }
            case "map": {
                expect('<');
                Meaning v = type();
                expect('>');
                return new Meaning(new MapType(Primitive.STRING, v.type()), false);
            }
            case "record": {
                expect(' ');
                String name = word();
                if (text.startsWith(" (recursive)", pos)) {
                    pos += " (recursive)".length();
                    return new Meaning(new Named(name), false);
                }
                expect('{');
                List<StructType.Member> members = new ArrayList<>();
                if (peek() != '}') {
                    do {
                        String field = word();
                        expect(':');
                        members.add(new StructType.Member(field, type().type()));
                    } while (accept(','));
                }
                expect('}');
                return new Meaning(new StructType(members), false);
            }
            case "enum": {
                expect(' ');
                word();
                expect('[');
                List<String> symbols = new ArrayList<>();
                do {
                    symbols.add(word());
                } while (accept(','));
                expect(']');
                return new Meaning(new EnumType(symbols), false);
            }
            case "fixed": {
                expect(' ');
                word();
                expect('(');
                int n = Integer.parseInt(word());
                expect(')');
                return new Meaning(new Fixed(n), false);
            }
            default:
                break;
        }
        String logical = null;
        if (accept('/')) {
            logical = word();
        }
        if (logical == null) {
            return new Meaning(
                    switch (word) {
                        case "null" -> Primitive.NULL;
                        case "boolean" -> Primitive.BOOLEAN;
                        case "int" -> Primitive.INT32;
                        case "long" -> Primitive.INT64;
                        case "float" -> Primitive.FLOAT32;
                        case "double" -> Primitive.FLOAT64;
                        case "bytes" -> Primitive.BYTES;
                        case "string" -> Primitive.STRING;
                        default -> throw new IllegalArgumentException("unknown Avro type '" + word + "' in " + text);
                    },
                    word.equals("null"));
        }
        DataType t =
                switch (logical) {
                    case "uuid" -> Primitive.UUID;
                    case "date" -> Primitive.DATE;
                    case "time-millis" -> new Time(TimeUnit.MILLIS);
                    case "time-micros" -> new Time(TimeUnit.MICROS);
                    case "timestamp-millis" -> new Timestamp(TimeUnit.MILLIS, true);
                    case "timestamp-micros" -> new Timestamp(TimeUnit.MICROS, true);
                    case "timestamp-nanos" -> new Timestamp(TimeUnit.NANOS, true);
                    case "local-timestamp-millis" -> new Timestamp(TimeUnit.MILLIS, false);
                    case "local-timestamp-micros" -> new Timestamp(TimeUnit.MICROS, false);
                    case "decimal" -> {
                        expect('(');
                        int p = Integer.parseInt(word());
                        expect(',');
                        int s = Integer.parseInt(word());
                        expect(')');
                        yield new Decimal(p, s);
                    }
                    // a decimal whose scale travels with each value: the model has no type with no fixed scale
                    case "big-decimal" -> Primitive.UNKNOWN;
                    default -> throw new IllegalArgumentException("unknown logical type '" + logical + "' in " + text);
                };
        return new Meaning(t, false);
    }

    private String word() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '$') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + text);
        }
        pos++;
    }
}
