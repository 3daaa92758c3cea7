package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The OpenLineage JSON Schemas of the shared specs, each served under its {@code $id} (no
 * network): the event against the spec, and every facet against the schema its {@code _schemaURL}
 * names (custom facets against the spec's base facet).
 */
final class OpenLineageSchemas {
    static final String SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
    final Map<String, String> byId = new HashMap<>();
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> cache = new HashMap<>();

    OpenLineageSchemas(Path specDir) throws IOException {
        try (Stream<Path> files = Files.walk(specDir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String text = Files.readString(p);
                JsonNode n = FakeMarquez.JSON.readTree(text);
                if (n.hasNonNull("$id")) {
                    byId.put(n.get("$id").asText(), text);
                }
            }
        }
        factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012, b -> b.schemaLoaders(l -> l.schemas(byId)));
    }

    private synchronized JsonSchema schema(String url) {
        return cache.computeIfAbsent(url, u -> factory.getSchema(SchemaLocation.of(u), config));
    }

    /** Every problem of an event: against the spec, then each facet against its own schema. */
    List<String> validate(JsonNode event) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema(SPEC).validate(event)) {
            problems.add("event: " + m.getMessage());
        }
        facets(event.path("run").path("facets"), "RunFacet", "run", problems);
        facets(event.path("job").path("facets"), "JobFacet", "job", problems);
        facets(event.path("dataset").path("facets"), "DatasetFacet", "dataset", problems);
        for (String list : List.of("inputs", "outputs")) {
            int i = 0;
            for (JsonNode d : event.path(list)) {
                facets(d.path("facets"), "DatasetFacet", list + "[" + i + "]", problems);
                facets(d.path("inputFacets"), "InputDatasetFacet", list + "[" + i + "].inputFacets", problems);
                facets(d.path("outputFacets"), "OutputDatasetFacet", list + "[" + i + "].outputFacets", problems);
                i++;
            }
        }
        return problems;
    }

    /** The facet schema URLs of an event that are not in the shared specs. */
    Set<String> unknownSchemas(JsonNode facets) {
        Set<String> out = new java.util.TreeSet<>();
        facets.fields().forEachRemaining(f -> {
            String url = f.getValue().path("_schemaURL").asText();
            if (!byId.containsKey(url.split("#")[0])) {
                out.add(f.getKey() + "=" + url);
            }
        });
        return out;
    }

    private void facets(JsonNode facets, String base, String where, List<String> problems) {
        Iterator<Map.Entry<String, JsonNode>> it = facets.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String url = f.getValue().path("_schemaURL").asText("");
            String target = byId.containsKey(url.split("#")[0]) && url.contains("#") ? url : SPEC + "#/$defs/" + base;
            for (ValidationMessage m : schema(target).validate(f.getValue())) {
                problems.add(where + ".facets." + f.getKey() + " (" + target + "): " + m.getMessage());
            }
        }
    }
}
