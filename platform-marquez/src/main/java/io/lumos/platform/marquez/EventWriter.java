package io.lumos.platform.marquez;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.domain.Statistics;
import io.lumos.json.ModelJson;
import io.openlineage.client.OpenLineage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the two events every ingest sends per dataset (the DatasetEvent with the full facet set and
 * the lineage JobEvent) straight from our model with Jackson's streaming generator.
 *
 * <p>They carry exactly what {@link OpenLineageBuilders} builds with openlineage-java's beans (a test compares
 * the two as JSON trees for many datasets); building those beans and serialising them by reflection
 * was over half of the client's CPU in the 10,000-dataset benchmark. The schema URLs are taken from
 * the openlineage-java version on the class path, so both paths stay on the same spec.
 */
final class EventWriter {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final SerializedString PRODUCER = new SerializedString("producer");
    private static final SerializedString SCHEMA_URL = new SerializedString("schemaURL");
    private static final SerializedString FACET_PRODUCER = new SerializedString("_producer");
    private static final SerializedString FACET_SCHEMA_URL = new SerializedString("_schemaURL");

    private final SerializedString producer;
    private final SerializedString lifecycleUrl;
    private final SerializedString datasetEventSchema;
    private final SerializedString jobEventSchema;
    private final SerializedString documentationUrl;
    private final SerializedString dataSourceUrl;
    private final SerializedString schemaUrl;
    private final SerializedString ownershipUrl;
    private final SerializedString tagsUrl;
    private final SerializedString versionUrl;
    private final SerializedString storageUrl;
    private final SerializedString datasetTypeUrl;
    private final SerializedString symlinksUrl;
    private final SerializedString lumosUrl;
    private final SerializedString jobTypeUrl;
    private final SerializedString jobDocumentationUrl;

    EventWriter(FacetMapper mapper) {
        OpenLineage ol = mapper.openLineage();
        this.producer = new SerializedString(ol.newDatasetFacet().get_producer().toString());
        OpenLineage.DatasetEvent de = ol.newDatasetEventBuilder()
                .eventTime(OpenLineageBuilders.time(Instant.EPOCH))
                .dataset(ol.newStaticDataset("n", "n", null))
                .build();
        this.datasetEventSchema = new SerializedString(de.getSchemaURL().toString());
        this.jobEventSchema = new SerializedString(ol.newJobEventBuilder()
                .eventTime(OpenLineageBuilders.time(Instant.EPOCH))
                .job(ol.newJob("n", "n", null))
                .build()
                .getSchemaURL()
                .toString());
        this.documentationUrl = new SerializedString(
                ol.newDocumentationDatasetFacet("", null).get_schemaURL().toString());
        this.dataSourceUrl = new SerializedString(
                ol.newDatasourceDatasetFacet(null, null).get_schemaURL().toString());
        this.schemaUrl = new SerializedString(
                ol.newSchemaDatasetFacet(List.of()).get_schemaURL().toString());
        this.ownershipUrl = new SerializedString(
                ol.newOwnershipDatasetFacet(List.of()).get_schemaURL().toString());
        this.tagsUrl = new SerializedString(
                ol.newTagsDatasetFacet(List.of()).get_schemaURL().toString());
        this.versionUrl = new SerializedString(
                ol.newDatasetVersionDatasetFacet("").get_schemaURL().toString());
        this.storageUrl = new SerializedString(
                ol.newStorageDatasetFacet("", null).get_schemaURL().toString());
        this.datasetTypeUrl = new SerializedString(
                ol.newDatasetTypeDatasetFacet("", null).get_schemaURL().toString());
        this.symlinksUrl = new SerializedString(
                ol.newSymlinksDatasetFacet(List.of()).get_schemaURL().toString());
        this.lumosUrl = new SerializedString(mapper.lumosFacet().get_schemaURL().toString());
        this.lifecycleUrl = new SerializedString(ol.newLifecycleStateChangeDatasetFacet(
                        OpenLineage.LifecycleStateChangeDatasetFacet.LifecycleStateChange.DROP, null)
                .get_schemaURL()
                .toString());
        this.jobTypeUrl = new SerializedString(
                ol.newJobTypeJobFacet("", "", null, null).get_schemaURL().toString());
        this.jobDocumentationUrl = new SerializedString(
                ol.newDocumentationJobFacet("", null).get_schemaURL().toString());
    }

