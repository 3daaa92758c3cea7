package io.lumos.source.files;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.lumos.domain.Field;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.SeekableInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV files: dialect and encoding sniffed from the first bytes, column types inferred from a bounded
 * sample of rows, parsed with FastCSV. With a full scan the whole file is streamed once more for
 * the exact row count and nullability.
 *
 * <p>Options (from the source settings): {@code delimiter}, {@code quote}, {@code encoding},
 * {@code header} (true/false), {@code null_values} (comma-separated), {@code duplicate_header}
 * ({@code error}, the default, or {@code rename} to {@code x, x2, x3} as DataHub does),
 * {@code max_record_bytes} (default 4 MiB), {@code full_scan_types} (default false; true makes a full
 * scan also check every value against the sampled types and widen them, at about 2/3 of the speed).
 */
public class CsvFormatReader implements FileFormatReader {
    static final Set<String> DEFAULT_NULLS = Set.of("", "NULL", "null", "NA", "N/A", "n/a");
    static final int DEFAULT_MAX_RECORD = 4 << 20;
    private static final int FIRST_READ = 1 << 20;
    private static final int SNIFF_CHARS = 1 << 16;

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public List<String> extensions() {
        return List.of(".csv", ".csv.gz");
    }

    @Override
    public String description() {
        return "CSV files: dialect sniffing, type inference over a sample, exact counts with full_scan";
    }

    /** Columns united by name; conflicting types widen, and fall back to string. */
    @Override
    public FileSchema merge(List<FileSchema> schemas) {
        return FileSchemas.merge(schemas, true);
    }

    /** The delimiter when none is configured and sniffing finds none. */
    protected char defaultDelimiter() {
        return ',';
    }

    /** Whether to guess the delimiter (TSV files are tab-separated by definition). */
    protected boolean sniffDelimiter() {
        return true;
    }

