package io.lumos.source.openlineage;

import static io.lumos.source.openlineage.Intake.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Field;
import io.lumos.domain.Owner;
import io.lumos.domain.Statistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One dataset of the model from what the events said about it: the schema facet's fields (nested
 * ones included) with their types read by {@link NativeTypes}, documentation as the description,
 * owners, tags, the dataset type as the subtype, a DROP as removed, output statistics, and where the
 * data lives. What the model has no place for (symlinks, storage, data source, version) goes into
 * properties under {@code openlineage.*} and {@code storage.*}.
 */
final class DatasetBuilder {
    static final String NAMESPACE = "openlineage.namespace";
    static final String NAME = "openlineage.name";

    private final Namespaces namespaces;

    DatasetBuilder(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    DatasetId id(String namespace, String name) {
        return namespaces.id(namespace, name);
    }

    Dataset dataset(DatasetId id, DatasetFacts s) {
        return dataset(id, s, null);
    }

    /** The properties each facet makes: the catalog's are kept together when it holds the newer facet. */
    private static final Map<String, List<String>> FACET_PROPERTIES = Map.of(
            "symlinks", List.of("openlineage.symlinks"),
            "storage", List.of("storage.layer", "storage.file_format"),
            "dataSource", List.of("openlineage.data_source.name", "openlineage.data_source.uri"),
            "version", List.of("openlineage.dataset_version"),
            "lifecycleStateChange", List.of("openlineage.lifecycle"));

    /**
     * The dataset as the catalog is to hold it, given what it holds now ({@code stored}, null when
     * nothing): each facet the catalog holds from a newer event ({@link EventTimes}) stays as the
     * catalog holds it (its fields, description, owners, tags, type, lifecycle, statistics,
     * properties), and so does one this batch's events did not state at all; the rest comes from
     * {@code s}. Without stored times this is {@code s} alone, as before.
     */
    Dataset dataset(DatasetId id, DatasetFacts s, Dataset stored) {
        EventTimes held = EventTimes.of(stored);
        boolean[] theirs = new boolean[DatasetFacts.FACETS.size()];
        for (int i = 0; i < theirs.length; i++) {
            theirs[i] = held.holds(i, s.times[i]);
        }
        Map<String, String> props = new TreeMap<>();
        props.put(NAMESPACE, s.namespace);
        props.put(NAME, s.name);
        String producer = s.producer;
        if (held.seen() != null && (s.lastSeen == null || s.lastSeen.isBefore(held.seen()))) {
            producer = stored.properties().get("openlineage.producer");
        }
        if (producer != null) {
            props.put("openlineage.producer", producer);
        }
        String times = EventTimes.merged(s, held);
        if (!times.isEmpty()) {
            props.put(EventTimes.PROPERTY, times);
        }
        JsonNode symlinks = s.facet(DatasetFacts.SYMLINKS);
        if (symlinks != null) {
            List<String> ids = new ArrayList<>();
            for (JsonNode i : symlinks.path("identifiers")) {
                if (text(i, "namespace") != null && text(i, "name") != null) {
                    String type = text(i, "type");
                    ids.add(text(i, "namespace") + " " + text(i, "name") + (type == null ? "" : " (" + type + ")"));
                }
            }
            if (!ids.isEmpty()) {
                props.put("openlineage.symlinks", String.join("; ", ids));
            }
        }
        JsonNode storage = facet(s, "storage");
        if (storage != null) {
            putIf(props, "storage.layer", text(storage, "storageLayer"));
            putIf(props, "storage.file_format", text(storage, "fileFormat"));
        }
        JsonNode source = facet(s, "dataSource");
        if (source != null) {
            putIf(props, "openlineage.data_source.name", text(source, "name"));
            putIf(props, "openlineage.data_source.uri", text(source, "uri"));
        }
        JsonNode version = facet(s, "version");
        if (version != null) {
            putIf(props, "openlineage.dataset_version", text(version, "datasetVersion"));
        }
        JsonNode lifecycle = facet(s, "lifecycleStateChange");
        String change = lifecycle == null ? null : text(lifecycle, "lifecycleStateChange");
        if (change != null) {
            props.put("openlineage.lifecycle", change.toUpperCase(Locale.ROOT));
        }
        FACET_PROPERTIES.forEach((facet, keys) -> {
            if (theirs[DatasetFacts.facetIndex(facet)]) {
                for (String k : keys) {
                    props.remove(k);
                    String v = stored.properties().get(k);
                    if (v != null) {
                        props.put(k, v);
                    }
                }
            }
        });
        change = props.get("openlineage.lifecycle");

        String location = null;
        if (s.physicalNamespace != null) {
            location = Namespaces.location(s.physicalNamespace, s.physicalName);
            if (location == null) {
                props.put("openlineage.physical", s.physicalNamespace + " " + s.physicalName);
            }
        }
        if (location == null) {
            location = Namespaces.location(s.namespace, s.name);
        }

        Map<String, List<String>> fieldTags = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        int tagsFacet = DatasetFacts.facetIndex("tags");
        if (theirs[tagsFacet]) {
            tags.addAll(stored.tags());
            for (Field f : stored.allFields()) {
                if (!f.tags().isEmpty()) {
                    fieldTags.put(f.path(), f.tags());
                }
            }
        } else {
            JsonNode tagFacet = s.facet(tagsFacet);
            if (tagFacet != null) {
                for (JsonNode t : tagFacet.path("tags")) {
                    String tag = tag(t);
                    if (tag == null) {
                        continue;
                    }
                    String field = text(t, "field");
                    if (field != null && !field.isBlank()) {
                        fieldTags.computeIfAbsent(field, k -> new ArrayList<>()).add(tag);
                    } else if (!tags.contains(tag)) {
                        tags.add(tag);
                    }
                }
            }
        }

        List<Owner> owners = new ArrayList<>();
        if (theirs[DatasetFacts.facetIndex("ownership")]) {
            owners.addAll(stored.owners());
        } else {
            JsonNode ownership = facet(s, "ownership");
            if (ownership != null) {
                for (JsonNode o : ownership.path("owners")) {
                    Owner owner = owner(text(o, "name"), text(o, "type"));
                    if (owner != null && !owners.contains(owner)) {
                        owners.add(owner);
                    }
                }
            }
        }
        String description;
        if (theirs[DatasetFacts.facetIndex("documentation")]) {
            description = stored.description();
        } else {
            JsonNode doc = facet(s, "documentation");
            description = doc == null ? null : text(doc, "description");
        }
        List<Field> fields;
        if (theirs[DatasetFacts.SCHEMA]) {
            fields = retagged(stored.fields(), fieldTags);
        } else {
            JsonNode schema = s.facet(DatasetFacts.SCHEMA);
            fields = schema == null ? List.of() : fields(schema.path("fields"), "", fieldTags);
        }

        Statistics statistics;
        Instant lastModified = s.lastWritten;
        if (!held.isEmpty()) {
            // a run's last success never goes back: the catalog's stays when it is newer
            lastModified = EventTimes.newer(lastModified, stored.statistics().lastModified());
        }
        if (theirs[DatasetFacts.OUTPUT_STATISTICS]) {
            statistics = new Statistics(
                    stored.statistics().rowCount(), stored.statistics().sizeBytes(), lastModified);
        } else {
            JsonNode stats = s.facet(DatasetFacts.OUTPUT_STATISTICS);
            statistics = new Statistics(positive(stats, "rowCount"), positive(stats, "size"), lastModified);
        }

        return Dataset.builder(id)
                .description(description)
                .subtype(theirs[DatasetFacts.facetIndex("datasetType")] ? stored.subtype() : subtype(s))
                .fields(fields)
                .tags(tags)
                .owners(owners)
                .status("DROP".equalsIgnoreCase(change) ? DatasetStatus.REMOVED : DatasetStatus.ACTIVE)
                .properties(props)
                .statistics(statistics)
                .location(location)
                .build();
    }

    /** The catalog's fields (its schema is the newer) with the tags of the tags facet that wins. */
    private static List<Field> retagged(List<Field> fields, Map<String, List<String>> fieldTags) {
        List<Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            Field.Builder b = f.toBuilder().tags(fieldTags.getOrDefault(f.path(), List.of()));
            if (!f.fields().isEmpty()) {
                b.fields(retagged(f.fields(), fieldTags));
            }
            out.add(b.build());
        }
        return out;
    }

