package io.lumos.platform.marquez;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataTypes;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.LineageType;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming writer sends exactly what openlineage-java's beans serialise to: same JSON tree for
 * every dataset shape we have in tests (versions, statistics, nested fields, field tags, every
 * subtype, locations with and without a symlink, times with and without fractions).
 */
class EventWriterTest {
    final FacetMapper mapper = new FacetMapper(
            new OpenLineage(URI.create("https://example.org/lumos-test")),
            URI.create("https://example.org/lumos-test"));
    final MarquezNames naming = new MarquezNames(null, "lumos");
    final OpenLineageBuilders events = new OpenLineageBuilders(mapper, naming);
    final EventWriter writer = new EventWriter(mapper);

    static List<Dataset> datasets() {
        List<Dataset> out = new ArrayList<>();
        CatalogSnapshot snapshot = MarquezMigrationFidelityTest.snapshot();
        out.addAll(snapshot.datasets());
        out.add(EventSchemaTest.orders());
        out.add(EventSchemaTest.daily());
        out.add(MarquezBench.dataset(7));
        int i = 0;
        for (String subtype :
                List.of("table", "view", "materialized_view", "file", "topic", "stream", "model", "dashboard")) {
            out.add(Dataset.builder(DatasetId.of("s3", "lake/t" + i++))
                    .subtype(subtype)
                    .location("s3://lake/warehouse/t" + i + "/part-0.parquet")
                    .fields(List.of(Field.builder("x", DataTypes.parse("map<string,array<int32>>"))
                            .tags(List.of("a", "b:c"))
                            .properties(Map.of("z", "1", "a", "2"))
                            .partitionKey(true)
                            .build()))
                    .build());
        }
        out.add(Dataset.builder(DatasetId.of("csv", "orders"))
                .location("/tmp/orders.csv")
                .build());
        // gone from its source: the lifecycleStateChange facet
        out.add(new io.lumos.domain.Lifecycle(io.lumos.domain.DatasetStatus.REMOVED, "gone", null, "stale:shop")
                .applyTo(Dataset.builder(DatasetId.of("csv", "old_orders")).build()));
        return out;
    }

    static JsonNode tree(String json) throws Exception {
        return FacetMapper.JSON.readTree(json);
    }

    @Test
    void datasetEventsEqualTheBeans() throws Exception {
        List<Instant> times = List.of(
                Instant.parse("2026-11-22T03:11:06Z"),
                Instant.parse("2026-11-22T03:11:06.100Z"),
                Instant.parse("2026-11-22T03:11:06.129142625Z"));
        int compared = 0;
        for (Dataset d : datasets()) {
            for (Instant t : times) {
                MarquezNames.Ref ref = naming.ref(d.id());
                String streamed = writer.datasetEvent(ref, d, t);
                String beans = EventJson.toJson(events.dataset(d, t));
                assertThat(tree(streamed)).as(d.id().urn() + " at " + t).isEqualTo(tree(beans));
                assertThat(EventJson.typeOf(streamed)).isEqualTo("DatasetEvent");
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(40);
    }

    @Test
    void lineageEventsEqualTheBeans() throws Exception {
        List<Dataset> all = datasets();
        Dataset down = all.get(0);
        Instant now = Instant.parse("2026-11-22T03:11:06.5Z");
        List<LineageEdge> edges = new ArrayList<>();
        for (int i = 1; i < 5; i++) {
            LineageEdge e = new LineageEdge(
                    all.get(i).id(),
                    down.id(),
                    i % 2 == 0 ? LineageType.AGGREGATED : LineageType.TRANSFORMED,
                    i / 4.0,
                    i == 1 ? null : now.minusSeconds(i),
                    i == 2 ? null : "config",
                    i == 3
                            ? List.of(
                                    new ColumnMapping(List.of("a", "b"), "x", "SUM(a)"),
                                    new ColumnMapping(List.of("c"), "y", null),
                                    new ColumnMapping(List.of("k"), "y", null, "INDIRECT", "JOIN"),
                                    new ColumnMapping(List.of("d"), "z", null, "DIRECT", "AGGREGATION"))
                            : List.of());
            edges.add(e);
        }
        edges.sort(Comparator.comparing(LineageEdge::upstream));
        ObjectNode raw = (ObjectNode) tree(EventJson.toJson(mapper.mentionFacets(all.get(5))));
        // mentions: a dataset of this run, raw facets read from Marquez, and an unknown dataset
        List<Object> mentions = new ArrayList<>(List.of(all.get(1), raw, all.get(3)));
        mentions.add(null);
        List<MarquezNames.Ref> refs = new ArrayList<>();
        List<OpenLineage.InputDataset> inputs = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            MarquezNames.Ref up = naming.ref(edges.get(i).upstream());
            refs.add(up);
            Object m = mentions.get(i);
            OpenLineage.DatasetFacets facets = m instanceof Dataset d
                    ? mapper.mentionFacets(d)
                    : m instanceof ObjectNode n ? FacetMapper.parseFacets(n) : null;
            inputs.add(mapper.openLineage().newInputDataset(up.namespace(), up.name(), facets, null));
        }
        MarquezNames.Ref out = naming.ref(down.id());
        OpenLineage.Job job = events.lineageJob(out, down.id(), edges);
        String beans = EventJson.toJson(events.lineage(
                job,
                inputs,
                mapper.openLineage().newOutputDataset(out.namespace(), out.name(), mapper.mentionFacets(down), null),
                now));
        String streamed = writer.lineageEvent(
                naming.jobNamespace(), naming.lineageJob(out), down.id(), edges, refs, mentions, out, down, now);
        assertThat(tree(streamed)).isEqualTo(tree(beans));
        assertThat(EventJson.typeOf(streamed)).isEqualTo("JobEvent");
    }
}
