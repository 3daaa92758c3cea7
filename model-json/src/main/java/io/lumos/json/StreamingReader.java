package io.lumos.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lumos.domain.ChangeType;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.domain.SemVer;
import io.lumos.domain.Statistics;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

// Why one class: it is one recursive-descent reader over one parser. Every method shares the
// parser, the position recorder and the errors held until a value ends; split into classes, each
// would take all three on every call, and the order the errors come out in (the contract below)
// would be spread over several files.
/**
 * The one decoder of the model's JSON: reads datasets, fields, lineage edges and versions straight
 * from a {@link JsonParser}, without building a tree, and records where each dataset id and field
 * path is ({@code line:column}) when asked to. {@link ModelJson#readSnapshot} is this reader
 * collecting a whole file; {@link ModelJson#readDataset} one dataset.
 *
 * <p>Its semantics are those of the tree conversion the model's JSON was first read with (kept as
 * the reference in the tests' {@code TreeSnapshotReader}): a value of another shape than expected
 * reads as the tree iterated it (an object's values where an array was expected, nothing for a
 * scalar) or, for an object expected, as one whose keys are all missing. Scalar values are kept as a
 * {@code String} (the common case, a JSON string) or as the {@link JsonNode} the tree would hold
 * (anything else, rare), and are converted with Jackson's own node methods, so odd inputs (numbers
 * where text is expected, nulls, objects) behave as before. Conversions that can fail run in the
 * order the tree code ran them, and errors inside a value are held until the value ends, so a
 * document with several problems reports the same one as before (JSON syntax errors first).
 */
final class StreamingReader {
    private final JsonParser p;
    private final Map<String, DataType> types;
    private final Map<String, DatasetId> ids;
    private final int typeCacheLimit;

    /** Where dataset ids and field paths are, when the caller wants them; null otherwise. */
    SnapshotLineRecorder lines;

    StreamingReader(JsonParser p, Map<String, DataType> types, int typeCacheLimit) {
        this.p = p;
        this.types = types;
        this.typeCacheLimit = typeCacheLimit;
        this.ids = new HashMap<>();
    }

    /** Parses (and shares) a dataset URN: lineage and versions name the same datasets many times. */
    DatasetId id(String text) {
        DatasetId id = ids.get(text);
        if (id == null) {
            id = DatasetId.parse(text, "PROD");
            ids.put(text, id);
        }
        return id;
    }

    /** Type strings repeat across fields; DataType values are immutable, so one parse serves all. */
    private DataType type(String text) {
        DataType t = types.get(text);
        if (t == null) {
            t = DataTypes.parse(text);
            if (types.size() < typeCacheLimit) {
                types.put(text, t);
            }
        }
        return t;
    }

    // ------------------------------------------------------------ values

