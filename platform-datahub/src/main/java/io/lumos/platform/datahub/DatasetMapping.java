package io.lumos.platform.datahub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linkedin.common.AuditStamp;
import com.linkedin.common.BrowsePathEntry;
import com.linkedin.common.BrowsePathEntryArray;
import com.linkedin.common.BrowsePathsV2;
import com.linkedin.common.Deprecation;
import com.linkedin.common.FabricType;
import com.linkedin.common.GlobalTags;
import com.linkedin.common.GlossaryTermAssociation;
import com.linkedin.common.GlossaryTermAssociationArray;
import com.linkedin.common.GlossaryTerms;
import com.linkedin.common.Ownership;
import com.linkedin.common.OwnershipType;
import com.linkedin.common.Status;
import com.linkedin.common.SubTypes;
import com.linkedin.common.TagAssociation;
import com.linkedin.common.TimeStamp;
import com.linkedin.common.UrnArray;
import com.linkedin.common.urn.DatasetUrn;
import com.linkedin.common.urn.GlossaryTermUrn;
import com.linkedin.common.urn.Urn;
import com.linkedin.data.template.StringArray;
import com.linkedin.data.template.StringMap;
import com.linkedin.dataset.DatasetLineageType;
import com.linkedin.dataset.DatasetProperties;
import com.linkedin.dataset.FineGrainedLineage;
import com.linkedin.dataset.FineGrainedLineageArray;
import com.linkedin.dataset.FineGrainedLineageDownstreamType;
import com.linkedin.dataset.FineGrainedLineageUpstreamType;
import com.linkedin.dataset.Upstream;
import com.linkedin.dataset.UpstreamArray;
import com.linkedin.dataset.UpstreamLineage;
import com.linkedin.domain.Domains;
import com.linkedin.schema.SchemaMetadata;
import io.lumos.domain.ChangeType;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.ColumnTransformations;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Lifecycle;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.lumos.domain.Owner;
import io.lumos.domain.SemVer;
import io.lumos.domain.Statistics;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

// Why one class: each aspect is built and read back side by side, so that the round trip through
// DataHub (and the deterministic bytes below) is checked in one place; schema fields and types are
// already their own classes (SchemaMapping, TypeMapping).
/**
 * The Lumos model as DataHub aspects and back. Every aspect is built deterministically (sorted
 * lists and maps, audit stamps from the dataset's version or a constant), so that writing an
 * unchanged dataset again sends the same bytes and DataHub keeps no new version.
 */
final class DatasetMapping {
    static final String ACTOR = "urn:li:corpuser:lumos";
    static final String P = "lumos.";
    static final String CLOUD_VERSION = P + "cloudVersion";
    static final String SCHEMA_VERSION = P + "schemaVersion";
    private static final String VERSION_TIME = P + "versionTimestamp";
    private static final String VERSION_AUTHOR = P + "versionAuthor";
    private static final String CHANGE_TYPE = P + "changeType";
    private static final String CHANGE_DETAILS = P + "changeDetails";
    private static final String PREVIOUS_VERSION = P + "previousVersion";
    private static final String FINGERPRINT = P + "schemaFingerprint";
    private static final String LOCATION = P + "location";
    private static final String ROW_COUNT = P + "rowCount";
    private static final String SIZE_BYTES = P + "sizeBytes";
    private static final String LINEAGE_TYPE = P + "lineageType";
    private static final String CONFIDENCE = P + "confidence";
    private static final String CREATED_BY = P + "createdBy";
    private static final String SYSTEM_OWNERSHIP = "urn:li:ownershipType:__system__";
    private static final Set<String> SYSTEM_TYPES = Set.of("TECHNICAL_OWNER", "BUSINESS_OWNER", "DATA_STEWARD");
    private static final Set<String> LEGACY_TYPES = Set.of("DATAOWNER", "CONSUMER");

    private final SchemaMapping schemas;

    DatasetMapping(ObjectMapper json) {
        this.schemas = new SchemaMapping(json);
    }

    /** One aspect of one entity, ready to send. */
    record Aspect(String urn, String name, com.linkedin.data.template.RecordTemplate value) {}

    // ---- urns

