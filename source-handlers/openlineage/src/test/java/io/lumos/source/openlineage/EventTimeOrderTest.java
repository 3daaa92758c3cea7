package io.lumos.source.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.platform.local.LocalCatalogFactory;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.CatalogView;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches folded one after another into the real local catalog (SQLite), as {@code lumos consume}
 * and successive {@code lumos ingest} runs do: each fact keeps the newest event time that stated
 * it, whatever batch or run brought it, as Marquez keeps the facet of the newest event.
 */
class EventTimeOrderTest {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DatasetId OUT = DatasetId.of("s3", "lake/out");
    private static final DatasetId SRC = DatasetId.of("postgres", "shop.public.src");

    @TempDir
    Path dir;

    private final DatasetBuilder builder = new DatasetBuilder(new Namespaces(List.of(), "PROD"));
    private CatalogAdapter catalog;

    @BeforeEach
    void open() {
        catalog = new LocalCatalogFactory()
                .create(
                        Settings.of("platforms.local", Map.of("path", "catalog.db")),
                        PluginContext.basic(dir, List.of()));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    /** The catalog as a source reads it: one read per dataset a batch builds. */
    private final class View implements CatalogView {
        int reads;

        @Override
        public Map<DatasetId, Dataset> datasets(Collection<DatasetId> ids) {
            Map<DatasetId, Dataset> out = new HashMap<>();
            for (DatasetId id : ids) {
                reads++;
                catalog.dataset(id).ifPresent(d -> out.put(id, d));
            }
            return out;
        }

        @Override
        public List<LineageEdge> upstreamEdges(DatasetId id) {
            return catalog.upstreamEdges(id);
        }
    }

    /**
     * A RunEvent of job {@code daily} reading {@code src} and writing {@code out} with the given
     * output facets (JSON members, comma-joined).
     */
    private static String event(String type, String time, String... outFacets) {
        return """
                {"eventType":"%s","eventTime":"%s","producer":"p-%s","run":{"runId":"00000000-0000-4000-8000-000000000001"},
                 "job":{"namespace":"airflow","name":"daily"},
                 "inputs":[{"namespace":"postgres://db:5432","name":"shop.public.src",
                   "facets":{"schema":{"fields":[{"name":"id","type":"bigint"},{"name":"price","type":"bigint"}]}}}],
                 "outputs":[{"namespace":"s3a://lake","name":"out","facets":{%s}}]}
                """
                .formatted(type, time, time, String.join(",", outFacets))
                .replace("\n", "");
    }

    private static String schema(String... columns) {
        List<String> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add("{\"name\":\"" + c + "\",\"type\":\"bigint\"}");
        }
        return "\"schema\":{\"fields\":[" + String.join(",", fields) + "]}";
    }

    private static String owner(String name) {
        return "\"ownership\":{\"owners\":[{\"name\":\"" + name + "\",\"type\":\"MAINTAINER\"}]}";
    }

    private static String doc(String text) {
        return "\"documentation\":{\"description\":\"" + text + "\"}";
    }

    /** Column lineage: each output column from the source column of the same name (or price). */
    private static String columns(String subtype, String... outColumns) {
        List<String> fields = new ArrayList<>();
        for (String c : outColumns) {
            fields.add("\"" + c
                    + "\":{\"inputFields\":[{\"namespace\":\"postgres://db:5432\",\"name\":\"shop.public.src\","
                    + "\"field\":\"" + (c.equals("id") ? "id" : "price")
                    + "\",\"transformations\":[{\"type\":\"DIRECT\","
                    + "\"subtype\":\"" + subtype + "\"}]}]}");
        }
        return "\"columnLineage\":{\"fields\":{" + String.join(",", fields) + "}}";
    }

    /** Folds the events as one batch, merged with what the catalog holds, and writes the result. */
    private List<Dataset> batch(Written memo, View view, String... events) throws IOException {
        Intake intake = new Intake(true);
        for (String e : events) {
            byte[] b = e.getBytes(StandardCharsets.UTF_8);
            intake.accept(Event.read(JSON, b, b.length), "test", (where, message) -> {
                throw new AssertionError(message);
            });
        }
        List<Dataset> datasets = new ArrayList<>();
        List<LineageEdge> edges = new ArrayList<>();
        Written.Pending pending = memo == null ? null : memo.pending();
        intake.finish(
                builder,
                false,
                pending,
                view == null ? CatalogView.NONE : view,
                (id, m) -> {},
                (where, m) -> {
                    throw new AssertionError(m);
                },
                datasets::add,
                edges::add);
        catalog.writeDatasets(datasets);
        catalog.writeLineage(edges);
        catalog.flush();
        if (pending != null) {
            pending.apply();
        }
        return datasets;
    }

