package io.lumos.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of the model, as users see it in {@code scan -f json}, {@code datasets get} and
 * snapshots. Keys are written in a fixed order and empty parts are left out, so the same model
 * always gives the same bytes.
 */
public final class ModelJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(5000)
                    .build())
            // Callers own their streams: closing a generator must not close System.out.
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** Built on first use: a plugin that only writes (reports, exports) never pays for databind. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    }

    private ModelJson() {}

    public static ObjectMapper mapper() {
        return Mapper.MAPPER;
    }

    // ---------------------------------------------------------------- writing

    public static JsonGenerator generator(Writer out, boolean pretty) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        if (pretty) {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            g.setPrettyPrinter(printer);
        }
        return g;
    }

    public static JsonGenerator generator(OutputStream out, boolean pretty) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        if (pretty) {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            g.setPrettyPrinter(printer);
        }
        return g;
    }

    public static String toJson(Dataset dataset) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = generator(out, false)) {
            writeDataset(g, dataset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code {"datasets":[...]}}, the output of scan and datasets get. */
    public static void writeDatasets(Writer out, List<Dataset> datasets, boolean pretty) throws IOException {
        try (JsonGenerator g = generator(out, pretty)) {
            g.writeStartObject();
            g.writeArrayFieldStart("datasets");
            for (Dataset d : datasets) {
                writeDataset(g, d);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    public static void writeDataset(JsonGenerator g, Dataset d) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", d.id().urn());
        g.writeStringField("platform", d.platform());
        g.writeStringField("name", d.name());
        g.writeStringField("env", d.id().env());
        g.writeStringField("subtype", d.subtype());
        optional(g, "description", d.description());
        if (d.statistics().rowCount() != null) {
            g.writeNumberField("rowCount", d.statistics().rowCount());
        }
        if (d.statistics().sizeBytes() != null) {
            g.writeNumberField("sizeBytes", d.statistics().sizeBytes());
        }
        if (d.statistics().lastModified() != null) {
            g.writeStringField("lastModified", d.statistics().lastModified().toString());
        }
        optional(g, "location", d.location());
        if (d.status() != DatasetStatus.ACTIVE) {
            g.writeStringField("status", d.status().label());
        }
        optional(g, "domain", d.domain());
        strings(g, "tags", d.tags());
        strings(g, "glossaryTerms", d.glossaryTerms());
        if (!d.owners().isEmpty()) {
            g.writeArrayFieldStart("owners");
            for (Owner o : d.owners()) {
                g.writeStartObject();
                g.writeStringField("id", o.urn());
                g.writeStringField("type", o.type());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        map(g, "properties", d.properties());
        if (d.version() != null) {
            g.writeFieldName("version");
            writeVersion(g, null, d.version());
        }
        g.writeArrayFieldStart("fields");
        for (Field f : d.fields()) {
            writeField(g, f);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public static void writeField(JsonGenerator g, Field f) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", f.name());
        g.writeStringField("path", f.path());
        g.writeStringField("type", f.type().print());
        g.writeBooleanField("nullable", f.nullable());
        optional(g, "nativeType", f.nativeType());
        optional(g, "description", f.description());
        strings(g, "tags", f.tags());
        if (f.primaryKey()) {
            g.writeBooleanField("primaryKey", true);
        }
        if (f.partitionKey()) {
            g.writeBooleanField("partitionKey", true);
        }
        optional(g, "default", f.defaultValue());
        optional(g, "identity", f.identity());
        map(g, "properties", f.properties());
        if (!f.fields().isEmpty()) {
            g.writeArrayFieldStart("fields");
            for (Field c : f.fields()) {
                writeField(g, c);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    public static void writeEdge(JsonGenerator g, LineageEdge e) throws IOException {
        writeEdge(g, e, true);
    }

    /** An edge; without its downstream where the surrounding object names it already. */
    public static void writeEdge(JsonGenerator g, LineageEdge e, boolean withDownstream) throws IOException {
        g.writeStartObject();
        g.writeStringField("upstream", e.upstream().urn());
        if (withDownstream) {
            g.writeStringField("downstream", e.downstream().urn());
        }
        g.writeStringField("type", e.type().name());
        g.writeNumberField("confidence", e.confidence());
        if (e.createdAt() != null) {
            g.writeStringField("createdAt", e.createdAt().toString());
        }
        optional(g, "createdBy", e.createdBy());
        if (!e.columns().isEmpty()) {
            g.writeArrayFieldStart("columns");
            for (ColumnMapping c : e.columns()) {
                g.writeStartObject();
                strings(g, "upstream", c.upstreamColumns());
                g.writeStringField("downstream", c.downstreamColumn());
                optional(g, "transformation", c.transformation());
                optional(g, "transformationType", c.transformationType());
                optional(g, "transformationSubtype", c.transformationSubtype());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    public static void writeVersion(JsonGenerator g, DatasetId dataset, DatasetVersion v) throws IOException {
        g.writeStartObject();
        if (dataset != null) {
            g.writeStringField("dataset", dataset.urn());
        }
        g.writeStringField("cloudVersion", v.cloudVersion());
        g.writeStringField("schemaVersion", v.schemaVersion().toString());
        g.writeStringField("timestamp", v.timestamp().toString());
        optional(g, "author", v.author());
        g.writeStringField("changeType", v.changeType().name());
        optional(g, "changeDetails", v.changeDetails());
        optional(g, "previousVersion", v.previousVersion());
        optional(g, "schemaFingerprint", v.schemaFingerprint());
        g.writeEndObject();
    }

    /** The snapshot file of PRODUCT §6; the same catalog gives the same bytes. */
    public static void writeSnapshot(OutputStream out, CatalogSnapshot s) throws IOException {
        try (JsonGenerator g = generator(out, true)) {
            g.writeStartObject();
            g.writeNumberField("formatVersion", s.formatVersion());
            g.writeStringField("createdAt", s.createdAt().toString());
            g.writeStringField("producer", s.producer());
            g.writeArrayFieldStart("datasets");
            for (Dataset d : s.datasets()) {
                writeDataset(g, d);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("lineage");
            for (LineageEdge e : s.lineage()) {
                writeEdge(g, e);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("versions");
            for (Map.Entry<DatasetId, List<DatasetVersion>> e : s.versions().entrySet()) {
                for (DatasetVersion v : e.getValue()) {
                    writeVersion(g, e.getKey(), v);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            g.writeArrayFieldStart(name);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    private static void map(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        if (!values.isEmpty()) {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
    }

    // ---------------------------------------------------------------- reading

    /** Type parses shared by {@link #readDataset(String)} calls (one per catalog row); bounded. */
    private static final Map<String, DataType> DATASET_TYPES = new ConcurrentHashMap<>();

    public static Dataset readDataset(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            StreamingReader r = new StreamingReader(p, DATASET_TYPES, 4096);
            p.nextToken();
            return r.dataset();
        } catch (IOException e) {
            throw new LumosException(ErrorCode.BAD_INPUT, "not a dataset JSON document: " + e.getMessage(), e);
        }
    }

    /**
     * A version held in a JSON tree (the Marquez adapter finds ours inside a facet), read as a
     * snapshot's {@code versions} element is.
     */
    public static DatasetVersion version(JsonNode v) {
        try (JsonParser p = mapper().treeAsTokens(v)) {
            p.nextToken();
            return new StreamingReader(p, DATASET_TYPES, 4096).rawVersion().convert();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tree has no syntax to fail on
        }
    }

    /**
     * Reads a snapshot file; {@code where} names it in messages. Streams the file into the model
     * without building a tree; keys may come in any order.
     */
    public static CatalogSnapshot readSnapshot(InputStream in, String where) {
        return readSnapshot(in, where, null);
    }

    /**
     * As {@link #readSnapshot(InputStream, String)}, also recording into {@code lines} (when not
     * null) the line of every dataset's id and field's path, for reports that point at them.
     */
    public static CatalogSnapshot readSnapshot(InputStream in, String where, SnapshotLineRecorder lines) {
        boolean hasDatasets = false;
        Object format = null;
        Object createdAt = null;
        Object producer = null;
        List<Dataset> datasets = new ArrayList<>();
        List<LineageEdge> lineage = new ArrayList<>();
        Map<DatasetId, List<DatasetVersion>> versions = new LinkedHashMap<>();
        RuntimeException datasetsError = null;
        RuntimeException lineageError = null;
        RuntimeException versionsError = null;
        try (JsonParser p = FACTORY.createParser(in)) {
            StreamingReader r = new StreamingReader(p, new HashMap<>(), Integer.MAX_VALUE);
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                if (t != null) {
                    p.skipChildren(); // a syntax error in it still says "not a JSON snapshot"
                }
                throw notSnapshot(where);
            }
            JsonStreamContext root = p.getParsingContext();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                switch (key) {
                    case "formatVersion" -> format = r.value();
                    case "createdAt" -> createdAt = r.value();
                    case "producer" -> producer = r.value();
                    case "datasets" -> {
                        hasDatasets = true;
                        datasets = new ArrayList<>();
                        r.lines = lines;
                        datasetsError = r.section(key, datasets, root);
                        r.lines = null;
                    }
                    case "lineage" -> {
                        lineage = new ArrayList<>();
                        lineageError = r.section(key, lineage, root);
                    }
                    case "versions" -> {
                        versions = new LinkedHashMap<>();
                        versionsError = r.section(key, versions, root);
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    where + ": not a JSON snapshot ("
                            + e.getMessage().lines().findFirst().orElse("") + ")",
                    e);
        }
        if (!hasDatasets) {
            throw notSnapshot(where);
        }
        int formatVersion = StreamingReader.node(format).asInt(1);
        if (formatVersion > CatalogSnapshot.FORMAT_VERSION) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    where + ": snapshot format " + formatVersion + " is newer than this Lumos reads ("
                            + CatalogSnapshot.FORMAT_VERSION + "); upgrade Lumos");
        }
        try {
            // Conversion errors in the order the tree reader met them: datasets, lineage, versions.
            if (datasetsError != null) {
                throw datasetsError;
            }
            if (lineageError != null) {
                throw lineageError;
            }
            if (versionsError != null) {
                throw versionsError;
            }
            Instant created = StreamingReader.nonNull(createdAt)
                    ? Instant.parse(StreamingReader.asText(createdAt))
                    : Instant.EPOCH;
            return new CatalogSnapshot(
                    formatVersion, created, StreamingReader.asText(producer, "lumos"), datasets, lineage, versions);
        } catch (RuntimeException e) {
            if (e instanceof LumosException le) {
                throw le;
            }
            throw new LumosException(ErrorCode.BAD_INPUT, where + ": invalid snapshot: " + e.getMessage(), e);
        }
    }

    private static LumosException notSnapshot(String where) {
        return new LumosException(
                ErrorCode.BAD_INPUT,
                where + ": not a Lumos snapshot (no \"datasets\"); write one with `lumos snapshot export -o FILE`");
    }
}