    static DatasetUrn datasetUrn(DatasetId id) {
        try {
            FabricType.valueOf(id.env());
        } catch (IllegalArgumentException e) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    "environment '" + id.env() + "' of " + id.shortName() + " is not a DataHub environment; use one of "
                            + Arrays.stream(FabricType.values())
                                    .filter(f -> f != FabricType.$UNKNOWN)
                                    .map(Enum::name)
                                    .toList());
        }
        try {
            return DatasetUrn.createFromString(id.urn());
        } catch (URISyntaxException e) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    "dataset id " + id.shortName() + " is not a valid DataHub URN: " + e.getMessage());
        }
    }

    static DatasetId datasetId(Urn urn) {
        return DatasetId.parse(urn.toString(), "PROD");
    }

    static String tagUrn(String tag) {
        return tag.startsWith("urn:li:tag:") ? tag : "urn:li:tag:" + tag;
    }

    static String tagName(String urn) {
        return urn.startsWith("urn:li:tag:") ? urn.substring("urn:li:tag:".length()) : urn;
    }

    static String termUrn(String term) {
        return term.startsWith("urn:li:glossaryTerm:") ? term : "urn:li:glossaryTerm:" + term;
    }

    /** What DataHub shows as the name: the file name of a path, the table of a db.schema.table. */
    static String displayName(DatasetId id) {
        String n = id.name();
        int slash = n.lastIndexOf('/');
        if (slash >= 0 && slash < n.length() - 1) {
            return n.substring(slash + 1);
        }
        return n;
    }

    static String subTypeName(String subtype) {
        StringBuilder out = new StringBuilder();
        for (String word : subtype.split("_", -1)) {
            if (word.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }

    static String subtypeFromName(String typeName) {
        return typeName.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    static AuditStamp stamp(Instant time) {
        try {
            return new AuditStamp()
                    .setTime(time == null ? 0L : time.toEpochMilli())
                    .setActor(Urn.createFromString(ACTOR));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- write

    List<Aspect> aspects(Dataset d) {
        try {
            DatasetUrn urn = datasetUrn(d.id());
            String u = urn.toString();
            Instant stampTime = d.version() == null ? null : d.version().timestamp();
            List<Aspect> out = new ArrayList<>(9);
            out.add(new Aspect(u, "datasetProperties", properties(d)));
            out.add(new Aspect(u, "schemaMetadata", schemas.toSchemaMetadata(d, urn)));
            out.add(new Aspect(u, "status", new Status().setRemoved(d.status() == DatasetStatus.REMOVED)));
            out.add(new Aspect(
                    u, "subTypes", new SubTypes().setTypeNames(new StringArray(List.of(subTypeName(d.subtype()))))));
            out.add(new Aspect(u, "browsePathsV2", browsePaths(d.id())));
            if (!d.tags().isEmpty()) {
                out.add(new Aspect(u, "globalTags", SchemaMapping.tags(d.tags())));
            }
            if (!d.glossaryTerms().isEmpty()) {
                GlossaryTermAssociationArray terms = new GlossaryTermAssociationArray();
                for (String t : d.glossaryTerms()) {
                    terms.add(new GlossaryTermAssociation().setUrn(GlossaryTermUrn.createFromString(termUrn(t))));
                }
                out.add(new Aspect(
                        u, "glossaryTerms", new GlossaryTerms().setTerms(terms).setAuditStamp(stamp(stampTime))));
            }
            if (!d.owners().isEmpty()) {
                out.add(new Aspect(u, "ownership", ownership(d.owners())));
            }
            if (d.domain() != null) {
                String domain = d.domain().startsWith("urn:li:domain:") ? d.domain() : "urn:li:domain:" + d.domain();
                out.add(new Aspect(
                        u, "domains", new Domains().setDomains(new UrnArray(List.of(Urn.createFromString(domain))))));
            }
            if (d.status() == DatasetStatus.DEPRECATED) {
                out.add(new Aspect(u, "deprecation", deprecation(Lifecycle.of(d))));
            }
            return out;
        } catch (URISyntaxException e) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    d.id().shortName() + ": a tag, term, owner or domain is not a valid URN: " + e.getMessage());
        }
    }

    /**
     * The {@code deprecation} aspect of a lifecycle: deprecated or not, the note (required by the
     * schema, so "" when there is none), the decommission date as midnight UTC in epoch millis, and
     * Lumos as the actor. Sent whole (UPSERT): the aspect says one thing and is rewritten whole by
     * DataHub's own UI too.
     */
    static Deprecation deprecation(Lifecycle l) throws URISyntaxException {
        Deprecation dep = new Deprecation()
                .setDeprecated(l.status() == DatasetStatus.DEPRECATED)
                .setNote(l.note() == null ? "" : l.note())
                .setActor(Urn.createFromString(ACTOR));
        if (l.decommissionOn() != null && l.status() == DatasetStatus.DEPRECATED) {
            dep.setDecommissionTime(l.decommissionOn()
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant()
                    .toEpochMilli());
        }
        return dep;
    }

    private static DatasetProperties properties(Dataset d) {
        Map<String, String> custom = new TreeMap<>(d.properties());
        DatasetVersion v = d.version();
        if (v != null) {
            custom.put(CLOUD_VERSION, v.cloudVersion());
            custom.put(SCHEMA_VERSION, v.schemaVersion().toString());
            custom.put(VERSION_TIME, v.timestamp().toString());
            custom.put(CHANGE_TYPE, v.changeType().name());
            putIf(custom, VERSION_AUTHOR, v.author());
            putIf(custom, CHANGE_DETAILS, v.changeDetails());
            putIf(custom, PREVIOUS_VERSION, v.previousVersion());
            putIf(custom, FINGERPRINT, v.schemaFingerprint());
        }
        putIf(custom, LOCATION, d.location());
        Statistics s = d.statistics();
        if (s.rowCount() != null) {
            custom.put(ROW_COUNT, s.rowCount().toString());
        }
        if (s.sizeBytes() != null) {
            custom.put(SIZE_BYTES, s.sizeBytes().toString());
        }
        DatasetProperties p = new DatasetProperties()
                .setName(displayName(d.id()))
                .setQualifiedName(d.name())
                .setCustomProperties(new StringMap(custom));
        if (d.description() != null) {
            p.setDescription(d.description());
        }
        if (s.lastModified() != null) {
            p.setLastModified(new TimeStamp().setTime(s.lastModified().toEpochMilli()));
        }
        return p;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** Folders of a path or the database and schema of a table, as DataHub's browse tree shows them. */
    static BrowsePathsV2 browsePaths(DatasetId id) {
        String n = id.name();
        List<String> parts;
        if (n.contains("/")) {
            parts = new ArrayList<>(Arrays.asList(n.split("/")));
        } else {
            parts = new ArrayList<>(Arrays.asList(n.split("\\.")));
            if (parts.size() > 3) {
                parts = new ArrayList<>(List.of(n)); // a file name with dots, not db.schema.table
            }
        }
        parts.remove(parts.size() - 1);
        BrowsePathEntryArray entries = new BrowsePathEntryArray();
        for (String part : parts) {
            if (!part.isEmpty()) {
                entries.add(new BrowsePathEntry().setId(part));
            }
        }
        return new BrowsePathsV2().setPath(entries);
    }

    static Ownership ownership(List<Owner> owners) throws URISyntaxException {
        com.linkedin.common.OwnerArray arr = new com.linkedin.common.OwnerArray();
        for (Owner o : owners.stream().sorted().distinct().toList()) {
            arr.add(owner(o));
        }
        return new Ownership().setOwners(arr);
    }

    // Owner.type is deprecated for typeUrn but still required by its schema (Owner.pdl, datahub-client
    // 0.15), and servers before typeUrn read only it: it is always written, with typeUrn beside it
    @SuppressWarnings("deprecation")
    static com.linkedin.common.Owner owner(Owner o) throws URISyntaxException {
        com.linkedin.common.Owner out = new com.linkedin.common.Owner().setOwner(Urn.createFromString(o.urn()));
        String t = o.type();
        if (SYSTEM_TYPES.contains(t)) {
            out.setType(OwnershipType.valueOf(t))
                    .setTypeUrn(Urn.createFromString(SYSTEM_OWNERSHIP + t.toLowerCase(Locale.ROOT)));
        } else if (LEGACY_TYPES.contains(t)) {
            out.setType(OwnershipType.valueOf(t));
        } else {
            String typeUrn = t.startsWith("urn:li:ownershipType:") ? t : "urn:li:ownershipType:" + t;
            out.setType(OwnershipType.CUSTOM).setTypeUrn(Urn.createFromString(typeUrn));
        }
        return out;
    }

    // owners written before typeUrn (or by tools that still set only the type) have only Owner.type
    @SuppressWarnings("deprecation")
    static Owner owner(com.linkedin.common.Owner o) {
        String type;
        String typeUrn = o.hasTypeUrn() ? o.getTypeUrn().toString() : null;
        if (typeUrn != null && typeUrn.startsWith(SYSTEM_OWNERSHIP)) {
            type = typeUrn.substring(SYSTEM_OWNERSHIP.length()).toUpperCase(Locale.ROOT);
        } else if (typeUrn != null && (o.getType() == OwnershipType.CUSTOM || !o.hasType())) {
            type = typeUrn.substring("urn:li:ownershipType:".length());
        } else {
            type = o.hasType() ? o.getType().name() : Owner.TECHNICAL_OWNER;
        }
        return new Owner(o.getOwner().toString(), type);
    }

    /** The upstreamLineage of one downstream: all its upstream edges, sorted, with column lineage. */
    static UpstreamLineage upstreamLineage(DatasetId downstream, List<LineageEdge> edges) {
        try {
            DatasetUrn down = datasetUrn(downstream);
            UpstreamArray ups = new UpstreamArray();
            FineGrainedLineageArray fine = new FineGrainedLineageArray();
            List<LineageEdge> sorted = edges.stream()
                    .sorted(Comparator.comparing(LineageEdge::upstream))
                    .toList();
            for (LineageEdge e : sorted) {
                DatasetUrn up = datasetUrn(e.upstream());
                Map<String, String> props = new TreeMap<>();
                DatasetLineageType type =
                        switch (e.type()) {
                            case COPIED -> DatasetLineageType.COPY;
                            case VIEW -> DatasetLineageType.VIEW;
                            default -> DatasetLineageType.TRANSFORMED;
                        };
                if (e.type() == LineageType.DERIVED || e.type() == LineageType.AGGREGATED) {
                    props.put(LINEAGE_TYPE, e.type().name());
                }
                if (e.confidence() != 1.0) {
                    props.put(CONFIDENCE, Double.toString(e.confidence()));
                }
                putIf(props, CREATED_BY, e.createdBy());
                Upstream u = new Upstream().setDataset(up).setType(type).setAuditStamp(stamp(e.createdAt()));
                if (e.createdAt() != null) {
                    u.setCreated(stamp(e.createdAt()));
                }
                if (!props.isEmpty()) {
                    u.setProperties(new StringMap(props));
                }
                ups.add(u);
                List<ColumnMapping> cols = e.columns().stream()
                        .sorted(Comparator.comparing(ColumnMapping::downstreamColumn)
                                .thenComparing(c -> String.join(",", c.upstreamColumns())))
                        .toList();
                for (ColumnMapping c : cols) {
                    UrnArray upFields = new UrnArray();
                    for (String col : c.upstreamColumns()) {
                        upFields.add(SchemaMapping.schemaFieldUrn(up, col));
                    }
                    FineGrainedLineage f = new FineGrainedLineage()
                            .setUpstreamType(FineGrainedLineageUpstreamType.FIELD_SET)
                            .setUpstreams(upFields)
                            .setDownstreamType(FineGrainedLineageDownstreamType.FIELD)
                            .setDownstreams(
                                    new UrnArray(List.of(SchemaMapping.schemaFieldUrn(down, c.downstreamColumn()))))
                            .setConfidenceScore((float) e.confidence());
                    String op = transformOperation(c);
                    if (op != null) {
                        f.setTransformOperation(op);
                    }
                    fine.add(f);
                }
            }
            UpstreamLineage lineage = new UpstreamLineage().setUpstreams(ups);
            if (!fine.isEmpty()) {
                lineage.setFineGrainedLineages(fine);
            }
            return lineage;
        } catch (URISyntaxException e) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT,
                    "lineage into " + downstream.shortName() + " names a column that is not a valid DataHub URN: "
                            + e.getMessage());
        }
    }

    /**
     * The fine-grained lineage's {@code transformOperation}: how the column was made in OpenLineage's
     * words, the way DataHub's own parsers write "KIND: detail": the subtype (its type follows from
     * it; {@code TYPE/SUBTYPE} when a producer paired them otherwise, the type alone without a
     * subtype), then ": " and the description. Without a kind, the description as it was written.
     */
    static String transformOperation(ColumnMapping c) {
        String kind;
        if (c.transformationSubtype() != null) {
            String implied = ColumnTransformations.typeOf(c.transformationSubtype());
            kind = c.transformationType() == null || c.transformationType().equals(implied)
                    ? c.transformationSubtype()
                    : c.transformationType() + "/" + c.transformationSubtype();
        } else {
            kind = c.transformationType();
        }
        if (kind == null) {
            return c.transformation();
        }
        return c.transformation() == null ? kind : kind + ": " + c.transformation();
    }

    /** A column mapping from a {@code transformOperation} as {@link #transformOperation} writes it, or free text. */
    static ColumnMapping columnMapping(List<String> ups, String down, String op) {
        if (op != null) {
            java.util.regex.Matcher m = OPERATION.matcher(op);
            if (m.matches()) {
                String type = m.group(1);
                String subtype = m.group(2);
                String word = m.group(3);
                if (word != null) {
                    if (ColumnTransformations.typeOf(word) != null) {
                        subtype = word;
                        type = ColumnTransformations.typeOf(word);
                    } else {
                        type = word;
                    }
                }
                return new ColumnMapping(ups, down, m.group(4), type, subtype);
            }
        }
        return new ColumnMapping(ups, down, op);
    }

    private static final java.util.regex.Pattern OPERATION = java.util.regex.Pattern.compile(
            "(?:(DIRECT|INDIRECT)/([A-Z_]+)|(DIRECT|INDIRECT|IDENTITY|TRANSFORMATION|AGGREGATION|JOIN|FILTER|GROUP_BY"
                    + "|SORT|WINDOW|CONDITIONAL))(?:: (.*))?",
            java.util.regex.Pattern.DOTALL);

    // ---- read

    /** Lineage edges from the upstreamLineage aspect of {@code downstream}. */
    static List<LineageEdge> edges(DatasetId downstream, UpstreamLineage lineage) {
        Map<String, List<ColumnMapping>> columns = new LinkedHashMap<>();
        if (lineage.hasFineGrainedLineages()) {
            for (FineGrainedLineage f : lineage.getFineGrainedLineages()) {
                if (!f.hasUpstreams() || !f.hasDownstreams()) {
                    continue;
                }
                Map<String, List<String>> byDataset = new LinkedHashMap<>();
                for (Urn up : f.getUpstreams()) {
                    if (!"schemaField".equals(up.getEntityType())) {
                        continue;
                    }
                    byDataset
                            .computeIfAbsent(up.getEntityKey().get(0), k -> new ArrayList<>())
                            .add(SchemaMapping.v1(SchemaMapping.decodeFieldPath(
                                    up.getEntityKey().get(1))));
                }
                for (Urn down : f.getDownstreams()) {
                    if (!"schemaField".equals(down.getEntityType())) {
                        continue;
                    }
                    String downCol = SchemaMapping.v1(
                            SchemaMapping.decodeFieldPath(down.getEntityKey().get(1)));
                    // a patch without an operation is keyed (and stored) as "NONE" by GMS's template
                    String op = Patches.NONE.equals(f.getTransformOperation()) ? null : f.getTransformOperation();
                    byDataset.forEach((ds, cols) ->
                            columns.computeIfAbsent(ds, k -> new ArrayList<>()).add(columnMapping(cols, downCol, op)));
                }
            }
        }
        List<LineageEdge> out = new ArrayList<>();
        for (Upstream u : lineage.getUpstreams()) {
            String upUrn = u.getDataset().toString();
            Map<String, String> props = u.hasProperties() ? u.getProperties() : Map.of();
            LineageType type =
                    switch (u.getType()) {
                        case COPY -> LineageType.COPIED;
                        case VIEW -> LineageType.VIEW;
                        default ->
                            props.containsKey(LINEAGE_TYPE)
                                    ? LineageType.parse(props.get(LINEAGE_TYPE))
                                    : LineageType.TRANSFORMED;
                    };
            double confidence = props.containsKey(CONFIDENCE) ? Double.parseDouble(props.get(CONFIDENCE)) : 1.0;
            Instant created = u.hasCreated()
                    ? Instant.ofEpochMilli(u.getCreated().getTime())
                    : (u.getAuditStamp().getTime() > 0
                            ? Instant.ofEpochMilli(u.getAuditStamp().getTime())
                            : null);
            DatasetId up = DatasetId.parse(upUrn, "PROD");
            if (up.equals(downstream)) {
                continue;
            }
            out.add(new LineageEdge(
                    up,
                    downstream,
                    type,
                    confidence,
                    created,
                    props.get(CREATED_BY),
                    columns.getOrDefault(upUrn, List.of())));
        }
        return out;
    }

    /** A Lumos dataset from DataHub aspects by name (any may be missing). */
    Dataset dataset(DatasetId id, Map<String, com.linkedin.data.template.RecordTemplate> aspects) {
        Dataset.Builder b = Dataset.builder(id);
        if (aspects.get("datasetProperties") instanceof DatasetProperties p) {
            b.description(p.getDescription());
            Map<String, String> custom = new TreeMap<>(p.hasCustomProperties() ? p.getCustomProperties() : Map.of());
            String cloud = custom.remove(CLOUD_VERSION);
            String semver = custom.remove(SCHEMA_VERSION);
            String time = custom.remove(VERSION_TIME);
            String change = custom.remove(CHANGE_TYPE);
            String author = custom.remove(VERSION_AUTHOR);
            String details = custom.remove(CHANGE_DETAILS);
            String previous = custom.remove(PREVIOUS_VERSION);
            String fingerprint = custom.remove(FINGERPRINT);
            if (cloud != null && semver != null && time != null && change != null) {
                try {
                    b.version(new DatasetVersion(
                            cloud,
                            SemVer.parse(semver),
                            Instant.parse(time),
                            author,
                            ChangeType.valueOf(change),
                            details,
                            previous,
                            fingerprint));
                } catch (RuntimeException e) {
                    // someone edited our properties by hand: keep the dataset, drop the version
                }
            }
            b.location(custom.remove(LOCATION));
            String rows = custom.remove(ROW_COUNT);
            String size = custom.remove(SIZE_BYTES);
            Instant modified = p.hasLastModified()
                    ? Instant.ofEpochMilli(p.getLastModified().getTime())
                    : null;
            b.statistics(new Statistics(
                    rows == null ? null : Long.valueOf(rows), size == null ? null : Long.valueOf(size), modified));
            b.properties(custom);
        }
        if (aspects.get("schemaMetadata") instanceof SchemaMetadata s) {
            b.fields(schemas.fromSchemaMetadata(s));
        }
        if (aspects.get("subTypes") instanceof SubTypes st && !st.getTypeNames().isEmpty()) {
            b.subtype(subtypeFromName(st.getTypeNames().get(0)));
        }
        if (aspects.get("globalTags") instanceof GlobalTags g) {
            List<String> tags = new ArrayList<>();
            for (TagAssociation t : g.getTags()) {
                tags.add(tagName(t.getTag().toString()));
            }
            b.tags(tags);
        }
        if (aspects.get("glossaryTerms") instanceof GlossaryTerms g) {
            List<String> terms = new ArrayList<>();
            for (GlossaryTermAssociation t : g.getTerms()) {
                String u = t.getUrn().toString();
                terms.add(u.substring("urn:li:glossaryTerm:".length()));
            }
            b.glossaryTerms(terms);
        }
        if (aspects.get("ownership") instanceof Ownership o) {
            List<Owner> owners = new ArrayList<>();
            for (com.linkedin.common.Owner owner : o.getOwners()) {
                owners.add(owner(owner));
            }
            b.owners(owners);
        }
        if (aspects.get("domains") instanceof Domains dm && !dm.getDomains().isEmpty()) {
            String u = dm.getDomains().get(0).toString();
            b.domain(u.substring(u.lastIndexOf(':') + 1));
        }
        DatasetStatus status = DatasetStatus.ACTIVE;
        if (aspects.get("deprecation") instanceof Deprecation dep && dep.isDeprecated()) {
            status = DatasetStatus.DEPRECATED;
        }
        if (aspects.get("status") instanceof Status st && st.isRemoved()) {
            status = DatasetStatus.REMOVED;
        }
        b.status(status);
        Dataset d = b.build();
        if (status == DatasetStatus.DEPRECATED
                && aspects.get("deprecation") instanceof Deprecation dep
                && Lifecycle.of(d).note() == null) {
            // deprecated in DataHub itself: its note and date come from the aspect
            String note = dep.getNote() == null || dep.getNote().isBlank() ? null : dep.getNote();
            java.time.LocalDate on = dep.getDecommissionTime() == null
                    ? null
                    : java.time.Instant.ofEpochMilli(dep.getDecommissionTime())
                            .atZone(java.time.ZoneOffset.UTC)
                            .toLocalDate();
            d = new Lifecycle(status, note, on, Lifecycle.of(d).by()).applyTo(d);
        }
        return d;
    }
}