    @Override
    public FileSchema read(SeekableInput input, FileReadOptions options) throws IOException {
        CsvSettings cfg = new CsvSettings(options);
        long fileLength = input.length();
        if (fileLength == 0) {
            throw empty();
        }
        int maxSample = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(1024, options.maxSampleBytes()));
        // small files are read whole in one go; the +1 lets the sample see the end of the file
        int first = (int) Math.min(
                Math.min(maxSample, FIRST_READ), TextSample.isGzip(input.name()) ? FIRST_READ : fileLength + 1);
        TextSample sample = TextSample.open(input, first);
        try {
            if (sample.length() == 0) {
                throw empty();
            }
            TextSample.Encoding enc = sample.encoding(cfg.encoding);
            String head = new String(
                    sample.bytes(),
                    enc.bomLength(),
                    Math.min(sample.length() - enc.bomLength(), SNIFF_CHARS * 2),
                    enc.charset());
            if (head.isBlank() && sample.complete()) {
                throw empty();
            }
            String delimiter =
                    cfg.delimiter != null ? cfg.delimiter : sniffDelimiter() ? null : "" + defaultDelimiter();
            boolean headIsWhole = sample.complete() && sample.length() - enc.bomLength() <= SNIFF_CHARS * 2;
            CsvSniffer.Dialect dialect = CsvSniffer.sniff(head, headIsWhole, delimiter, defaultDelimiter());
            if (cfg.quote != 0) {
                dialect = new CsvSniffer.Dialect(
                        dialect.delimiter(), cfg.quote, dialect.escape(), dialect.comment(), dialect.skipLines());
            }
            Sampled s;
            while (true) {
                s = sampleRows(sample, enc, dialect, cfg, options.sampleRows());
                if (s.rows.size() > options.sampleRows() || sample.complete() || sample.length() >= maxSample) {
                    break;
                }
                sample.growTo((int) Math.min(maxSample, (long) sample.length() * 4));
            }
            if (!sample.complete() && sample.length() >= maxSample) {
                unfinishedRecord(sample, enc, cfg, s, maxSample, options.fullScan());
            }
            return infer(input, fileLength, sample, enc, dialect, cfg, options, s);
        } finally {
            sample.close();
        }
    }

    private LumosException empty() {
        return new LumosException(
                ErrorCode.BAD_INPUT, "the file is empty; there is no header or row to read a schema from");
    }

    /** The sampled records and how many records the prefix held. */
    private record Sampled(List<String[]> rows, long recordsInPrefix, int cutBytes) {}

    private Sampled sampleRows(
            TextSample sample, TextSample.Encoding enc, CsvSniffer.Dialect d, CsvSettings cfg, int sampleRows)
            throws IOException {
        int bom = enc.bomLength();
        int cut = sample.complete() ? sample.length() : lastLineEnd(sample, enc.charset());
        if (cut <= bom) {
            if (sample.length() >= cfg.maxRecord) {
                throw new LumosException(
                        ErrorCode.BAD_INPUT,
                        "line 1 is longer than %s (max_record_bytes); check it is really CSV, or raise max_record_bytes"
                                .formatted(mib(cfg.maxRecord)));
            }
            cut = sample.length();
        }
        List<String[]> rows = new ArrayList<>();
        long records = 0;
        Reader reader = decoder(new ByteArrayInputStream(sample.bytes(), bom, cut - bom), enc.charset(), d);
        try (CsvReader<CsvRecord> csv = builder(d, cfg).ofCsvRecord(reader)) {
            if (d.skipLines() > 0) {
                csv.skipLines(d.skipLines());
            }
            for (CsvRecord r : csv) {
                records++;
                if (rows.size() <= sampleRows) {
                    rows.add(r.getFields().toArray(String[]::new));
                }
            }
        } catch (CsvParseException | UncheckedIOException e) {
            throw parseError(e, cfg);
        }
        if (!sample.complete() && records > 0 && rows.size() == records && rows.size() > 1) {
            // the last record of a cut prefix may be cut too
            rows.remove(rows.size() - 1);
            records--;
        }
        return new Sampled(rows, records, cut);
    }

    /**
     * A full sample whose records stop before its end: the bytes after the last line end are a
     * record whose end the sample never saw. Longer than max_record_bytes, it fails as a shorter
     * too-long record does in the parser; otherwise the sample cannot tell what the record holds.
     */
    private static void unfinishedRecord(
            TextSample sample, TextSample.Encoding enc, CsvSettings cfg, Sampled s, int maxSample, boolean fullScan) {
        long tail = (long) sample.length() - s.cutBytes();
        // a full scan reads every record after the sample, and fails on a long one there
        boolean onlyHeader = s.recordsInPrefix() <= 1 && !fullScan;
        if (tail < cfg.maxRecord && !(onlyHeader && tail > 0)) {
            return;
        }
        long line = linesBefore(sample, enc.charset(), s.cutBytes()) + 1;
        if (tail >= cfg.maxRecord) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    "line %d: a record is longer than %s (max_record_bytes); check it is really CSV, or raise max_record_bytes"
                            .formatted(line, mib(cfg.maxRecord)));
        }
        throw new LumosException(
                ErrorCode.BAD_INPUT,
                ("line %d: the record does not end within the first %s (max_sample_bytes); check it is really CSV"
                                + " (an open quote?), or raise max_sample_bytes")
                        .formatted(line, mib(maxSample)));
    }

    private static long linesBefore(TextSample sample, Charset cs, int end) {
        byte[] b = sample.bytes();
        boolean le = cs.equals(StandardCharsets.UTF_16LE);
        boolean be = cs.equals(StandardCharsets.UTF_16BE) || cs.equals(StandardCharsets.UTF_16);
        long lines = 0;
        for (int i = 0; i < end; i++) {
            if (b[i] == '\n'
                    && (le ? (i & 1) == 0 && i + 1 < end && b[i + 1] == 0 : !be || ((i & 1) == 1 && b[i - 1] == 0))) {
                lines++;
            }
        }
        return lines;
    }

    private static int lastLineEnd(TextSample sample, Charset cs) {
        byte[] b = sample.bytes();
        if (cs.equals(StandardCharsets.UTF_16LE)) {
            for (int i = sample.length() - 2; i >= 0; i--) {
                if (b[i] == '\n' && b[i + 1] == 0 && (i & 1) == 0) {
                    return i + 2;
                }
            }
            return 0;
        }
        if (cs.equals(StandardCharsets.UTF_16BE) || cs.equals(StandardCharsets.UTF_16)) {
            for (int i = sample.length() - 1; i >= 1; i--) {
                if (b[i] == '\n' && b[i - 1] == 0 && (i & 1) == 1) {
                    return i + 1;
                }
            }
            return 0;
        }
        for (int i = sample.length() - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    static Reader decoder(InputStream in, Charset cs, CsvSniffer.Dialect d) {
        Reader r = new InputStreamReader(in, cs);
        return d.escape() == '\\' ? new BackslashEscapeReader(r, d.quote()) : r;
    }

    private static CsvReader.CsvReaderBuilder builder(CsvSniffer.Dialect d, CsvSettings cfg) {
        return CsvReader.builder()
                .fieldSeparator(d.delimiter())
                .quoteCharacter(d.quote())
                .commentStrategy(d.comment() != 0 ? CommentStrategy.SKIP : CommentStrategy.NONE)
                .commentCharacter(d.comment() != 0 ? d.comment() : '#')
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowExtraCharsAfterClosingQuote(true)
                .detectBomHeader(false)
                .maxBufferSize(cfg.maxRecord);
    }

    private static LumosException parseError(RuntimeException e, CsvSettings cfg) {
        String where = e.getMessage() == null ? "" : e.getMessage();
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (why.contains("buffer size")) {
            why = "a record is longer than %s (max_record_bytes); check it is really CSV, or raise max_record_bytes"
                    .formatted(mib(cfg.maxRecord));
        }
        String line = where.replaceFirst("(?s).*?line (\\d+).*", "$1");
        String prefix = line.equals(where) ? "" : "line " + line + ": ";
        return new LumosException(ErrorCode.BAD_INPUT, prefix + why, e);
    }

    static String mib(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    private FileSchema infer(
            SeekableInput input,
            long fileLength,
            TextSample sample,
            TextSample.Encoding enc,
            CsvSniffer.Dialect d,
            CsvSettings cfg,
            FileReadOptions options,
            Sampled s)
            throws IOException {
        List<String[]> rows = s.rows();
        if (rows.isEmpty()) {
            if (!sample.complete()) {
                throw new LumosException(
                        ErrorCode.BAD_INPUT,
                        "no complete record in the first %s (max_sample_bytes); check it is really CSV (an open quote?)"
                                .formatted(mib(sample.length())));
            }
            throw empty();
        }
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, r.length);
        }
        ColumnProfile[] body = profile(rows, 1, width, cfg);
        boolean header = cfg.header != null ? cfg.header : looksLikeHeader(rows, body);
        if (!header) {
            body = profile(rows, 0, width, cfg);
        }
        if (header && width == rows.get(0).length + 1 && lastColumnEmpty(rows, width)) {
            // every row ends with a delimiter the header does not have: an artefact, not a column
            width--;
            body = Arrays.copyOf(body, width);
        }
        List<String> warnings = new ArrayList<>();
        if (enc.note() != null) {
            warnings.add(enc.note());
        }
        String[] names = names(header ? rows.get(0) : new String[0], width, cfg, warnings);
        int headerRows = header ? 1 : 0;
        long sampledRows = Math.max(0, rows.size() - headerRows);

        Long rowCount;
        boolean exact;
        boolean[] nulls = new boolean[width];
        for (int i = 0; i < width; i++) {
            nulls[i] = body[i].nulls() > 0 || body[i].nonNull() == 0;
        }
        if (options.fullScan()) {
            FullScan scan = fullScan(input, enc, d, cfg, width, header, body);
            rowCount = scan.records;
            exact = true;
            for (int i = 0; i < width; i++) {
                nulls[i] = scan.hasNull[i] || scan.records == 0;
            }
        } else if (sample.complete()) {
            // the whole file was in the prefix: the count is exact (nullability is the sample's)
            rowCount = Math.max(0, s.recordsInPrefix() - headerRows);
            exact = true;
        } else {
            long bodyRecords = Math.max(0, s.recordsInPrefix() - headerRows);
            double rawPerPrefixByte = sample.gzip() ? (double) sample.rawBytesRead() / sample.length() : 1.0;
            double rawBytesOfRecords = Math.max(1, (s.cutBytes() - enc.bomLength()) * rawPerPrefixByte);
            rowCount = Math.round(bodyRecords * (fileLength / rawBytesOfRecords));
            exact = false;
        }

        List<Field> fields = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            ColumnProfile p = body[i];
            fields.add(Field.builder(names[i], p.type())
                    .nullable(nulls[i])
                    .nativeType(p.nativeType())
                    .build());
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("format", name());
        props.put("delimiter", printable(d.delimiter()));
        props.put("quote", String.valueOf(d.quote()));
        if (d.escape() != 0) {
            props.put("escape", String.valueOf(d.escape()));
        }
        props.put("header", String.valueOf(header));
        props.put("encoding", enc.charset().name() + (enc.bomLength() > 0 ? " (BOM)" : ""));
        if (d.skipLines() > 0) {
            props.put("skip_lines", String.valueOf(d.skipLines()));
        }
        if (d.comment() != 0) {
            props.put("comment", String.valueOf(d.comment()));
        }
        if (sample.gzip()) {
            props.put("compression", "gzip");
        }
        props.put("sample_rows", String.valueOf(Math.min(sampledRows, options.sampleRows())));
        if (!warnings.isEmpty()) {
            props.put(FileSchemas.WARNINGS, String.join("; ", warnings));
        }
        return new FileSchema(fields, rowCount, exact, props, null);
    }

    private static String printable(String delimiter) {
        return delimiter.equals("\t") ? "\\t" : delimiter;
    }

    private static ColumnProfile[] profile(List<String[]> rows, int from, int width, CsvSettings cfg) {
        ColumnProfile[] profiles = new ColumnProfile[width];
        for (int i = 0; i < width; i++) {
            profiles[i] = new ColumnProfile();
        }
        for (int r = from; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < width; i++) {
                String v = i < row.length ? row[i].strip() : null;
                if (v == null || cfg.nulls.contains(v)) {
                    profiles[i].acceptNull();
                } else {
                    profiles[i].accept(v);
                }
            }
        }
        return profiles;
    }

    /**
     * A first row is a header when one of its cells does not fit the type the rows below it agree
     * on (a word above numbers), or when it is all blank. When every column is text it cannot be
     * told, and it is taken as a header, as most files have one.
     */
    /** True when no row below the first has a value in column {@code width} (1-based). */
    private static boolean lastColumnEmpty(List<String[]> rows, int width) {
        for (int i = 1; i < rows.size(); i++) {
            String[] r = rows.get(i);
            if (r.length >= width && r[width - 1] != null && !r[width - 1].isEmpty()) {
                return false;
            }
        }
        return rows.size() > 1;
    }

    private static boolean looksLikeHeader(List<String[]> rows, ColumnProfile[] body) {
        String[] first = rows.get(0);
        boolean allBlank = true;
        boolean allTyped = true;
        for (String cell : first) {
            String v = cell.strip();
            allBlank &= v.isEmpty();
            allTyped &= v.isEmpty() || new ColumnProfile().kindsOf(v) != 0;
        }
        if (rows.size() == 1) {
            // a lone row of numbers or dates is data; a lone row of words is a header
            return !allTyped || allBlank;
        }
        if (allBlank) {
            return true;
        }
        boolean typed = false;
        for (int i = 0; i < body.length; i++) {
            int kind = body[i].kind();
            if (kind == 0) {
                continue;
            }
            typed = true;
            String v = i < first.length ? first[i].strip() : "";
            if (v.isEmpty()) {
                continue;
            }
            if ((new ColumnProfile().kindsOf(v) & kind) == 0) {
                return true;
            }
        }
        return !typed;
    }

    private static String[] names(String[] header, int width, CsvSettings cfg, List<String> warnings) {
        String[] names = new String[width];
        Map<String, Integer> seen = new HashMap<>();
        Map<String, List<Integer>> duplicates = new LinkedHashMap<>();
        for (int i = 0; i < width; i++) {
            String n = i < header.length ? header[i].strip() : "";
            if (n.isEmpty()) {
                n = "column" + (i + 1);
            }
            int count = seen.merge(n, 1, Integer::sum);
            if (count > 1) {
                duplicates.computeIfAbsent(n, k -> new ArrayList<>()).add(i + 1);
            }
            names[i] = n;
        }
        if (!duplicates.isEmpty()) {
            StringBuilder what = new StringBuilder();
            duplicates.forEach((n, cols) -> what.append(what.length() == 0 ? "" : ", ")
                    .append('\'')
                    .append(n)
                    .append("' (again in column ")
                    .append(cols.size() == 1 ? cols.get(0) : cols.toString())
                    .append(')'));
            if (!cfg.renameDuplicates) {
                throw new LumosException(
                        ErrorCode.BAD_INPUT,
                        "line 1: the header repeats column names: " + what
                                + "; rename them, or set duplicate_header: rename to call them x, x2, x3");
            }
            // DataHub's rule: the n-th occurrence of x is xn, skipping names already taken
            Map<String, Integer> next = new HashMap<>();
            java.util.Set<String> taken = new java.util.HashSet<>(Arrays.asList(names));
            java.util.Set<String> used = new java.util.HashSet<>();
            for (int i = 0; i < width; i++) {
                String n = names[i];
                if (used.add(n)) {
                    continue;
                }
                int k = next.getOrDefault(n, 1);
                String candidate;
                do {
                    k++;
                    candidate = n + k;
                } while (taken.contains(candidate) || used.contains(candidate));
                next.put(n, k);
                names[i] = candidate;
                used.add(candidate);
            }
            warnings.add("header repeats column names " + what + "; renamed like x, x2, x3");
        }
        return names;
    }

    /** Exact counts: streams the whole file through FastCSV without building strings. */
    // one scan's result, read once: never compared nor hashed
    @SuppressWarnings("ArrayRecordComponent")
    private record FullScan(long records, boolean[] hasNull) {}

    private FullScan fullScan(
            SeekableInput input,
            TextSample.Encoding enc,
            CsvSniffer.Dialect d,
            CsvSettings cfg,
            int width,
            boolean header,
            ColumnProfile[] profiles)
            throws IOException {
        CsvNullTracker tracker = new CsvNullTracker(width, cfg.nulls, header);
        try (InputStream in = TextSample.openStream(input)) {
            long skipped = in.skip(enc.bomLength());
            if (skipped != enc.bomLength()) {
                throw new LumosException(ErrorCode.BAD_INPUT, "the file ended inside its byte order mark");
            }
            if (ByteScanner.supports(enc.charset(), d)) {
                // the common case: count straight from the bytes, several times faster than decoding
                ByteScanner scanner = new ByteScanner(
                        d.delimiter().charAt(0),
                        d.quote(),
                        d.comment(),
                        d.skipLines(),
                        header,
                        width,
                        cfg.nulls,
                        cfg.maxRecord,
                        cfg.fullScanTypes ? profiles : null);
                scanner.scan(in);
                return new FullScan(scanner.records, scanner.hasNull);
            }
            try (CsvReader<Object> csv = builder(d, cfg).build(tracker, decoder(in, enc.charset(), d))) {
                if (d.skipLines() > 0) {
                    csv.skipLines(d.skipLines());
                }
                for (Object ignored : csv) {
                    // the tracker returns no records: it counts as FastCSV parses
                }
            } catch (CsvParseException | UncheckedIOException e) {
                throw parseError(e, cfg);
            }
        }
        return new FullScan(tracker.records, tracker.hasNull);
    }
}
