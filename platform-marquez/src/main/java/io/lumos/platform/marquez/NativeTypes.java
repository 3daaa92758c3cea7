package io.lumos.platform.marquez;

import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Best-effort reading of the type names other OpenLineage producers write (SQL and Spark names). */
final class NativeTypes {
    private static final Pattern DECIMAL =
            Pattern.compile("(?:decimal|numeric|number)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(-?\\d+)\\s*)?\\)");

    private NativeTypes() {}

    static DataType parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DECIMAL.matcher(t);
        if (m.matches()) {
            int p = Integer.parseInt(m.group(1));
            int s = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            try {
                return new DataType.Decimal(p, s);
            } catch (RuntimeException e) {
                return DataType.Primitive.STRING;
            }
        }
        int paren = t.indexOf('(');
        String base = paren > 0 ? t.substring(0, paren).strip() : t;
        String name =
                switch (base) {
                    case "bool", "boolean", "bit" -> "boolean";
                    case "tinyint", "byte" -> "int8";
                    case "smallint", "short", "int2" -> "int16";
                    case "int", "integer", "int4", "mediumint", "serial" -> "int32";
                    case "bigint", "long", "int8", "bigserial" -> "int64";
                    case "real", "float4", "float" -> "float32";
                    case "double", "double precision", "float8" -> "float64";
                    case "decimal", "numeric", "number" -> "decimal(38,0)";
                    case "varchar",
                            "char",
                            "character",
                            "character varying",
                            "text",
                            "string",
                            "nvarchar",
                            "varchar2",
                            "clob" -> "string";
                    case "binary", "varbinary", "bytea", "blob", "bytes" -> "bytes";
                    case "date" -> "date";
                    case "time" -> "time(us)";
                    case "timestamp", "datetime", "timestamp_ntz", "timestamp without time zone" -> "timestamp(us)";
                    case "timestamptz", "timestamp_tz", "timestamp_ltz", "timestamp with time zone" ->
                        "timestamptz(us)";
                    case "uuid" -> "uuid";
                    case "json", "jsonb", "variant" -> "json";
                    case "interval" -> "interval";
                    default -> null;
                };
        if (name == null) {
            if (t.startsWith("array") || t.startsWith("struct") || t.startsWith("map")) {
                try {
                    return DataTypes.parse(t.replace("<", "<").replace(": ", ":"));
                } catch (RuntimeException e) {
                    return DataType.Primitive.UNKNOWN;
                }
            }
            return DataType.Primitive.UNKNOWN;
        }
        return DataTypes.parse(name);
    }
}
