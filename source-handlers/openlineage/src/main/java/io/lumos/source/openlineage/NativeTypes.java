package io.lumos.source.openlineage;

import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The type names OpenLineage producers write in the schema facet, read into our types: SQL names
 * (PostgreSQL, Snowflake, BigQuery, dbt's warehouse types), Spark's ({@code struct<a:int>},
 * {@code array<string>}), Flink's ({@code ROW<a INT>}, {@code BIGINT NOT NULL}) and our own type
 * strings. What is not recognised is {@code unknown}; the producer's text is kept as the native
 * type either way.
 */
final class NativeTypes {
    private static final java.util.regex.Pattern COMMA = java.util.regex.Pattern.compile(",");

    private NativeTypes() {}

    /** Reading a type also says whether the producer marked it NOT NULL (Flink). */
    record Parsed(DataType type, boolean notNull) {}

    static Parsed parse(String text) {
        String t = text == null ? "" : text.strip();
        boolean notNull = false;
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.endsWith(" not null")) {
            notNull = true;
            t = t.substring(0, t.length() - " not null".length()).strip();
        }
        DataType type = ourType(t);
        try {
            type = type != null ? type : new Reader(t).read();
        } catch (RuntimeException e) {
            type = DataType.Primitive.UNKNOWN;
        }
        return new Parsed(type, notNull);
    }

    /** Our own type string (a producer that writes Lumos types), or null. */
    private static DataType ourType(String text) {
        try {
            DataType t = DataTypes.parse(text);
            return hasNamed(t) || !t.print().equals(text) ? null : t;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A name our parser did not know ({@code bigint} inside {@code map<string,bigint>}). */
    private static boolean hasNamed(DataType t) {
        if (t instanceof DataType.Named) {
            return true;
        }
        if (t instanceof DataType.ArrayType a) {
            return hasNamed(a.element());
        }
        if (t instanceof DataType.MapType m) {
            return hasNamed(m.key()) || hasNamed(m.value());
        }
        if (t instanceof DataType.StructType s) {
            return s.members().stream().anyMatch(m -> hasNamed(m.type()));
        }
        if (t instanceof DataType.UnionType u) {
            return u.branches().stream().anyMatch(NativeTypes::hasNamed);
        }
        return false;
    }

    /** A small recursive reader over one type string. */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        DataType read() {
            DataType t = type();
            skipSpace();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing text");
            }
            return t;
        }

        private DataType type() {
            skipSpace();
            String word = word();
            String base = word.toLowerCase(Locale.ROOT);
            // SQL's multi-word names
            if (base.equals("double") && peekWord("precision")) {
                word();
                return DataType.Primitive.FLOAT64;
            }
            if ((base.equals("character") || base.equals("char")) && peekWord("varying")) {
                word();
                args();
                return DataType.Primitive.STRING;
            }
            if (base.equals("timestamp") || base.equals("time")) {
                List<String> a = args();
                boolean tz = false;
                if (peekWord("with") || peekWord("without")) {
                    tz = word().equalsIgnoreCase("with");
                    String w;
                    do {
                        w = word(); // [local] time zone
                    } while (!w.equalsIgnoreCase("zone"));
                }
                TimeUnit unit = unitOf(a);
                return base.equals("time") ? new DataType.Time(unit) : new DataType.Timestamp(unit, tz);
            }
            switch (base) {
                case "array", "list" -> {
                    DataType element = single();
                    return new DataType.ArrayType(element == null ? DataType.Primitive.UNKNOWN : element);
                }
                case "map" -> {
                    List<DataType> kv = pair();
                    return new DataType.MapType(kv.get(0), kv.get(1));
                }
                case "struct", "row", "record" -> {
                    return struct();
                }
                default -> {
                    // a leaf: read its parameters, if any
                }
            }
            List<String> a = args();
            return leaf(base, a);
        }

        private DataType leaf(String base, List<String> a) {
            switch (base) {
                case "decimal", "numeric", "number", "dec", "bignumeric", "bigdecimal" -> {
                    if (a.isEmpty()) {
                        return base.equals("bignumeric")
                                ? new DataType.Decimal(76, 38)
                                : base.equals("numeric") && !s.contains("(")
                                        ? new DataType.Decimal(38, 9)
                                        : new DataType.Decimal(38, 0);
                    }
                    int p = Integer.parseInt(a.get(0).strip());
                    int sc = a.size() > 1 ? Integer.parseInt(a.get(1).strip()) : 0;
                    return new DataType.Decimal(Math.max(1, p), Math.max(0, Math.min(sc, p)));
                }
                case "timestamp_ntz", "timestamp_tz", "timestamp_ltz", "timestamptz", "datetime", "datetime2" -> {
                    return new DataType.Timestamp(
                            unitOf(a), !base.equals("timestamp_ntz") && !base.startsWith("datetime"));
                }
                default -> {
                    String ours = LEAVES.get(base);
                    if (ours != null) {
                        return DataTypes.parse(ours);
                    }
                    try {
                        DataType own = DataTypes.parse(base);
                        return own instanceof DataType.Named ? DataType.Primitive.UNKNOWN : own;
                    } catch (RuntimeException e) {
                        return DataType.Primitive.UNKNOWN;
                    }
                }
            }
        }

        private static TimeUnit unitOf(List<String> a) {
            if (a.isEmpty()) {
                return TimeUnit.MICROS;
            }
            int p = Integer.parseInt(a.get(0).strip());
            return p <= 3 ? TimeUnit.MILLIS : p <= 6 ? TimeUnit.MICROS : TimeUnit.NANOS;
        }

        private DataType single() {
            skipSpace();
            if (i < s.length() && (s.charAt(i) == '<' || s.charAt(i) == '(')) {
                char c = s.charAt(i);
                i++;
                DataType t = type();
                expect(c == '<' ? '>' : ')');
                return t;
            }
            return null;
        }

        private List<DataType> pair() {
            skipSpace();
            if (i < s.length() && (s.charAt(i) == '<' || s.charAt(i) == '(')) {
                char c = s.charAt(i);
                i++;
                DataType k = type();
                expect(',');
                DataType v = type();
                expect(c == '<' ? '>' : ')');
                return List.of(k, v);
            }
            return List.of(DataType.Primitive.STRING, DataType.Primitive.UNKNOWN);
        }

        /** {@code struct<a:int,b:string>} (Spark, Hive) or {@code ROW<a INT, b STRING>} (Flink). */
        private DataType struct() {
            skipSpace();
            if (i >= s.length() || (s.charAt(i) != '<' && s.charAt(i) != '(')) {
                return DataType.Primitive.UNKNOWN; // BigQuery's RECORD: members come as nested fields
            }
            char close = s.charAt(i) == '<' ? '>' : ')';
            i++;
            List<DataType.StructType.Member> members = new ArrayList<>();
            skipSpace();
            if (i < s.length() && s.charAt(i) == close) {
                i++;
                return new DataType.StructType(members);
            }
            while (true) {
                skipSpace();
                String name = name();
                skipSpace();
                if (i < s.length() && s.charAt(i) == ':') {
                    i++;
                }
                DataType t = type();
                skipSpace();
                if (peekWord("not")) {
                    word();
                    word();
                }
                skipSpace();
                if (i < s.length() && s.charAt(i) == '\'') { // Flink member comments
                    int end = s.indexOf('\'', i + 1);
                    i = end < 0 ? s.length() : end + 1;
                }
                if (members.stream().noneMatch(m -> m.name().equals(name))) {
                    members.add(new DataType.StructType.Member(name, t));
                }
                skipSpace();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                expect(close);
                return new DataType.StructType(members);
            }
        }

        private String name() {
            skipSpace();
            if (i < s.length() && (s.charAt(i) == '`' || s.charAt(i) == '"')) {
                char q = s.charAt(i);
                int end = s.indexOf(q, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed quote");
                }
                String n = s.substring(i + 1, end);
                i = end + 1;
                return n;
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != ':' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("member name expected");
            }
            return s.substring(start, i);
        }

        private List<String> args() {
            skipSpace();
            if (i >= s.length() || s.charAt(i) != '(') {
                return List.of();
            }
            int end = s.indexOf(')', i);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed parenthesis");
            }
            String inner = s.substring(i + 1, end);
            i = end + 1;
            List<String> out = new ArrayList<>();
            for (String p : COMMA.split(inner, -1)) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
            return out;
        }

        private String word() {
            skipSpace();
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("type name expected");
            }
            return s.substring(start, i);
        }

        private boolean peekWord(String w) {
            skipSpace();
            int end = i + w.length();
            return end <= s.length()
                    && s.substring(i, end).equalsIgnoreCase(w)
                    && (end == s.length() || !Character.isLetterOrDigit(s.charAt(end)));
        }

        private void expect(char c) {
            skipSpace();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("'" + c + "' expected");
            }
            i++;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }

    private static final java.util.Map<String, String> LEAVES = java.util.Map.ofEntries(
            java.util.Map.entry("bool", "boolean"),
            java.util.Map.entry("boolean", "boolean"),
            java.util.Map.entry("bit", "boolean"),
            java.util.Map.entry("tinyint", "int8"),
            java.util.Map.entry("byte", "int8"),
            java.util.Map.entry("smallint", "int16"),
            java.util.Map.entry("short", "int16"),
            java.util.Map.entry("int2", "int16"),
            java.util.Map.entry("int", "int32"),
            java.util.Map.entry("integer", "int32"),
            java.util.Map.entry("int4", "int32"),
            java.util.Map.entry("mediumint", "int32"),
            java.util.Map.entry("serial", "int32"),
            java.util.Map.entry("bigint", "int64"),
            java.util.Map.entry("long", "int64"),
            java.util.Map.entry("int8", "int64"),
            java.util.Map.entry("int64", "int64"),
            java.util.Map.entry("bigserial", "int64"),
            java.util.Map.entry("real", "float32"),
            java.util.Map.entry("float4", "float32"),
            java.util.Map.entry("float", "float32"),
            java.util.Map.entry("double", "float64"),
            java.util.Map.entry("float8", "float64"),
            java.util.Map.entry("float64", "float64"),
            java.util.Map.entry("varchar", "string"),
            java.util.Map.entry("char", "string"),
            java.util.Map.entry("character", "string"),
            java.util.Map.entry("text", "string"),
            java.util.Map.entry("string", "string"),
            java.util.Map.entry("nvarchar", "string"),
            java.util.Map.entry("nchar", "string"),
            java.util.Map.entry("varchar2", "string"),
            java.util.Map.entry("clob", "string"),
            java.util.Map.entry("citext", "string"),
            java.util.Map.entry("binary", "bytes"),
            java.util.Map.entry("varbinary", "bytes"),
            java.util.Map.entry("bytea", "bytes"),
            java.util.Map.entry("blob", "bytes"),
            java.util.Map.entry("bytes", "bytes"),
            java.util.Map.entry("date", "date"),
            java.util.Map.entry("datetime", "timestamp(us)"),
            java.util.Map.entry("timestamp_ntz", "timestamp(us)"),
            java.util.Map.entry("timestamptz", "timestamptz(us)"),
            java.util.Map.entry("timestamp_tz", "timestamptz(us)"),
            java.util.Map.entry("timestamp_ltz", "timestamptz(us)"),
            java.util.Map.entry("uuid", "uuid"),
            java.util.Map.entry("json", "json"),
            java.util.Map.entry("jsonb", "json"),
            java.util.Map.entry("variant", "json"),
            java.util.Map.entry("object", "json"),
            java.util.Map.entry("interval", "interval"),
            java.util.Map.entry("null", "null"),
            java.util.Map.entry("void", "null"));
}