    private static JsonNode facet(DatasetFacts s, String name) {
        return s.facet(DatasetFacts.FACETS.indexOf(name));
    }

    private static Long positive(JsonNode stats, String field) {
        if (stats == null || !stats.path(field).canConvertToLong()) {
            return null;
        }
        long v = stats.get(field).asLong();
        return v < 0 ? null : v;
    }

    private static void putIf(Map<String, String> props, String key, String value) {
        if (value != null && !value.isBlank()) {
            props.put(key, value);
        }
    }

    private static String subtype(DatasetFacts s) {
        JsonNode dt = facet(s, "datasetType");
        if (dt != null && text(dt, "datasetType") != null) {
            String type = text(dt, "datasetType").toLowerCase(Locale.ROOT);
            String sub = text(dt, "subType");
            if ("view".equals(type)
                    && sub != null
                    && sub.toUpperCase(Locale.ROOT).contains("MATERIALIZED")) {
                return "materialized_view";
            }
            return type;
        }
        String platform = Namespaces.schemePlatform(s.namespace);
        if ("kafka".equals(platform) || "kinesis".equals(platform) || "pubsub".equals(platform)) {
            return "topic";
        }
        return "table";
    }

    /** {@code key} for a bare tag or a true flag, {@code key:value} otherwise. */
    private static String tag(JsonNode t) {
        String key = text(t, "key");
        if (key == null || key.isBlank()) {
            return null;
        }
        String value = text(t, "value");
        return value == null || value.isBlank() || "true".equalsIgnoreCase(value) ? key : key + ":" + value;
    }

