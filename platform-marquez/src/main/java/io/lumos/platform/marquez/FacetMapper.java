package io.lumos.platform.marquez;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.DataTypes;
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
import io.openlineage.client.OpenLineageClientUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

// Why one class: each facet is written and read back here side by side, so that a round trip (what
// Lumos writes, what it reads from Marquez, what it reads from other producers) is checked in one
// place; a writer and a reader in two files drifted apart before.
/**
 * Our model to OpenLineage facets and back.
 *
 * <p>Types: the schema facet's {@code type} holds our type string (so it round-trips and Marquez
 * shows a portable type); the source's native type goes into the {@code lumos} facet. What
 * OpenLineage has no facet for (env, glossary terms, domain, status, properties, statistics, field
 * flags, our version record) also lives in the {@code lumos} facet. Reading a dataset another
 * producer wrote, the schema type is taken as the native type and parsed where it can be.
 */
public final class FacetMapper {
    public static final String LUMOS = "lumos";
    static final Set<String> FILE_FORMATS = Set.of("parquet", "orc", "avro", "json", "csv", "text", "xml");
    static final ObjectMapper JSON = ModelJson.mapper();

    private final OpenLineage ol;
    private final URI lumosSchema;

    public FacetMapper(OpenLineage ol, URI producer) {
        this.ol = ol;
        this.lumosSchema = URI.create(producer.toString().replaceAll("/+$", "") + "/LumosFacet.json#/$defs/LumosFacet");
    }

    public OpenLineage openLineage() {
        return ol;
    }

    // ------------------------------------------------------------------ model -> facets

    /** The full facet set of a dataset: Marquez keeps only the facets of the current version. */
    public OpenLineage.DatasetFacetsBuilder fullFacets(Dataset d) {
        OpenLineage.DatasetFacetsBuilder b = ol.newDatasetFacetsBuilder()
                .schema(schema(d))
                .dataSource(dataSource(d))
                .ownership(ol.newOwnershipDatasetFacet(d.owners().stream()
                        .map(o -> ol.newOwnershipDatasetFacetOwners(ownerName(o), o.type()))
                        .toList()))
                .tags(ol.newTagsDatasetFacet(tags(d)))
                .version(ol.newDatasetVersionDatasetFacet(versionString(d)))
                .storage(ol.newStorageDatasetFacet(d.platform(), fileFormat(d)))
                .datasetType(datasetType(d))
                .symlinks(ol.newSymlinksDatasetFacet(symlinks(d)))
                .put(LUMOS, lumosFacet(d));
        if (d.description() != null) {
            b.documentation(ol.newDocumentationDatasetFacet(d.description(), "text/markdown"));
        }
        if (d.status() == DatasetStatus.REMOVED) {
            b.lifecycleStateChange(ol.newLifecycleStateChangeDatasetFacet(
                    OpenLineage.LifecycleStateChangeDatasetFacet.LifecycleStateChange.DROP, null));
        }
        return b;
    }

    /** What a mention of a dataset (a lineage input or output) must carry so Marquez keeps its description. */
    public OpenLineage.DatasetFacets mentionFacets(Dataset d) {
        OpenLineage.DatasetFacetsBuilder b =
                ol.newDatasetFacetsBuilder().schema(schema(d)).dataSource(dataSource(d));
        if (d.description() != null) {
            b.documentation(ol.newDocumentationDatasetFacet(d.description(), "text/markdown"));
        }
        return b.build();
    }

    OpenLineage.SchemaDatasetFacet schema(Dataset d) {
        return ol.newSchemaDatasetFacet(schemaFields(d.fields()));
    }

    private List<OpenLineage.SchemaDatasetFacetFields> schemaFields(List<Field> fields) {
        List<OpenLineage.SchemaDatasetFacetFields> out = new ArrayList<>();
        long pos = 1;
        for (Field f : fields) {
            out.add(ol.newSchemaDatasetFacetFields(
                    f.name(),
                    f.type().print(),
                    f.description(),
                    pos++,
                    f.fields().isEmpty() ? null : schemaFields(f.fields())));
        }
        return out;
    }

    OpenLineage.DatasourceDatasetFacet dataSource(Dataset d) {
        return ol.newDatasourceDatasetFacet(d.platform(), locationRoot(d.location()));
    }

