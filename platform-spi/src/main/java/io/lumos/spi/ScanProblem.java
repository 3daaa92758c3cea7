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
        // A source's name or location may be the URL it was given, password and all.
        source = Redaction.redactText(source);
        location = Redaction.redactText(location);
        message = Redaction.redactText(message);
        code = code == null ? ErrorCode.BAD_INPUT : code;
    }

    public static ScanProblem of(String source, String location, LumosException e) {
        return new ScanProblem(source, location, e.getMessage(), e.code(), e);
    }

    @Override
    public String toString() {
        // a problem of a whole source has no location of its own: the source is named once
        // (and `scan /data/x.csv` names the source by the file it reads)
        boolean same =
                location.isEmpty() || (source != null && (location.equals(source) || source.endsWith("/" + location)));
        String where = same ? "" : location + ": ";
        return (source == null ? "" : source + ": ") + where + message;
    }
}
