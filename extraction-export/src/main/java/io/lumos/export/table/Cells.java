package io.lumos.export.table;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Text forms of cell values for CSV, where everything is a string. */
public final class Cells {
    /** Spreadsheets read this form as a date and time. */
    public static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Cells() {}

    /** The CSV text of a value in a column of the given kind; text is neutralised, numbers are not. */
    public static String text(Object value, ColumnKind kind) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant i) {
            return DATE_TIME.format(i);
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (kind.numeric() && value instanceof Number n) {
            return number(n);
        }
        return FormulaGuard.neutralise(value.toString());
    }

    public static String number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (n instanceof java.math.BigDecimal b) {
            return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
        }
        return n.toString();
    }
}
