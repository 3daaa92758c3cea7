package io.lumos.source.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.lumos.domain.DataType;
import io.lumos.domain.Field;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.file.CountingInputStream;
import io.lumos.spi.file.FileFormatReader;
import io.lumos.spi.file.FileReadOptions;
import io.lumos.spi.file.FileSchema;
import io.lumos.spi.file.SeekableInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * JSON documents ({@code .json}: one object, an array of objects, or concatenated objects) with
 * Jackson's streaming parser. Each record is folded into a {@link JsonShape}; only the first
 * {@code sampleRows} records (or {@code maxSampleBytes}) are read unless a full scan is asked for.
 * Nested objects become structs, arrays become arrays, mixed kinds become unions.
 */
public class JsonFormatReader implements FileFormatReader {
    /** Jackson factories are thread-safe and costly to build: one per reader. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(500).build())
            .build();

    @Override
    public String name() {
        return "json";
    }

    @Override
    public List<String> extensions() {
        return List.of(".json", ".json.gz");
    }

    @Override
    public String description() {
        return "JSON documents: nested objects as structs, arrays, unions of mixed types";
    }

    /** Objects, arrays and unions merge member by member; conflicts become unions. */
    @Override
    public FileSchema merge(List<FileSchema> schemas) {
        return FileSchemas.merge(schemas, false);
    }

    @Override
    public FileSchema read(SeekableInput input, FileReadOptions options) throws IOException {
        long fileLength = input.length();
        if (fileLength == 0) {
            throw empty();
        }
        boolean gzip = TextSample.isGzip(input.name());
        // counts compressed bytes read, to extrapolate row counts of .gz files
        CountingInputStream raw = new CountingInputStream(input.stream(0));
        JsonShape root = new JsonShape();
        long records = 0;
        boolean stoppedEarly = false;
        String layout = null;
        long consumed;
        try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
                JsonParser p = FACTORY.createParser(in)) {
            JsonToken t;
            outer:
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    layout = layout == null ? "array" : "mixed";
                    JsonToken e;
                    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (e == null) {
                            throw new LumosException(ErrorCode.BAD_INPUT, "the file ends inside an array");
                        }
                        value(p, e, root);
                        records++;
                        if (stop(records, p, gzip, raw, options)) {
                            stoppedEarly = true;
                            break outer;
                        }
                    }
                } else {
                    layout = layout == null ? (t == JsonToken.START_OBJECT ? "object" : "value") : "lines";
                    value(p, t, root);
                    records++;
                    if (stop(records, p, gzip, raw, options)) {
                        stoppedEarly = p.nextToken() != null;
                        break;
                    }
                }
            }
            consumed = gzip ? raw.count() : p.currentLocation().getByteOffset();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line %d, column %d: ".formatted(at.getLineNr(), at.getColumnNr());
            String why = e.getOriginalMessage();
            int nl = why == null ? -1 : why.indexOf('\n');
            why = nl > 0 ? why.substring(0, nl) : why;
            throw new LumosException(
                    ErrorCode.BAD_INPUT, where + "malformed JSON (" + why + "); fix the file or exclude it", e);
        }
        if (records == 0) {
            throw layout == null
                    ? empty()
                    : new LumosException(
                            ErrorCode.BAD_INPUT,
                            "holds no records (an empty array); there is nothing to read a schema from");
        }
        List<Field> fields;
        if (root.objects > 0) {
            fields = root.fields(null);
        } else {
            // an array of plain values: one column of them
            DataType type = root.type();
            fields = List.of(Field.builder("value", type)
                    .nullable(root.nulls > 0)
                    .nativeType(root.nativeType())
                    .build());
        }
        Long rowCount = records;
        boolean exact = !stoppedEarly;
        if (stoppedEarly) {
            rowCount = consumed > 0 ? Math.round(records * ((double) fileLength / consumed)) : null;
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("format", name());
        props.put("layout", layout == null ? "lines" : layout);
        props.put("sample_rows", String.valueOf(records));
        if (gzip) {
            props.put("compression", "gzip");
        }
        long notObjects = root.seen - root.objects - root.nulls;
        if (root.objects > 0 && notObjects > 0) {
            props.put(
                    FileSchemas.WARNINGS,
                    notObjects + " of " + records + " records are not objects; their values are not in the schema");
        }
        return new FileSchema(fields, rowCount, exact && rowCount != null, props, null);
    }

    private static boolean stop(long records, JsonParser p, boolean gzip, CountingInputStream raw, FileReadOptions o) {
        if (o.fullScan()) {
            return false;
        }
        long bytes = gzip ? raw.count() : p.currentLocation().getByteOffset();
        return records >= o.sampleRows() || bytes >= o.maxSampleBytes();
    }

    /** Folds one value, starting at token {@code t}, into {@code shape}. */
    static void value(JsonParser p, JsonToken t, JsonShape shape) throws IOException {
        shape.seen++;
        switch (t) {
            case START_OBJECT -> {
                shape.objects++;
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonShape member = shape.member(name.isEmpty() ? "(empty)" : name);
                    value(p, p.nextToken(), member);
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new LumosException(ErrorCode.BAD_INPUT, "the file ends inside an object");
                }
            }
            case START_ARRAY -> {
                shape.arrays++;
                JsonShape element = shape.element();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new LumosException(ErrorCode.BAD_INPUT, "the file ends inside an array");
                    }
                    value(p, e, element);
                }
            }
            case VALUE_STRING -> {
                shape.strings++;
                shape.text.accept(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    shape.bigIntegers++;
                } else {
                    shape.integers++;
                }
            }
            case VALUE_NUMBER_FLOAT -> shape.floats++;
            case VALUE_TRUE, VALUE_FALSE -> shape.booleans++;
            case VALUE_NULL -> shape.nulls++;
            default -> {
                // embedded objects do not occur in text JSON
            }
        }
    }

    private static LumosException empty() {
        return new LumosException(
                ErrorCode.BAD_INPUT, "the file is empty; there is no JSON value to read a schema from");
    }
}
