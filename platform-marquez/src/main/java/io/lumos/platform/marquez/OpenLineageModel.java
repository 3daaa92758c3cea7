package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.openlineage.client.OpenLineage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Any OpenLineage event to our model and back. Datasets (static, inputs, outputs) become
 * {@link Dataset}s through the same facet mapping the adapter reads with; column lineage becomes
 * {@link LineageEdge}s with column mappings. What the model cannot say exactly (facets it has no
 * place for, or a facet whose regenerated form would differ, such as a native type name or a
 * transformation's masking flag) is kept verbatim in the dataset's properties under
 * {@code openlineage.facet.<key>}, so that the way back loses no facet. Job and run facets are not
 * part of the dataset model and ride along unchanged.
 */
public final class OpenLineageModel {
    static final String FACET_PREFIX = "openlineage.facet.";
    static final String NS = "openlineage.namespace";
    static final String NAME = "openlineage.name";
    static final String NO_FACETS = "openlineage.nofacets";

    /** One event as our model: its datasets, the lineage it states, and what rides along. */
    public record Parsed(JsonNode envelope, List<Role> datasets, List<LineageEdge> edges) {}

    /** A dataset and where the event had it: dataset (static), inputs[i] or outputs[i]. */
    public record Role(String where, Dataset dataset, JsonNode extraFacets) {}

    private final FacetMapper mapper;
    private final MarquezNames naming;

    public OpenLineageModel(URI producer) {
        this.mapper = new FacetMapper(new OpenLineage(producer), producer);
        this.naming = new MarquezNames(null, "lumos");
    }

    public Parsed parse(JsonNode event) {
        List<Role> roles = new ArrayList<>();
        if (event.has("dataset")) {
            roles.add(new Role("dataset", toModel(event.get("dataset")), inputOutputFacets(event.get("dataset"))));
        }
        int i = 0;
        for (JsonNode d : event.path("inputs")) {
            roles.add(new Role("inputs/" + i++, toModel(d), inputOutputFacets(d)));
        }
        i = 0;
        for (JsonNode d : event.path("outputs")) {
            roles.add(new Role("outputs/" + i++, toModel(d), inputOutputFacets(d)));
        }
        List<LineageEdge> edges = new ArrayList<>();
        for (Role out : roles) {
            if (!out.where().startsWith("outputs/")) {
                continue;
            }
            JsonNode cl = datasetNode(event, out.where())
                    .path("facets")
                    .path("columnLineage")
                    .path("fields");
            for (Role in : roles) {
                if (!in.where().startsWith("inputs/")) {
                    continue;
                }
                JsonNode inNode = datasetNode(event, in.where());
                List<ColumnMapping> cols = new ArrayList<>();
                for (Map.Entry<String, JsonNode> f : cl.properties()) {
                    List<String> ups = new ArrayList<>();
                    String transformation = FacetMapper.text(f.getValue(), "transformationDescription");
                    for (JsonNode inField : f.getValue().path("inputFields")) {
                        if (inField.path("namespace")
                                        .asText()
                                        .equals(inNode.path("namespace").asText())
                                && inField.path("name")
                                        .asText()
                                        .equals(inNode.path("name").asText())) {
                            ups.add(inField.path("field").asText());
                            for (JsonNode t : inField.path("transformations")) {
                                if (transformation == null && t.hasNonNull("description")) {
                                    transformation = t.get("description").asText();
                                }
                            }
                        }
                    }
                    if (!ups.isEmpty()) {
                        cols.add(new ColumnMapping(ups, f.getKey(), transformation));
                    }
                }
                if (!in.dataset().id().equals(out.dataset().id())) {
                    edges.add(LineageEdge.of(in.dataset().id(), out.dataset().id())
                            .withColumns(cols));
                }
            }
        }
        ObjectNode envelope = event.deepCopy();
        envelope.remove("dataset");
        for (String list : List.of("inputs", "outputs")) {
            if (envelope.has(list)) {
                envelope.set(list, FacetMapper.JSON.createArrayNode()); // filled again on the way back
            }
        }
        return new Parsed(envelope, roles, edges);
    }

    private static JsonNode datasetNode(JsonNode event, String where) {
        if (where.equals("dataset")) {
            return event.get("dataset");
        }
        int slash = where.indexOf('/'); // "inputs/3", "outputs/0"
        return event.path(where.substring(0, slash)).path(Integer.parseInt(where.substring(slash + 1)));
    }

    private static JsonNode inputOutputFacets(JsonNode d) {
        // inputFacets, outputFacets, and whatever else a producer put next to the facets
        ObjectNode extra = FacetMapper.JSON.createObjectNode();
        d.properties().forEach(f -> {
            if (!List.of("namespace", "name", "facets").contains(f.getKey())) {
                extra.set(f.getKey(), f.getValue());
            }
        });
        return extra;
    }

    /** A dataset of an event as our model, keeping verbatim what the model cannot regenerate. */
    public Dataset toModel(JsonNode d) {
        String ns = d.path("namespace").asText();
        String name = d.path("name").asText();
        JsonNode facets = d.path("facets");
        DatasetId id = naming.idOf(ns, name);
        Dataset model = mapper.dataset(id, facets, null, null);
        Map<String, String> props = new TreeMap<>(model.properties());
        MarquezNames.Ref back = naming.ref(model.id());
        if (!back.namespace().equals(ns) || !back.name().equals(name)) {
            props.put(NS, ns);
            props.put(NAME, name);
        }
        Dataset plain = model.toBuilder().properties(props).build();
        JsonNode regenerated = facetsOf(plain, false);
        for (Map.Entry<String, JsonNode> f : facets.properties()) {
            if (!f.getValue().equals(regenerated.get(f.getKey()))) {
                props.put(FACET_PREFIX + f.getKey(), f.getValue().toString());
            }
        }
        if (d.has("facets")) {
            props.put(FACET_PREFIX + "keys", String.join(",", iterable(facets.fieldNames())));
        } else {
            props.put(NO_FACETS, "true");
        }
        return model.toBuilder().properties(props).build();
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** The dataset back as an OpenLineage dataset node {namespace, name, facets}. */
    public ObjectNode toDatasetNode(Dataset d) {
        Map<String, String> p = d.properties();
        MarquezNames.Ref ref = naming.ref(d.id());
        ObjectNode n = FacetMapper.JSON.createObjectNode();
        n.put("namespace", p.getOrDefault(NS, ref.namespace()));
        n.put("name", p.getOrDefault(NAME, ref.name()));
        if (!p.containsKey(NO_FACETS)) {
            n.set("facets", facetsOf(d, true));
        }
        return n;
    }

    private ObjectNode facetsOf(Dataset d, boolean restore) {
        Map<String, String> p = d.properties();
        Map<String, String> clean = new TreeMap<>(p);
        clean.keySet().removeIf(k -> k.startsWith("openlineage."));
        Dataset plain = d.toBuilder().properties(clean).build();
        ObjectNode all = tree(EventJson.toJson(mapper.fullFacets(plain).build()));
        if (!restore) {
            return all;
        }
        ObjectNode out = FacetMapper.JSON.createObjectNode();
        String keys = p.get(FACET_PREFIX + "keys");
        List<String> order =
                keys == null ? iterable(all.fieldNames()) : (keys.isEmpty() ? List.of() : List.of(keys.split(",")));
        for (String k : order) {
            String raw = p.get(FACET_PREFIX + k);
            if (raw != null) {
                out.set(k, tree(raw));
            } else if (all.has(k)) {
                out.set(k, all.get(k));
            }
        }
        return out;
    }

    /** The whole event back from its parsed form. */
    public ObjectNode toEvent(Parsed parsed) {
        ObjectNode e = parsed.envelope().deepCopy();
        for (Role r : parsed.datasets()) {
            ObjectNode node = toDatasetNode(r.dataset());
            r.extraFacets().properties().forEach(x -> node.set(x.getKey(), x.getValue()));
            if (r.where().equals("dataset")) {
                e.set("dataset", node);
            } else {
                String list = r.where().substring(0, r.where().indexOf('/'));
                ((ArrayNode) e.withArray(list)).add(node);
            }
        }
        return e;
    }

    static ObjectNode tree(String json) {
        try {
            return (ObjectNode) FacetMapper.JSON.readTree(json);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
