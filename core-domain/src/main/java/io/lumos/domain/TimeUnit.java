package io.lumos.domain;

/** The precision of a time or timestamp type, printed as in the type strings: ms, us, ns. */
public enum TimeUnit {
    MILLIS("ms"),
    MICROS("us"),
    NANOS("ns");

    private final String symbol;

    TimeUnit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public static TimeUnit fromSymbol(String symbol) {
        for (TimeUnit unit : values()) {
            if (unit.symbol.equals(symbol)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("unknown time unit '" + symbol + "' (expected ms, us or ns)");
    }
}