    /** The value at the current token: a String for a JSON string, else the node a tree would hold. */
    Object value() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        return tree();
    }

    /** The current value as the tree reader would have built it. */
    JsonNode tree() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return TextNode.valueOf(p.getText());
        }
        if (t == JsonToken.VALUE_NULL) {
            return NullNode.getInstance();
        }
        if (t == JsonToken.VALUE_TRUE) {
            return BooleanNode.TRUE;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return BooleanNode.FALSE;
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType nt = p.getNumberType();
            if (nt == JsonParser.NumberType.INT) {
                return IntNode.valueOf(p.getIntValue());
            }
            if (nt == JsonParser.NumberType.LONG) {
                return LongNode.valueOf(p.getLongValue());
            }
        }
        JsonNode n = ModelJson.mapper().readTree(p);
        return n == null ? NullNode.getInstance() : n;
    }

    /** {@code n.path(name)}: a missing key is a MissingNode. */
    static JsonNode node(Object v) {
        if (v == null) {
            return MissingNode.getInstance();
        }
        return v instanceof String s ? TextNode.valueOf(s) : (JsonNode) v;
    }

    /** {@code text(n, name)}: null when missing or null. */
    static String text(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        JsonNode n = (JsonNode) v;
        return n.isNull() ? null : n.asText();
    }

    /** {@code n.path(name).asText()}. */
    static String asText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        return node(v).asText();
    }

    /** {@code n.path(name).asText(def)}. */
    static String asText(Object v, String def) {
        if (v instanceof String s) {
            return s;
        }
        return node(v).asText(def);
    }

    /** {@code n.hasNonNull(name)}. */
    static boolean nonNull(Object v) {
        return v != null && !(v instanceof JsonNode n && n.isNull());
    }

    private JsonToken nextValue() throws IOException {
        p.nextToken(); // the field name's value
        return p.currentToken();
    }

    /** Code run on each element of a list-like value, the parser at the element's first token. */
    private interface Element {
        void read() throws IOException;
    }

    /**
     * Runs {@code element} on each element of the current value as the tree iterated it: an array's
     * elements, an object's values, nothing for a scalar or null.
     */
    private void each(Element element) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                element.read();
            }
        } else if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                p.nextToken();
                element.read();
            }
        }
    }

    /**
     * Whether the current value is an object whose keys follow; anything else is skipped and reads as
     * an object with every key missing, as the tree's {@code path(name)} did on it.
     */
    private boolean object() throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        p.skipChildren();
        return false;
    }

    /** The keys of the current object, or none when it is not one (see {@link #object()}). */
    private boolean nextKey(boolean object) throws IOException {
        return object && p.nextToken() == JsonToken.FIELD_NAME;
    }

    /** Skips to where {@code ctx} is current again, after a conversion failed inside a value. */
    private void drainTo(JsonStreamContext ctx) throws IOException {
        while (p.getParsingContext() != ctx) {
            if (p.nextToken() == null) {
                return;
            }
        }
    }

    // ------------------------------------------------------------ lists and maps

    List<String> strings() throws IOException {
        List<String> out = new ArrayList<>();
        each(() -> out.add(p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : tree().asText()));
        return out.isEmpty() ? List.of() : out;
    }

    Map<String, String> map() throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                out.put(k, p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : tree().asText());
            }
        } else {
            p.skipChildren(); // the tree's fields() of anything but an object: none
        }
        return out;
    }

    // ------------------------------------------------------------ fields

    List<Field> fields() throws IOException {
        List<Field> out = new ArrayList<>();
        each(() -> out.add(field()));
        return out.isEmpty() ? List.of() : out;
    }

    /** A field; the parser is at its first token and is left at its last. */
    Field field() throws IOException {
        Object name = null;
        Object type = null;
        Object path = null;
        Object nullable = null;
        Object nativeType = null;
        Object description = null;
        Object primaryKey = null;
        Object partitionKey = null;
        Object defaultValue = null;
        Object identity = null;
        List<String> tags = List.of();
        Map<String, String> properties = Map.of();
        List<Field> children = List.of();
        int pathLine = 0;
        int pathColumn = 0;
        boolean object = object();
        while (nextKey(object)) {
            String k = p.currentName();
            if (lines != null && k.equals("path")) {
                JsonLocation at = p.currentTokenLocation();
                pathLine = at.getLineNr();
                pathColumn = at.getColumnNr();
            }
            nextValue();
            switch (k) {
                case "name" -> name = value();
                case "path" -> path = value();
                case "type" -> type = value();
                case "nullable" -> nullable = value();
                case "nativeType" -> nativeType = value();
                case "description" -> description = value();
                case "tags" -> tags = strings();
                case "primaryKey" -> primaryKey = value();
                case "partitionKey" -> partitionKey = value();
                case "default" -> defaultValue = value();
                case "identity" -> identity = value();
                case "properties" -> properties = map();
                case "fields" -> children = fields();
                default -> p.skipChildren();
            }
        }
        // As the tree code: children first (above), then name and type, then the builder.
        String fieldName = asText(name);
        String fieldPath = text(path);
        if (fieldName.equals(fieldPath)) {
            fieldPath = fieldName; // top-level paths repeat the name: keep one string, not two
        }
        if (lines != null) {
            lines.field(fieldPath, pathLine, pathColumn);
        }
        return Field.builder(fieldName, type(asText(type, "unknown")))
                .path(fieldPath)
                .nullable(bool(nullable, true))
                .nativeType(text(nativeType))
                .description(text(description))
                .tags(tags)
                .primaryKey(bool(primaryKey, false))
                .partitionKey(bool(partitionKey, false))
                .defaultValue(text(defaultValue))
                .identity(text(identity))
                .properties(properties)
                .fields(children)
                .build();
    }

    private static boolean bool(Object v, boolean def) {
        if (v instanceof BooleanNode b) {
            return b.booleanValue();
        }
        return node(v).asBoolean(def);
    }

    // ------------------------------------------------------------ datasets

    /** A dataset; the parser is at its first token and is left at its last. */
    Dataset dataset() throws IOException {
        JsonStreamContext ctx = p.getParsingContext();
        Object id = null;
        Object platform = null;
        Object name = null;
        Object env = null;
        Object description = null;
        Object subtype = null;
        Object domain = null;
        Object status = null;
        Object rowCount = null;
        Object sizeBytes = null;
        Object lastModified = null;
        Object location = null;
        Object version = null;
        List<Field> fields = List.of();
        RuntimeException fieldsError = null;
        List<Owner> owners = List.of();
        RuntimeException ownersError = null;
        List<String> tags = List.of();
        List<String> glossaryTerms = List.of();
        Map<String, String> properties = Map.of();
        int idLine = 0;
        int idColumn = 0;
        if (lines != null) {
            lines.beginDataset();
        }
        boolean object = object();
        while (nextKey(object)) {
            String k = p.currentName();
            if (lines != null && k.equals("id")) {
                JsonLocation at = p.currentTokenLocation();
                idLine = at.getLineNr();
                idColumn = at.getColumnNr();
            }
            nextValue();
            switch (k) {
                case "id" -> id = value();
                case "platform" -> platform = value();
                case "name" -> name = value();
                case "env" -> env = value();
                case "subtype" -> subtype = value();
                case "description" -> description = value();
                case "rowCount" -> rowCount = value();
                case "sizeBytes" -> sizeBytes = value();
                case "lastModified" -> lastModified = value();
                case "location" -> location = value();
                case "status" -> status = value();
                case "domain" -> domain = value();
                case "tags" -> tags = strings();
                case "glossaryTerms" -> glossaryTerms = strings();
                case "properties" -> properties = map();
                case "version" -> version = p.currentToken() == JsonToken.VALUE_NULL ? null : rawVersion();
                case "fields" -> {
                    // The tree code converted the id before the fields: hold a field's error until then.
                    fieldsError = null;
                    try {
                        fields = fields();
                    } catch (RuntimeException e) {
                        fieldsError = e;
                        drainTo(ctx);
                    }
                }
                case "owners" -> {
                    ownersError = null;
                    try {
                        owners = owners();
                    } catch (RuntimeException e) {
                        ownersError = e;
                        drainTo(ctx);
                    }
                }
                default -> p.skipChildren();
            }
        }
        DatasetId datasetId =
                nonNull(id) ? id(asText(id)) : new DatasetId(asText(platform), asText(name), asText(env, "PROD"));
        if (lines != null) {
            lines.endDataset(datasetId, idLine, idColumn);
        }
        if (fieldsError != null) {
            throw fieldsError;
        }
        if (ownersError != null) {
            throw ownersError;
        }
        return Dataset.builder(datasetId)
                .description(text(description))
                .subtype(text(subtype))
                .fields(fields)
                .tags(tags)
                .glossaryTerms(glossaryTerms)
                .owners(owners)
                .domain(text(domain))
                .status(nonNull(status) ? DatasetStatus.parse(asText(status)) : null)
                .properties(properties)
                .statistics(new Statistics(
                        nonNull(rowCount) ? node(rowCount).asLong() : null,
                        nonNull(sizeBytes) ? node(sizeBytes).asLong() : null,
                        nonNull(lastModified) ? Instant.parse(asText(lastModified)) : null))
                .location(text(location))
                .version(version instanceof RawVersion r ? r.convert() : null)
                .build();
    }

    private List<Owner> owners() throws IOException {
        List<Owner> out = new ArrayList<>();
        each(() -> {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                out.add(new Owner(p.getText(), null));
                return;
            }
            Object id = null;
            Object type = null;
            boolean object = object();
            while (nextKey(object)) {
                String k = p.currentName();
                nextValue();
                switch (k) {
                    case "id" -> id = value();
                    case "type" -> type = value();
                    default -> p.skipChildren();
                }
            }
            out.add(new Owner(asText(id), text(type)));
        });
        return out.isEmpty() ? List.of() : out;
    }

    // ------------------------------------------------------------ versions

    /** A version object's values, converted later (after the keys the tree code converted first). */
    static final class RawVersion {
        Object dataset;
        Object cloudVersion;
        Object schemaVersion;
        Object timestamp;
        Object author;
        Object changeType;
        Object changeDetails;
        Object previousVersion;
        Object schemaFingerprint;

        DatasetVersion convert() {
            return new DatasetVersion(
                    asText(cloudVersion),
                    SemVer.parse(asText(schemaVersion, "1.0.0")),
                    Instant.parse(asText(timestamp)),
                    text(author),
                    ChangeType.parse(asText(changeType, "SCHEMA_CHANGE")),
                    text(changeDetails),
                    text(previousVersion),
                    text(schemaFingerprint));
        }
    }

    /** A version; the parser is at its first token and is left at its last. */
    RawVersion rawVersion() throws IOException {
        RawVersion v = new RawVersion();
        boolean object = object();
        while (nextKey(object)) {
            String k = p.currentName();
            nextValue();
            switch (k) {
                case "dataset" -> v.dataset = value();
                case "cloudVersion" -> v.cloudVersion = value();
                case "schemaVersion" -> v.schemaVersion = value();
                case "timestamp" -> v.timestamp = value();
                case "author" -> v.author = value();
                case "changeType" -> v.changeType = value();
                case "changeDetails" -> v.changeDetails = value();
                case "previousVersion" -> v.previousVersion = value();
                case "schemaFingerprint" -> v.schemaFingerprint = value();
                default -> p.skipChildren();
            }
        }
        return v;
    }

    // ------------------------------------------------------------ lineage

    /** An edge; the parser is at its first token and is left at its last. */
    LineageEdge edge() throws IOException {
        Object upstream = null;
        Object downstream = null;
        Object type = null;
        Object confidence = null;
        Object createdAt = null;
        Object createdBy = null;
        List<ColumnMapping> columns = List.of();
        boolean object = object();
        while (nextKey(object)) {
            String k = p.currentName();
            nextValue();
            switch (k) {
                case "upstream" -> upstream = value();
                case "downstream" -> downstream = value();
                case "type" -> type = value();
                case "confidence" -> confidence = value();
                case "createdAt" -> createdAt = value();
                case "createdBy" -> createdBy = value();
                case "columns" -> columns = columns();
                default -> p.skipChildren();
            }
        }
        return new LineageEdge(
                id(asText(upstream)),
                id(asText(downstream)),
                nonNull(type) ? LineageType.parse(asText(type)) : null,
                node(confidence).asDouble(1.0),
                nonNull(createdAt) ? Instant.parse(asText(createdAt)) : null,
                text(createdBy),
                columns);
    }

    private List<ColumnMapping> columns() throws IOException {
        List<ColumnMapping> out = new ArrayList<>();
        each(() -> {
            List<String> upstream = List.of();
            Object downstream = null;
            Object transformation = null;
            Object transformationType = null;
            Object transformationSubtype = null;
            boolean object = object();
            while (nextKey(object)) {
                String k = p.currentName();
                nextValue();
                switch (k) {
                    case "upstream" -> upstream = strings();
                    case "downstream" -> downstream = value();
                    case "transformation" -> transformation = value();
                    case "transformationType" -> transformationType = value();
                    case "transformationSubtype" -> transformationSubtype = value();
                    default -> p.skipChildren();
                }
            }
            out.add(new ColumnMapping(
                    upstream,
                    asText(downstream),
                    text(transformation),
                    text(transformationType),
                    text(transformationSubtype)));
        });
        return out.isEmpty() ? List.of() : out;
    }

    // ------------------------------------------------------------ snapshot sections

    /**
     * The elements of a top-level array into {@code out}; the first conversion error is returned (not
     * thrown) after skipping the rest of the array, as the tree code checked the whole document and
     * the format version before converting anything.
     */
    RuntimeException section(String key, Object out, JsonStreamContext root) throws IOException {
        try {
            each(() -> element(key, out));
            return null;
        } catch (RuntimeException e) {
            drainTo(root);
            return e;
        }
    }

    @SuppressWarnings("unchecked")
    private void element(String key, Object out) throws IOException {
        switch (key) {
            case "datasets" -> ((List<Dataset>) out).add(dataset());
            case "lineage" -> ((List<LineageEdge>) out).add(edge());
            default -> {
                RawVersion v = rawVersion();
                DatasetId id = id(asText(v.dataset));
                ((Map<DatasetId, List<DatasetVersion>>) out)
                        .computeIfAbsent(id, x -> new ArrayList<>())
                        .add(v.convert());
            }
        }
    }
}
