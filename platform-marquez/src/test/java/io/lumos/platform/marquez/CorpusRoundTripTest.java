package io.lumos.platform.marquez;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every example event of the shared corpus goes into our model and back without losing a facet. */
class CorpusRoundTripTest {
    final OpenLineageModel model = new OpenLineageModel(URI.create("https://example.org/lumos-test"));

    static List<JsonNode> eventsOf(Path file) throws Exception {
        String text = Files.readString(file);
        // the seed template has unquoted {{...}} placeholders for times
        text = text.replaceAll("\"\\{\\{[A-Z_]+}}\"", "\"2026-01-01T00:00:00Z\"");
        JsonNode n = FakeMarquez.JSON.readTree(text);
        List<JsonNode> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(out::add);
        } else if (n.has("eventTime") || n.has("job") || n.has("dataset") || n.has("run")) {
            out.add(n);
        } else {
            // a facet-only example: make it the facets of one static dataset
            ObjectNode e = FakeMarquez.JSON.createObjectNode();
            ObjectNode d = e.putObject("dataset");
            d.put("namespace", "example");
            d.put("name", file.getFileName().toString());
            d.set("facets", n);
            out.add(e);
        }
        return out;
    }

    @Test
    void everyExampleRoundTrips() throws Exception {
        Path dir = Shared.require("corpora/openlineage-events");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(18);
        int datasets = 0;
        int facets = 0;
        int edgesWithColumns = 0;
        for (Path f : files) {
            for (JsonNode event : eventsOf(f)) {
                OpenLineageModel.Parsed parsed = model.parse(event);
                JsonNode back = model.toEvent(parsed);
                assertThat(back)
                        .as(f.getFileName() + ": the event back equals the original")
                        .isEqualTo(event);
                for (OpenLineageModel.Role r : parsed.datasets()) {
                    datasets++;
                    facets += r.dataset()
                                    .properties()
                                    .getOrDefault("openlineage.facet.keys", "")
                                    .isEmpty()
                            ? 0
                            : r.dataset()
                                    .properties()
                                    .get("openlineage.facet.keys")
                                    .split(",")
                                    .length;
                }
                edgesWithColumns += (int) parsed.edges().stream()
                        .filter(e -> !e.columns().isEmpty())
                        .count();
            }
        }
        assertThat(datasets).isGreaterThan(30);
        assertThat(facets).isGreaterThan(40);
        assertThat(edgesWithColumns).isGreaterThanOrEqualTo(4);
    }

    @Test
    void standardFacetsLandInTheModel() throws Exception {
        Path dir = Shared.require("corpora/openlineage-events");
        JsonNode full = eventsOf(dir.resolve("marquez__event_full.json")).get(0);
        OpenLineageModel.Parsed parsed = model.parse(full);
        Dataset out = parsed.datasets().stream()
                .filter(r -> r.where().startsWith("outputs/"))
                .findFirst()
                .orElseThrow()
                .dataset();
        JsonNode schema =
                full.path("outputs").get(0).path("facets").path("schema").path("fields");
        assertThat(out.fields()).extracting(Field::name).hasSize(schema.size());
        assertThat(out.fields().get(0).nativeType())
                .isEqualTo(schema.get(0).path("type").asText());
        JsonNode doc = full.path("outputs").get(0).path("facets").path("documentation");
        if (doc.has("description")) {
            assertThat(out.description()).isEqualTo(doc.get("description").asText());
        }

        JsonNode owners = eventsOf(dir.resolve("openlineage__facet_ownership_example1.json"))
                .get(0);
        Dataset owned = model.parse(owners).datasets().get(0).dataset();
        assertThat(owned.owners())
                .hasSize(owners.path("dataset")
                        .path("facets")
                        .path("ownership")
                        .path("owners")
                        .size());

        JsonNode cl = eventsOf(dir.resolve("marquez__seed_food_delivery_events.template.json")).stream()
                .filter(e -> e.path("outputs").path(0).path("facets").has("columnLineage"))
                .findFirst()
                .orElseThrow();
        List<LineageEdge> edges = model.parse(cl).edges();
        assertThat(edges).anyMatch(e -> !e.columns().isEmpty());
    }
}
