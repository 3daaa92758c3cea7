package io.lumos.source.files;

import io.lumos.domain.DataType;
import io.lumos.domain.DataType.Primitive;
import io.lumos.domain.TimeUnit;

/**
 * What the values of one text column (a CSV column, or the strings of a JSON field) can be. Each
 * value narrows a set of candidate kinds; the column's type is the most specific kind every
 * non-null value fits. A date also fits a timestamp and an integer also fits a decimal, so mixed
 * columns widen instead of falling back to string.
 */
final class ColumnProfile {
    static final int BOOL = 1;
    static final int INT = 1 << 1;
    static final int DECIMAL = 1 << 2;
    static final int FLOAT = 1 << 3;
    static final int DATE = 1 << 4;
    static final int TIMESTAMP = 1 << 5;
    static final int TIMESTAMPTZ = 1 << 6;
    static final int TIME = 1 << 7;
    static final int ALL = (1 << 8) - 1;
    static final int TEMPORAL = DATE | TIMESTAMP | TIMESTAMPTZ | TIME;

    /** Decimals wider than this, or with more fraction digits, look computed: float64. */
    private static final int MAX_DECIMAL_PRECISION = 18;

    private static final int MAX_DECIMAL_SCALE = 9;

    private int candidates;
    private long nonNull;
    private long nulls;
    private int maxIntDigits;
    private int maxScale;

    ColumnProfile() {
        this(ALL);
    }

    /** @param allowed the kinds a value may take (JSON strings allow only the temporal ones) */
    ColumnProfile(int allowed) {
        candidates = allowed;
    }

    void acceptNull() {
        nulls++;
    }

    void accept(String v) {
        nonNull++;
        if (candidates == 0) {
            return;
        }
        candidates &= kindsOf(v);
    }

    int maxIntDigits() {
        return maxIntDigits;
    }

    int maxScale() {
        return maxScale;
    }

    long nulls() {
        return nulls;
    }

    long nonNull() {
        return nonNull;
    }

    /** The kinds one value fits, recording digit counts for decimals as a side effect. */
    int kindsOf(String v) {
        int len = v.length();
        if (len == 0) {
            return 0;
        }
        int kinds = 0;
        if ((candidates & BOOL) != 0 && isBoolean(v)) {
            return BOOL;
        }
        if ((candidates & (INT | DECIMAL | FLOAT)) != 0) {
            kinds |= numberKinds(v);
            if (kinds != 0) {
                return kinds;
            }
        }
        if ((candidates & TEMPORAL) != 0) {
            kinds |= Temporal.kinds(v);
        }
        return kinds;
    }

    private static boolean isBoolean(String v) {
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }

    private int numberKinds(String v) {
        int i = 0;
        int len = v.length();
        char c = v.charAt(0);
        if (c == '-' || c == '+') {
            i++;
        }
        int intStart = i;
        while (i < len && isDigit(v.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        // "007" is an identifier or a zip code, not the number 7: keep it text
        if (intDigits > 1 && v.charAt(intStart) == '0') {
            return 0;
        }
        if (i == len) {
            if (intDigits == 0) {
                return 0;
            }
            recordDecimal(intDigits, 0);
            return (intDigits <= 18 || fitsLong(v) ? INT : 0) | DECIMAL | FLOAT;
        }
        int scale = 0;
        boolean decimalOk = true;
        if (v.charAt(i) == '.') {
            i++;
            int fracStart = i;
            while (i < len && isDigit(v.charAt(i))) {
                i++;
            }
            scale = i - fracStart;
            if (intDigits == 0 && scale == 0) {
                return 0;
            }
        } else if (intDigits == 0) {
            return isSpecialFloat(v) ? FLOAT : 0;
        }
        if (i < len && (v.charAt(i) == 'e' || v.charAt(i) == 'E')) {
            decimalOk = false;
            i++;
            if (i < len && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
                i++;
            }
            int expStart = i;
            while (i < len && isDigit(v.charAt(i))) {
                i++;
            }
            if (i == expStart) {
                return 0;
            }
        }
        if (i != len) {
            return 0;
        }
        if (decimalOk) {
            recordDecimal(intDigits, scale);
            return DECIMAL | FLOAT;
        }
        return FLOAT;
    }

    private static boolean isSpecialFloat(String v) {
        String s = v.charAt(0) == '-' || v.charAt(0) == '+' ? v.substring(1) : v;
        return s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("infinity") || s.equalsIgnoreCase("nan");
    }

    private static boolean fitsLong(String v) {
        try {
            Long.parseLong(v.charAt(0) == '+' ? v.substring(1) : v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void recordDecimal(int intDigits, int scale) {
        maxIntDigits = Math.max(maxIntDigits, intDigits);
        maxScale = Math.max(maxScale, scale);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The kind chosen for the column: the most specific candidate left, or 0 for string. */
    int kind() {
        if (nonNull == 0) {
            return 0;
        }
        int c = candidates;
        if ((c & DECIMAL) != 0 && (c & INT) == 0) {
            int precision = Math.max(1, maxIntDigits + maxScale);
            if (precision > MAX_DECIMAL_PRECISION || maxScale > MAX_DECIMAL_SCALE) {
                c &= ~DECIMAL;
            }
        }
        for (int k : new int[] {BOOL, INT, DECIMAL, FLOAT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ}) {
            if ((c & k) != 0) {
                return k;
            }
        }
        return 0;
    }

    static final int MIN_PRECISION = 18;

    DataType type() {
        return switch (kind()) {
            case BOOL -> Primitive.BOOLEAN;
            case INT -> Primitive.INT64;
            // At least 18 digits: a sample's widest value is no bound on the next file's, and a
            // precision that follows the sample would turn growth into a breaking schema change.
            case DECIMAL -> new DataType.Decimal(Math.max(MIN_PRECISION, maxIntDigits + maxScale), maxScale);
            case FLOAT -> Primitive.FLOAT64;
            case DATE -> Primitive.DATE;
            case TIME -> new DataType.Time(TimeUnit.MICROS);
            case TIMESTAMP -> new DataType.Timestamp(TimeUnit.MICROS, false);
            case TIMESTAMPTZ -> new DataType.Timestamp(TimeUnit.MICROS, true);
            default -> Primitive.STRING;
        };
    }

    /** The CSV type name, kept as the field's native type. */
    String nativeType() {
        return switch (kind()) {
            case BOOL -> "boolean";
            case INT -> "integer";
            case DECIMAL -> "decimal";
            case FLOAT -> "float";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            default -> "string";
        };
    }
}