    /** The DatasetEvent of {@link OpenLineageBuilders#dataset}. */
    String datasetEvent(MarquezNames.Ref ref, Dataset d, Instant now) {
        return datasetEventAt(ref, d, eventTime(d, now));
    }

    /** The time of a dataset's event when nothing is known of what the catalog holds. */
    static Instant eventTime(Dataset d, Instant now) {
        return d.version() != null ? d.version().timestamp() : now;
    }

    /** The DatasetEvent at a given event time (an edit must be later than what Marquez holds). */
    String datasetEventAt(MarquezNames.Ref ref, Dataset d, Instant t) {
        return write(g -> {
            g.writeStartObject();
            eventHeader(g, t, datasetEventSchema);
            g.writeObjectFieldStart("dataset");
            g.writeStringField("namespace", ref.namespace());
            g.writeStringField("name", ref.name());
            g.writeObjectFieldStart("facets");
            fullFacets(g, d);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /**
     * The JobEvent of {@link OpenLineageBuilders#lineage}: the synthetic job of {@code downstream} reading every
     * upstream. A mention is a {@link Dataset} (its mention facets), raw facets read from Marquez
     * (a {@link JsonNode}, written as they are) or null (no facets).
     */
    String lineageEvent(
            String jobNamespace,
            String jobName,
            DatasetId downstream,
            List<LineageEdge> edges,
            List<MarquezNames.Ref> inputs,
            List<Object> inputMentions,
            MarquezNames.Ref output,
            Object outputMention,
            Instant now) {
        return write(g -> {
            g.writeStartObject();
            eventHeader(g, now, jobEventSchema);
            g.writeObjectFieldStart("job");
            g.writeStringField("namespace", jobNamespace);
            g.writeStringField("name", jobName);
            g.writeObjectFieldStart("facets");
            g.writeObjectFieldStart("jobType");
            header(g, jobTypeUrl);
            g.writeStringField("processingType", "BATCH");
            g.writeStringField("integration", "LUMOS");
            g.writeStringField("jobType", "LINEAGE");
            g.writeEndObject();
            g.writeObjectFieldStart("documentation");
            header(g, jobDocumentationUrl);
            g.writeStringField("description", "Lineage into " + downstream.urn() + " declared with Lumos");
            g.writeStringField("contentType", "text/plain");
            g.writeEndObject();
            g.writeObjectFieldStart(FacetMapper.LUMOS);
            header(g, lumosUrl);
            g.writeStringField("downstream", downstream.urn());
            g.writeArrayFieldStart("edges");
            for (LineageEdge e : edges) {
                ModelJson.writeEdge(g, e, false); // the facet names the downstream once
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("inputs");
            for (int i = 0; i < inputs.size(); i++) {
                mention(g, inputs.get(i), inputMentions.get(i));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("outputs");
            mention(g, output, outputMention);
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    // ------------------------------------------------------------------ parts

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        // bytes, not a StringWriter: its StringBuffer is synchronised and re-checks every char
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void eventHeader(JsonGenerator g, Instant t, SerializedString schemaUrl) throws IOException {
        g.writeStringField("eventTime", timeText(t));
        g.writeFieldName(PRODUCER);
        g.writeString(producer);
        g.writeFieldName(SCHEMA_URL);
        g.writeString(schemaUrl);
    }

    private record TimeText(Instant time, String text) {}

    // most events of a run carry the session's time; formatting it goes through BigDecimal
    private volatile TimeText lastTime = new TimeText(Instant.EPOCH, format(Instant.EPOCH));

    private String timeText(Instant t) {
        TimeText last = lastTime;
        if (last.time().equals(t)) {
            return last.text();
        }
        TimeText next = new TimeText(t, format(t));
        lastTime = next;
        return next.text();
    }

    private static String format(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OpenLineageBuilders.time(t));
    }

    /** Every facet starts with these two; pre-encoded, since they are most of an event's bytes. */
    private void header(JsonGenerator g, SerializedString schemaUrl) throws IOException {
        g.writeFieldName(FACET_PRODUCER);
        g.writeString(producer);
        g.writeFieldName(FACET_SCHEMA_URL);
        g.writeString(schemaUrl);
    }

    private void mention(JsonGenerator g, MarquezNames.Ref ref, Object facets) throws IOException {
        g.writeStartObject();
        g.writeStringField("namespace", ref.namespace());
        g.writeStringField("name", ref.name());
        if (facets instanceof Dataset d) {
            g.writeObjectFieldStart("facets");
            documentation(g, d);
            dataSource(g, d);
            schema(g, d);
            g.writeEndObject();
        } else if (facets instanceof JsonNode raw) {
            g.writeFieldName("facets");
            FacetMapper.JSON.writeTree(g, raw);
        }
        g.writeEndObject();
    }

    /** The facets of {@link FacetMapper#fullFacets}. */
    private void fullFacets(JsonGenerator g, Dataset d) throws IOException {
        documentation(g, d);
        dataSource(g, d);
        schema(g, d);

        g.writeObjectFieldStart("ownership");
        header(g, ownershipUrl);
        g.writeArrayFieldStart("owners");
        for (Owner o : d.owners()) {
            g.writeStartObject();
            g.writeStringField("name", FacetMapper.ownerName(o));
            if (o.type() != null) {
                g.writeStringField("type", o.type());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();

        g.writeObjectFieldStart("tags");
        header(g, tagsUrl);
        g.writeArrayFieldStart("tags");
        for (String t : d.tags()) {
            tag(g, t, null);
        }
        for (Field f : d.allFields()) {
            for (String t : f.tags()) {
                tag(g, t, f.path());
            }
        }
        g.writeEndArray();
        g.writeEndObject();

        g.writeObjectFieldStart("version");
        header(g, versionUrl);
        g.writeStringField("datasetVersion", FacetMapper.versionString(d));
        g.writeEndObject();

        g.writeObjectFieldStart("storage");
        header(g, storageUrl);
        g.writeStringField("storageLayer", d.platform());
        String format = FacetMapper.fileFormat(d);
        if (format != null) {
            g.writeStringField("fileFormat", format);
        }
        g.writeEndObject();

        String[] type = FacetMapper.datasetTypeOf(d.subtype());
        g.writeObjectFieldStart("datasetType");
        header(g, datasetTypeUrl);
        g.writeStringField("datasetType", type[0]);
        if (type[1] != null) {
            g.writeStringField("subType", type[1]);
        }
        g.writeEndObject();

        g.writeObjectFieldStart("symlinks");
        header(g, symlinksUrl);
        g.writeArrayFieldStart("identifiers");
        String[] link = FacetMapper.symlinkOf(d);
        if (link != null) {
            g.writeStartObject();
            g.writeStringField("namespace", link[0]);
            g.writeStringField("name", link[1]);
            g.writeStringField("type", "LOCATION");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();

        if (d.status() == DatasetStatus.REMOVED) {
            // gone from its source: OpenLineage's way to say a dataset was dropped
            g.writeObjectFieldStart("lifecycleStateChange");
            header(g, lifecycleUrl);
            g.writeStringField("lifecycleStateChange", "DROP");
            g.writeEndObject();
        }

        lumos(g, d);
    }

    private void documentation(JsonGenerator g, Dataset d) throws IOException {
        if (d.description() != null) {
            g.writeObjectFieldStart("documentation");
            header(g, documentationUrl);
            g.writeStringField("description", d.description());
            g.writeStringField("contentType", "text/markdown");
            g.writeEndObject();
        }
    }

    private void dataSource(JsonGenerator g, Dataset d) throws IOException {
        g.writeObjectFieldStart("dataSource");
        header(g, dataSourceUrl);
        g.writeStringField("name", d.platform());
        java.net.URI root = FacetMapper.locationRoot(d.location());
        if (root != null) {
            g.writeStringField("uri", root.toString());
        }
        g.writeEndObject();
    }

    private void schema(JsonGenerator g, Dataset d) throws IOException {
        g.writeObjectFieldStart("schema");
        header(g, schemaUrl);
        schemaFields(g, d.fields());
        g.writeEndObject();
    }

    private static void schemaFields(JsonGenerator g, List<Field> fields) throws IOException {
        g.writeArrayFieldStart("fields");
        long pos = 1;
        for (Field f : fields) {
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeStringField("type", f.type().print());
            if (f.description() != null) {
                g.writeStringField("description", f.description());
            }
            g.writeNumberField("ordinal_position", pos++);
            if (!f.fields().isEmpty()) {
                schemaFields(g, f.fields());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void tag(JsonGenerator g, String tag, String field) throws IOException {
        int colon = tag.indexOf(':');
        g.writeStartObject();
        g.writeStringField("key", colon > 0 ? tag.substring(0, colon) : tag);
        g.writeStringField("value", colon > 0 ? tag.substring(colon + 1) : "true");
        g.writeStringField("source", "LUMOS");
        if (field != null) {
            g.writeStringField("field", field);
        }
        g.writeEndObject();
    }

    /** The facet of {@link FacetMapper#lumosFacet(Dataset)}. */
    private void lumos(JsonGenerator g, Dataset d) throws IOException {
        g.writeObjectFieldStart(FacetMapper.LUMOS);
        header(g, lumosUrl);
        g.writeStringField("id", d.id().urn());
        g.writeStringField("subtype", d.subtype());
        if (!d.glossaryTerms().isEmpty()) {
            strings(g, "glossaryTerms", d.glossaryTerms());
        }
        stringIf(g, "domain", d.domain());
        if (d.status() != DatasetStatus.ACTIVE) {
            g.writeStringField("status", d.status().label());
        }
        if (!d.properties().isEmpty()) {
            map(g, "properties", d.properties());
        }
        Statistics s = d.statistics();
        if (!s.isEmpty()) {
            g.writeObjectFieldStart("statistics");
            if (s.rowCount() != null) {
                g.writeNumberField("rowCount", s.rowCount());
            }
            if (s.sizeBytes() != null) {
                g.writeNumberField("sizeBytes", s.sizeBytes());
            }
            if (s.lastModified() != null) {
                g.writeStringField("lastModified", s.lastModified().toString());
            }
            g.writeEndObject();
        }
        stringIf(g, "location", d.location());
        if (d.version() != null) {
            DatasetVersion v = d.version();
            g.writeObjectFieldStart("version");
            g.writeStringField("cloudVersion", v.cloudVersion());
            g.writeStringField("schemaVersion", v.schemaVersion().toString());
            g.writeStringField("timestamp", v.timestamp().toString());
            stringIf(g, "author", v.author());
            g.writeStringField("changeType", v.changeType().name());
            stringIf(g, "changeDetails", v.changeDetails());
            stringIf(g, "previousVersion", v.previousVersion());
            stringIf(g, "schemaFingerprint", v.schemaFingerprint());
            g.writeEndObject();
        }
        boolean any = false;
        for (Field f : d.allFields()) {
            boolean has = !f.nullable()
                    || f.nativeType() != null
                    || f.primaryKey()
                    || f.partitionKey()
                    || f.defaultValue() != null
                    || f.identity() != null
                    || !f.properties().isEmpty();
            if (!has) {
                continue;
            }
            if (!any) {
                g.writeObjectFieldStart("fields");
                any = true;
            }
            g.writeObjectFieldStart(f.path());
            if (!f.nullable()) {
                g.writeBooleanField("nullable", false);
            }
            stringIf(g, "nativeType", f.nativeType());
            if (f.primaryKey()) {
                g.writeBooleanField("primaryKey", true);
            }
            if (f.partitionKey()) {
                g.writeBooleanField("partitionKey", true);
            }
            stringIf(g, "default", f.defaultValue());
            stringIf(g, "identity", f.identity());
            if (!f.properties().isEmpty()) {
                map(g, "properties", f.properties());
            }
            g.writeEndObject();
        }
        if (any) {
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void stringIf(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void map(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
