package io.lumos.cli.output;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.util.Locale;

/** The output format of read commands. */
public enum Format {
    TABLE,
    JSON;

    public static Format parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LumosException(ErrorCode.USAGE, "unknown format '" + text + "'; use table or json");
        }
    }
}
