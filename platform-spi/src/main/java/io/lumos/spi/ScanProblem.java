package io.lumos.spi;

import static java.util.Objects.requireNonNull;

/**
 * One item a scan could not read. Printed as one line: {@code source: location: message}.
 *
 * @param location the file, object, table or collection, with a line where it applies
 * @param message what is wrong and what to do
 */
public record ScanProblem(String source, String location, String message, ErrorCode code, Throwable cause) {
    public ScanProblem {
        requireNonNull(location, "location");
        requireNonNull(message, "message");
        code = code == null ? ErrorCode.BAD_INPUT : code;
    }

    public static ScanProblem of(String source, String location, LumosException e) {
        return new ScanProblem(source, location, e.getMessage(), e.code(), e);
    }

    @Override
    public String toString() {
        return (source == null ? "" : source + ": ") + location + ": " + message;
    }
}
