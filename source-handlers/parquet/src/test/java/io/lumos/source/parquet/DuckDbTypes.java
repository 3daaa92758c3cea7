package io.lumos.source.parquet;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.ArrayType;
import io.lumos.domain.DataType.Decimal;
import io.lumos.domain.DataType.MapType;
import io.lumos.domain.DataType.Named;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.DataType.StructType;
import io.lumos.domain.DataType.Time;
import io.lumos.domain.DataType.Timestamp;
import io.lumos.domain.TimeUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB's type names read into our model, in DuckDB's own meaning (TIMESTAMP is microseconds,
 * local; TIME WITH TIME ZONE is a time). Names our model has no word for (VARIANT, GEOMETRY)
 * come back as {@link Named} so that a comparison can see them.
 */
final class DuckDbTypes {
    private final String text;
    private int pos;

    private DuckDbTypes(String text) {
        this.text = text;
    }

    static DataType parse(String text) {
        DuckDbTypes p = new DuckDbTypes(text);
        DataType t = p.type();
        p.space();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("trailing text in DuckDB type '" + text + "' at " + p.pos);
        }
        return t;
    }

    private DataType type() {
        space();
        DataType base;
        if (peek() == '"') {
            String quoted = quoted();
            base = base(quoted);
        } else {
            String word = word();
            switch (word) {
                case "STRUCT" -> {
                    List<StructType.Member> members = new ArrayList<>();
                    space();
                    if (peek() == '(') {
                        pos++;
                        do {
                            space();
                            String name = peek() == '"' ? quoted() : word();
                            members.add(new StructType.Member(name, type()));
                            space();
                        } while (accept(','));
                        expect(')');
                    }
                    base = new StructType(members);
                }
                case "MAP" -> {
                    expect('(');
                    DataType k = type();
                    expect(',');
                    DataType v = type();
                    expect(')');
                    base = new MapType(k, v);
                }
                case "DECIMAL" -> {
                    expect('(');
                    int p = Integer.parseInt(word());
                    expect(',');
                    int s = Integer.parseInt(word());
                    expect(')');
                    base = new Decimal(p, s);
                }
                case "TIMESTAMP", "TIME" -> {
                    int save = pos;
                    space();
                    if (text.startsWith("WITH TIME ZONE", pos)) {
                        pos += "WITH TIME ZONE".length();
                        base = word.equals("TIME")
                                ? new Time(TimeUnit.MICROS, true)
                                : new Timestamp(TimeUnit.MICROS, true);
                    } else {
                        pos = save;
                        base = base(word);
                    }
                }
                default -> base = base(word);
            }
        }
        while (peek() == '[') {
            pos++;
            while (peek() != ']') {
                pos++;
            }
            pos++;
            base = new ArrayType(base);
        }
        return base;
    }

    private static DataType base(String name) {
        return switch (name) {
            case "BOOLEAN" -> Primitive.BOOLEAN;
            case "TINYINT" -> Primitive.INT8;
            case "SMALLINT" -> Primitive.INT16;
            case "INTEGER" -> Primitive.INT32;
            case "BIGINT" -> Primitive.INT64;
            case "UTINYINT" -> Primitive.UINT8;
            case "USMALLINT" -> Primitive.UINT16;
            case "UINTEGER" -> Primitive.UINT32;
            case "UBIGINT" -> Primitive.UINT64;
            case "FLOAT" -> Primitive.FLOAT32;
            case "DOUBLE" -> Primitive.FLOAT64;
            case "VARCHAR" -> Primitive.STRING;
            case "BLOB" -> Primitive.BYTES;
            case "DATE" -> Primitive.DATE;
            case "TIME" -> new Time(TimeUnit.MICROS);
            case "TIMESTAMP" -> new Timestamp(TimeUnit.MICROS, false);
            case "TIMESTAMP_MS" -> new Timestamp(TimeUnit.MILLIS, false);
            case "TIMESTAMP_S" -> new Timestamp(TimeUnit.MILLIS, false);
            case "TIMESTAMP_NS" -> new Timestamp(TimeUnit.NANOS, false);
            case "TIMESTAMPTZ" -> new Timestamp(TimeUnit.MICROS, true);
            case "TIMESTAMPTZ_NS" -> new Timestamp(TimeUnit.NANOS, true);
            case "UUID" -> Primitive.UUID;
            case "JSON" -> Primitive.JSON;
            case "INTERVAL" -> Primitive.INTERVAL;
            case "NULL" -> Primitive.NULL;
            default -> new Named(name);
        };
    }

    private String quoted() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                if (pos < text.length() && text.charAt(pos) == '"') {
                    out.append('"');
                    pos++;
                } else {
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
    }

    private String word() {
        space();
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private void space() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean accept(char c) {
        space();
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        space();
        if (peek() != c) {
            throw new IllegalArgumentException("expected '" + c + "' in DuckDB type '" + text + "' at " + pos);
        }
        pos++;
    }
}