    static URI locationRoot(String location) {
        if (location == null) {
            return null;
        }
        try {
            URI u = URI.create(location);
            if (u.getScheme() == null || u.getScheme().length() < 2) {
                return null;
            }
            return u.getAuthority() == null
                    ? URI.create(u.getScheme() + ":/")
                    : URI.create(u.getScheme() + "://" + u.getAuthority());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private List<OpenLineage.TagsDatasetFacetFields> tags(Dataset d) {
        List<OpenLineage.TagsDatasetFacetFields> out = new ArrayList<>();
        for (String t : d.tags()) {
            out.add(tag(t, null));
        }
        for (Field f : d.allFields()) {
            for (String t : f.tags()) {
                out.add(tag(t, f.path()));
            }
        }
        return out;
    }

    private OpenLineage.TagsDatasetFacetFields tag(String tag, String field) {
        int colon = tag.indexOf(':');
        String key = colon > 0 ? tag.substring(0, colon) : tag;
        String value = colon > 0 ? tag.substring(colon + 1) : "true";
        return ol.newTagsDatasetFacetFields(key, value, "LUMOS", field);
    }

    static String tagOf(JsonNode t) {
        String key = t.path("key").asText();
        String value = t.path("value").asText("true");
        return "true".equals(value) ? key : key + ":" + value;
    }

    /**
     * Our schema version when we keep versions, else a fingerprint of the schema: every field's
     * path, type and nullability (descriptions and tags are not the schema).
     */
    static String versionString(Dataset d) {
        if (d.version() != null) {
            return d.version().schemaVersion().toString();
        }
        List<String> parts = new ArrayList<>();
        for (Field f : d.allFields()) {
            parts.add(f.path() + '\u0001' + f.type().print() + '\u0001' + f.nullable());
        }
        return "sha256:" + fingerprint(parts).substring(0, 16);
    }

    static String fingerprint(List<String> parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fileFormat(Dataset d) {
        String where = d.location() != null ? d.location() : d.name();
        String lower = where.toLowerCase(Locale.ROOT);
        for (String f : FILE_FORMATS) {
            if (lower.endsWith("." + f) || lower.contains("." + f + ".") || f.equals(d.platform())) {
                return f;
            }
        }
        if (lower.endsWith(".txt")) {
            return "text";
        }
        return null;
    }

    private OpenLineage.DatasetTypeDatasetFacet datasetType(Dataset d) {
        String[] t = datasetTypeOf(d.subtype());
        return ol.newDatasetTypeDatasetFacet(t[0], t[1]);
    }

    /** OpenLineage's dataset type and sub type of one of our subtypes. */
    static String[] datasetTypeOf(String subtype) {
        return switch (subtype) {
            case "table" -> new String[] {"TABLE", null};
            case "view" -> new String[] {"VIEW", null};
            case "materialized_view" -> new String[] {"VIEW", "MATERIALIZED"};
            case "file" -> new String[] {"FILE", null};
            case "topic" -> new String[] {"TOPIC", null};
            case "stream" -> new String[] {"STREAM", null};
            case "model" -> new String[] {"MODEL", null};
            default -> new String[] {"TABLE", subtype.toUpperCase(Locale.ROOT)};
        };
    }

    private List<OpenLineage.SymlinksDatasetFacetIdentifiers> symlinks(Dataset d) {
        String[] link = symlinkOf(d);
        return link == null ? List.of() : List.of(ol.newSymlinksDatasetFacetIdentifiers(link[0], link[1], "LOCATION"));
    }

    /** The LOCATION symlink (namespace, name) of a dataset stored somewhere else than its name says; or null. */
    static String[] symlinkOf(Dataset d) {
        URI root = locationRoot(d.location());
        if (root == null) {
            return null;
        }
        String path = d.location()
                .substring(Math.min(d.location().length(), root.toString().length()));
        path = path.replaceAll("^/+", "");
        if (path.isEmpty() || (root.toString() + "/" + path).equals(d.platform() + "/" + d.name())) {
            return null;
        }
        return new String[] {root.toString(), path};
    }

    static String ownerName(Owner o) {
        return (o.isGroup() ? "group:" : "user:") + o.name();
    }

    static Owner ownerOf(String name, String type) {
        String n = name;
        if (n.startsWith("team:")) {
            n = "group:" + n.substring(5);
        }
        try {
            return new Owner(n, type);
        } catch (IllegalArgumentException e) {
            return new Owner(n.replace(':', '_'), type);
        }
    }

    /** What OpenLineage has no facet for, so that our datasets read back whole. */
    OpenLineage.DatasetFacet lumosFacet(Dataset d) {
        LumosFacet f = lumosFacet();
        Map<String, Object> p = f.getAdditionalProperties();
        p.put("id", d.id().urn());
        p.put("subtype", d.subtype());
        putIf(p, "glossaryTerms", d.glossaryTerms().isEmpty() ? null : d.glossaryTerms());
        putIf(p, "domain", d.domain());
        putIf(
                p,
                "status",
                d.status() == DatasetStatus.ACTIVE ? null : d.status().label());
        putIf(p, "properties", d.properties().isEmpty() ? null : new TreeMap<>(d.properties()));
        Statistics s = d.statistics();
        if (!s.isEmpty()) {
            Map<String, Object> st = new LinkedHashMap<>();
            putIf(st, "rowCount", s.rowCount());
            putIf(st, "sizeBytes", s.sizeBytes());
            putIf(
                    st,
                    "lastModified",
                    s.lastModified() == null ? null : s.lastModified().toString());
            p.put("statistics", st);
        }
        putIf(p, "location", d.location());
        if (d.version() != null) {
            p.put("version", versionMap(d.version()));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Field f2 : d.allFields()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (!f2.nullable()) {
                m.put("nullable", false);
            }
            putIf(m, "nativeType", f2.nativeType());
            if (f2.primaryKey()) {
                m.put("primaryKey", true);
            }
            if (f2.partitionKey()) {
                m.put("partitionKey", true);
            }
            putIf(m, "default", f2.defaultValue());
            putIf(m, "identity", f2.identity());
            putIf(m, "properties", f2.properties().isEmpty() ? null : new TreeMap<>(f2.properties()));
            if (!m.isEmpty()) {
                fields.put(f2.path(), m);
            }
        }
        putIf(p, "fields", fields.isEmpty() ? null : fields);
        return f;
    }

    /** An empty custom facet of ours; fill {@link LumosFacet#getAdditionalProperties()}. */
    public LumosFacet lumosFacet() {
        return new LumosFacet(ol.newDatasetFacet().get_producer(), lumosSchema);
    }

    static Map<String, Object> versionMap(DatasetVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cloudVersion", v.cloudVersion());
        m.put("schemaVersion", v.schemaVersion().toString());
        m.put("timestamp", v.timestamp().toString());
        putIf(m, "author", v.author());
        m.put("changeType", v.changeType().name());
        putIf(m, "changeDetails", v.changeDetails());
        putIf(m, "previousVersion", v.previousVersion());
        putIf(m, "schemaFingerprint", v.schemaFingerprint());
        return m;
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** The column lineage facet of one downstream dataset, from all its incoming edges. */
    public OpenLineage.ColumnLineageDatasetFacet columnLineage(
            Map<DatasetId, MarquezNames.Ref> refs, List<LineageEdge> edgesIntoOne) {
        Map<String, List<OpenLineage.InputField>> inputs = new TreeMap<>();
        Map<String, String> descriptions = new TreeMap<>();
        java.util.Set<String> transformed = new java.util.HashSet<>();
        for (LineageEdge e : edgesIntoOne) {
            MarquezNames.Ref up = refs.get(e.upstream());
            for (ColumnMapping m : e.columns()) {
                String subtype = m.isIdentity() ? "IDENTITY" : subtypeOf(e, m);
                for (String col : m.upstreamColumns()) {
                    inputs.computeIfAbsent(m.downstreamColumn(), k -> new ArrayList<>())
                            .add(ol.newInputField(
                                    up.namespace(),
                                    up.name(),
                                    col,
                                    List.of(ol.newInputFieldTransformations(
                                            m.isIndirect() ? "INDIRECT" : "DIRECT",
                                            subtype,
                                            m.transformation(),
                                            false))));
                }
                if (m.transformation() != null) {
                    descriptions.putIfAbsent(m.downstreamColumn(), m.transformation());
                }
                if (!m.isIdentity()) {
                    transformed.add(m.downstreamColumn());
                }
            }
        }
        OpenLineage.ColumnLineageDatasetFacetFieldsBuilder fb = ol.newColumnLineageDatasetFacetFieldsBuilder();
        inputs.forEach((col, in) -> {
            String desc = descriptions.get(col);
            fb.put(
                    col,
                    ol.newColumnLineageDatasetFacetFieldsAdditional(
                            in,
                            desc,
                            // the deprecated field-level kind: IDENTITY only when every input is copied as is
                            transformed.contains(col) ? "TRANSFORMATION" : "IDENTITY"));
        });
        return ol.newColumnLineageDatasetFacetBuilder().fields(fb.build()).build();
    }

    private static String subtypeOf(LineageEdge e, ColumnMapping m) {
        if (m.transformationSubtype() != null) {
            return m.transformationSubtype(); // the producer's own word (JOIN, FILTER, ...)
        }
        String t = m.transformation() == null ? "" : m.transformation().toUpperCase(Locale.ROOT);
        if (e.type() == io.lumos.domain.LineageType.AGGREGATED
                || t.matches("^(SUM|COUNT|AVG|MIN|MAX|ANY_VALUE|COLLECT_LIST)\\s*\\(.*")) {
            return "AGGREGATION";
        }
        return "TRANSFORMATION";
    }

    /**
     * OpenLineage's {@code dataQualityAssertions} input facet: the results of one dataset, each
     * assertion as the spec classifies tests ({@code not_null}, {@code unique}, {@code row_count},
     * {@code freshness}; ours otherwise), {@code success} for a pass (an undecided one is not a
     * success), the field it checks as {@code column}, {@code error} for a breaking severity and
     * {@code warn} otherwise, with what was expected and found and why.
     */
    public OpenLineage.DataQualityAssertionsDatasetFacet dataQualityAssertions(
            List<io.lumos.domain.assertion.AssertionResult> results) {
        List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions> out = new ArrayList<>();
        for (io.lumos.domain.assertion.AssertionResult r : results) {
            String column = null;
            int colon = r.check().indexOf(':');
            if (colon > 0
                    && r.kind() != io.lumos.domain.assertion.AssertionKind.SCHEMA_COMPATIBLE
                    && !r.check().substring(colon + 1).contains(",")) {
                column = r.check().substring(colon + 1);
            }
            out.add(ol.newDataQualityAssertionsDatasetFacetAssertionsBuilder()
                    .assertion(
                            switch (r.kind()) {
                                case NOT_NULL -> "not_null";
                                case UNIQUE_KEY -> "unique";
                                case ROW_COUNT -> "row_count";
                                case FRESHNESS -> "freshness";
                                case FIELD_TYPE -> "field_type";
                                case SCHEMA_COMPATIBLE -> "schema_compatible";
                            })
                    .success(r.status() == io.lumos.domain.assertion.AssertionStatus.PASS)
                    .column(column)
                    .severity(r.severity() == io.lumos.domain.diff.Severity.BREAKING ? "error" : "warn")
                    .name(r.check())
                    .description(r.reason())
                    .expected(r.expected())
                    .actual(r.actual())
                    .build());
        }
        return ol.newDataQualityAssertionsDatasetFacet(out);
    }

    // ------------------------------------------------------------------ facets -> model

    /**
     * A dataset from the raw facets Marquez returns (those of the current version) plus its own
     * top-level fields when the schema facet is missing.
     */
    public Dataset dataset(DatasetId fallbackId, JsonNode facets, String description, JsonNode marquezFields) {
        JsonNode lumos = facets.path(LUMOS);
        DatasetId id = fallbackId;
        if (lumos.hasNonNull("id")) {
            try {
                id = DatasetId.parse(lumos.get("id").asText(), "PROD");
            } catch (IllegalArgumentException e) {
                id = fallbackId;
            }
        }
        Map<String, JsonNode> extras = new LinkedHashMap<>();
        lumos.path("fields").properties().forEach(e -> extras.put(e.getKey(), e.getValue()));
        Map<String, List<String>> fieldTags = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        for (JsonNode t : facets.path("tags").path("tags")) {
            if (t.hasNonNull("field") && !t.get("field").asText().isEmpty()) {
                fieldTags
                        .computeIfAbsent(t.get("field").asText(), k -> new ArrayList<>())
                        .add(tagOf(t));
            } else {
                tags.add(tagOf(t));
            }
        }
        List<Field> fields;
        if (facets.path("schema").has("fields")) {
            fields = fields(facets.path("schema").path("fields"), "", extras, fieldTags);
        } else {
            fields = fields(marquezFields == null ? JSON.createArrayNode() : marquezFields, "", extras, fieldTags);
        }
        List<Owner> owners = new ArrayList<>();
        for (JsonNode o : facets.path("ownership").path("owners")) {
            if (o.hasNonNull("name")) {
                owners.add(ownerOf(o.get("name").asText(), text(o, "type")));
            }
        }
        String desc = facets.path("documentation").hasNonNull("description")
                ? facets.path("documentation").get("description").asText()
                : description;
        String subtype = text(lumos, "subtype");
        if (subtype == null && facets.path("datasetType").hasNonNull("datasetType")) {
            String dt = facets.path("datasetType").get("datasetType").asText().toLowerCase(Locale.ROOT);
            subtype = "view".equals(dt) && "MATERIALIZED".equals(text(facets.path("datasetType"), "subType"))
                    ? "materialized_view"
                    : dt;
        }
        JsonNode st = lumos.path("statistics");
        Dataset.Builder b = Dataset.builder(id)
                .description(desc)
                .subtype(subtype)
                .fields(fields)
                .tags(tags)
                .glossaryTerms(strings(lumos.path("glossaryTerms")))
                .owners(owners)
                .domain(text(lumos, "domain"))
                .status(
                        lumos.hasNonNull("status")
                                ? DatasetStatus.parse(lumos.get("status").asText())
                                : null)
                .properties(map(lumos.path("properties")))
                .statistics(new Statistics(
                        st.hasNonNull("rowCount") ? st.get("rowCount").asLong() : null,
                        st.hasNonNull("sizeBytes") ? st.get("sizeBytes").asLong() : null,
                        st.hasNonNull("lastModified")
                                ? Instant.parse(st.get("lastModified").asText())
                                : null))
                .location(text(lumos, "location") != null ? text(lumos, "location") : symlinkLocation(facets))
                .version(lumos.hasNonNull("version") ? version(lumos.get("version")) : null);
        return b.build();
    }

    /** Without our facet (another producer, or a custom facet dropped), the LOCATION symlink we write. */
    private static String symlinkLocation(JsonNode facets) {
        for (JsonNode i : facets.path("symlinks").path("identifiers")) {
            if ("LOCATION".equals(text(i, "type")) && i.hasNonNull("namespace") && i.hasNonNull("name")) {
                return i.get("namespace").asText().replaceAll("/+$", "") + "/"
                        + i.get("name").asText();
            }
        }
        return null;
    }

    static DatasetVersion version(JsonNode v) {
        return ModelJson.version(v);
    }

    private List<Field> fields(
            JsonNode array, String parent, Map<String, JsonNode> extras, Map<String, List<String>> fieldTags) {
        List<JsonNode> sorted = new ArrayList<>();
        array.forEach(sorted::add);
        sorted.sort((a, b) -> Long.compare(
                a.path("ordinal_position").asLong(Long.MAX_VALUE),
                b.path("ordinal_position").asLong(Long.MAX_VALUE)));
        List<Field> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode f : sorted) {
            String name = f.path("name").asText();
            if (name.isEmpty() || !seen.add(name)) {
                continue;
            }
            String path = parent.isEmpty() ? name : parent + "." + name;
            JsonNode extra = extras.getOrDefault(path, JSON.createObjectNode());
            String typeText = f.path("type").asText("unknown");
            String nativeType = text(extra, "nativeType");
            DataType type;
            type = ourType(typeText);
            if (type == null) {
                // another producer's type name (VARCHAR, BIGINT, ...): keep it as the native type
                type = NativeTypes.parse(typeText);
                if (nativeType == null) {
                    nativeType = typeText;
                }
            }
            List<String> tagList = new ArrayList<>(fieldTags.getOrDefault(path, List.of()));
            for (JsonNode t : f.path("tags")) {
                if (t.isTextual() && !tagList.contains(t.asText())) {
                    tagList.add(t.asText());
                }
            }
            Field.Builder fb = Field.builder(name, type)
                    .path(path)
                    .nullable(extra.path("nullable").asBoolean(true))
                    .description(text(f, "description"))
                    .tags(tagList)
                    .nativeType(nativeType)
                    .primaryKey(extra.path("primaryKey").asBoolean(false))
                    .partitionKey(extra.path("partitionKey").asBoolean(false))
                    .defaultValue(text(extra, "default"))
                    .identity(text(extra, "identity"))
                    .properties(map(extra.path("properties")));
            if (f.has("fields") && f.get("fields").size() > 0) {
                fb.fields(fields(f.get("fields"), path, extras, fieldTags));
            } else if (!Field.nestedMembers(type).isEmpty()) {
                fb.fields(null);
            } else {
                fb.fields(List.of());
            }
            out.add(fb.build());
        }
        return out;
    }

    /** Our type string, or null when the text is not one (it must print back the same). */
    static DataType ourType(String text) {
        try {
            DataType t = DataTypes.parse(text);
            return t instanceof DataType.Named || !t.print().equals(text) ? null : t;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    static Map<String, String> map(JsonNode n) {
        Map<String, String> out = new TreeMap<>();
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Raw facets JSON (as Marquez returns it) as typed facets, to re-send them unchanged. */
    public static OpenLineage.DatasetFacets parseFacets(JsonNode facets) {
        ObjectNode copy = facets.deepCopy();
        return OpenLineageClientUtils.fromJson(copy.toString(), new TypeReference<OpenLineage.DatasetFacets>() {});
    }
}
