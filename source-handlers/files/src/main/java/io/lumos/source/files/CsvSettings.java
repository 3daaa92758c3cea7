package io.lumos.source.files;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.FileReadOptions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** The reader options this format understands, parsed once per read. */
final class CsvSettings {
    final String delimiter;
    final char quote;
    final String encoding;
    final Boolean header;
    final Set<String> nulls;
    final boolean renameDuplicates;
    final int maxRecord;
    final boolean fullScanTypes;

    CsvSettings(FileReadOptions o) {
        // off by default: counting alone keeps a full scan well above 200 MB/s
        fullScanTypes = o.option("full_scan_types", "false").strip().equalsIgnoreCase("true");
        String d = o.option("delimiter", null);
        if (d != null) {
            d = switch (d.toLowerCase(Locale.ROOT)) {
                case "\\t", "tab" -> "\t";
                default -> d;
            };
            if (d.isEmpty() || d.indexOf('\n') >= 0 || d.indexOf('\r') >= 0) {
                throw new LumosException(
                        ErrorCode.CONFIG_INVALID, "delimiter must be one or more characters other than a newline");
            }
        }
        delimiter = d;
        String q = o.option("quote", null);
        quote = q == null || q.isEmpty() ? 0 : q.charAt(0);
        encoding = o.option("encoding", null);
        String h = o.option("header", null);
        header = (h == null || h.isBlank() || h.equalsIgnoreCase("auto")) ? null : Boolean.parseBoolean(h.strip());
        String n = o.option("null_values", null);
        nulls = n == null ? CsvFormatReader.DEFAULT_NULLS : Set.copyOf(Arrays.asList(n.split(",", -1)));
        renameDuplicates = o.option("duplicate_header", "error").equalsIgnoreCase("rename");
        String max = o.option("max_record_bytes", null);
        int m = CsvFormatReader.DEFAULT_MAX_RECORD;
        if (max != null) {
            try {
                m = Integer.parseInt(max.strip());
            } catch (NumberFormatException e) {
                throw new LumosException(ErrorCode.CONFIG_INVALID, "max_record_bytes must be a whole number");
            }
        }
        maxRecord = Math.max(1024, m);
    }
}
