package io.lumos.spi.report;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds the report writers on a class loader, by format. */
public final class DiffReportWriters {
    private final Map<String, DiffReportWriter> byFormat;

    private DiffReportWriters(Map<String, DiffReportWriter> byFormat) {
        this.byFormat = byFormat;
    }

    public static DiffReportWriters load(ClassLoader loader) {
        Map<String, DiffReportWriter> out = new TreeMap<>();
        for (DiffReportWriter w : ServiceLoader.load(DiffReportWriter.class, loader)) {
            out.putIfAbsent(w.format(), w);
        }
        return new DiffReportWriters(out);
    }

    public Map<String, DiffReportWriter> all() {
        return java.util.Collections.unmodifiableMap(byFormat);
    }

    /** The writer for {@code -f FORMAT}, or a usage error listing the known formats. */
    public DiffReportWriter get(String format) {
        DiffReportWriter w = byFormat.get(format);
        if (w == null) {
            throw new LumosException(
                    ErrorCode.USAGE,
                    "unknown report format '" + format + "'; use one of " + String.join(", ", byFormat.keySet()));
        }
        return w;
    }
}