    /**
     * OpenLineage owners are {@code user:jdoe}, {@code team:data} or a bare name; teams and groups
     * become groups. The ownership type is kept as the producer wrote it (MAINTAINER, ...).
     */
    static Owner owner(String name, String type) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip();
        String ours;
        String lower = n.toLowerCase(Locale.ROOT);
        if (n.startsWith("urn:li:corpuser:") || n.startsWith("urn:li:corpGroup:")) {
            ours = n;
        } else if (lower.startsWith("user:")) {
            ours = "user:" + clean(n.substring(5));
        } else if (lower.startsWith("team:") || lower.startsWith("group:")) {
            ours = "group:" + clean(n.substring(n.indexOf(':') + 1));
        } else {
            ours = clean(n);
        }
        try {
            return new Owner(ours, type == null ? null : type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String clean(String s) {
        return s.strip().replace(':', '_');
    }

    private List<Field> fields(JsonNode array, String parent, Map<String, List<String>> fieldTags) {
        List<JsonNode> sorted = new ArrayList<>();
        array.forEach(sorted::add);
        if (sorted.stream().anyMatch(f -> f.has("ordinal_position"))) {
            sorted.sort((a, b) -> Long.compare(
                    a.path("ordinal_position").asLong(Long.MAX_VALUE),
                    b.path("ordinal_position").asLong(Long.MAX_VALUE)));
        }
        List<Field> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode f : sorted) {
            String name = text(f, "name");
            if (name == null || name.isEmpty() || !seen.add(name)) {
                continue;
            }
            String path = parent.isEmpty() ? name : parent + "." + name;
            String typeText = text(f, "type");
            NativeTypes.Parsed parsed = NativeTypes.parse(typeText);
            DataType type = parsed.type();
            List<Field> children = null;
            JsonNode nested = f.path("fields");
            if (nested.isArray() && !nested.isEmpty()) {
                children = fields(nested, path, fieldTags);
                List<DataType.StructType.Member> members = new ArrayList<>();
                for (Field c : children) {
                    members.add(new DataType.StructType.Member(c.name(), c.type()));
                }
                DataType struct = new DataType.StructType(members);
                type = type instanceof DataType.ArrayType ? new DataType.ArrayType(struct) : struct;
            }
            Field.Builder b = Field.builder(name, type)
                    .path(path)
                    .nullable(!parsed.notNull())
                    .description(text(f, "description"))
                    .tags(fieldTags.getOrDefault(path, List.of()))
                    .nativeType(typeText);
            if (children != null) {
                b.fields(children);
            }
            out.add(b.build());
        }
        return out;
    }
}