    private Dataset out() {
        return catalog.dataset(OUT).orElseThrow();
    }

    private List<ColumnMapping> outColumns() {
        return catalog.upstreamEdges(OUT).stream()
                .filter(e -> e.upstream().equals(SRC))
                .findFirst()
                .orElseThrow()
                .columns();
    }

    @Test
    void anOlderEventInALaterBatchDoesNotReplaceTheNewerFactsTheCatalogHolds() throws IOException {
        Written memo = new Written();
        View view = new View();
        batch(
                memo,
                view,
                event(
                        "COMPLETE",
                        "2026-11-01T10:00:00Z",
                        schema("id", "amount"),
                        owner("team:new"),
                        doc("newer"),
                        columns("IDENTITY", "id", "amount")));
        List<ColumnMapping> newerColumns = outColumns();
        assertThat(newerColumns).hasSize(2);

        // the run's START (an hour earlier) arrives in the next batch, with the facts of then, and a
        // tags facet no newer event stated
        batch(
                memo,
                view,
                event(
                        "START",
                        "2026-11-01T09:00:00Z",
                        schema("id"),
                        owner("team:old"),
                        doc("older"),
                        columns("TRANSFORMATION", "id"),
                        "\"tags\":{\"tags\":[{\"key\":\"pii\",\"value\":\"true\",\"field\":\"id\"},"
                                + "{\"key\":\"tier\",\"value\":\"gold\"}]}"));
        Dataset d = out();
        assertThat(d.fields()).extracting(Field::name).containsExactly("id", "amount");
        assertThat(d.owners()).containsExactly(new Owner("group:new", "MAINTAINER"));
        assertThat(d.description()).isEqualTo("newer");
        assertThat(d.properties()).containsEntry("openlineage.producer", "p-2026-11-01T10:00:00Z");
        assertThat(outColumns()).isEqualTo(newerColumns);
        // what only the older event stated is taken: nothing newer stated it
        assertThat(d.tags()).containsExactly("tier:gold");
        assertThat(d.field("id").orElseThrow().tags()).containsExactly("pii");
        assertThat(d.properties().get(EventTimes.PROPERTY))
                .contains("schema=2026-11-01T10:00:00Z")
                .contains("tags=2026-11-01T09:00:00Z");
        // the run's last success did not go back
        assertThat(d.statistics().lastModified()).hasToString("2026-11-01T10:00:00Z");

        // a newer event replaces only what it states; a batch without a facet erases nothing
        batch(memo, view, event("RUNNING", "2026-11-01T11:00:00Z", doc("newest"), schema("id", "amount", "note")));
        d = out();
        assertThat(d.description()).isEqualTo("newest");
        assertThat(d.fields()).extracting(Field::name).containsExactly("id", "amount", "note");
        assertThat(d.owners()).containsExactly(new Owner("group:new", "MAINTAINER"));
        assertThat(d.tags()).containsExactly("tier:gold");
        assertThat(d.field("id").orElseThrow().tags()).containsExactly("pii");
        assertThat(outColumns()).isEqualTo(newerColumns);
    }

    @Test
    void aNewReaderWithoutMemoryKeepsToTheTimesTheCatalogHoldsAndEqualTimesLetTheLaterReadWin() throws IOException {
        // as two `lumos ingest` runs, or a consumer restarted between the batches: nothing is
        // remembered but what the catalog holds
        batch(null, new View(), event("COMPLETE", "2026-11-01T10:00:00Z", schema("id", "amount"), owner("team:new")));
        View view = new View();
        batch(new Written(), view, event("START", "2026-11-01T09:00:00Z", schema("id"), owner("team:old")));
        assertThat(view.reads).as("one read per dataset of the batch").isEqualTo(2);
        assertThat(out().fields()).extracting(Field::name).containsExactly("id", "amount");
        assertThat(out().owners()).containsExactly(new Owner("group:new", "MAINTAINER"));

        // the same time again: the fact read later wins (a producer corrects a fact by resending it)
        batch(null, new View(), event("COMPLETE", "2026-11-01T10:00:00Z", schema("id", "amount"), owner("team:fixed")));
        assertThat(out().owners()).containsExactly(new Owner("group:fixed", "MAINTAINER"));
    }

    @Test
    void withoutACatalogToReadTheBatchAloneDecidesAsBefore() throws IOException {
        batch(null, null, event("COMPLETE", "2026-11-01T10:00:00Z", schema("id", "amount")));
        batch(null, null, event("START", "2026-11-01T09:00:00Z", schema("id")));
        assertThat(out().fields()).extracting(Field::name).containsExactly("id");
    }
}
