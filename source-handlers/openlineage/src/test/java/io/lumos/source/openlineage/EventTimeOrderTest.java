package io.lumos.source.openlineage;

import static io.lumos.source.openlineage.OrderEvents.columns;
import static io.lumos.source.openlineage.OrderEvents.doc;
import static io.lumos.source.openlineage.OrderEvents.event;
import static io.lumos.source.openlineage.OrderEvents.owner;
import static io.lumos.source.openlineage.OrderEvents.schema;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** Folds the events as one batch, merged with what the catalog holds, and writes the result. */
    private List<Dataset> batch(Written memo, OrderEvents.CatalogRead view, String... events) throws IOException {
        Intake intake = OrderEvents.intake(events);
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
        OrderEvents.CatalogRead view = new OrderEvents.CatalogRead(catalog);
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
        batch(
                null,
                new OrderEvents.CatalogRead(catalog),
                event("COMPLETE", "2026-11-01T10:00:00Z", schema("id", "amount"), owner("team:new")));
        OrderEvents.CatalogRead view = new OrderEvents.CatalogRead(catalog);
        batch(new Written(), view, event("START", "2026-11-01T09:00:00Z", schema("id"), owner("team:old")));
        assertThat(view.reads).as("one read per dataset of the batch").isEqualTo(2);
        assertThat(out().fields()).extracting(Field::name).containsExactly("id", "amount");
        assertThat(out().owners()).containsExactly(new Owner("group:new", "MAINTAINER"));

        // the same time again: the fact read later wins (a producer corrects a fact by resending it)
        batch(
                null,
                new OrderEvents.CatalogRead(catalog),
                event("COMPLETE", "2026-11-01T10:00:00Z", schema("id", "amount"), owner("team:fixed")));
        assertThat(out().owners()).containsExactly(new Owner("group:fixed", "MAINTAINER"));
    }

    @Test
    void withoutACatalogToReadTheBatchAloneDecidesAsBefore() throws IOException {
        batch(null, null, event("COMPLETE", "2026-11-01T10:00:00Z", schema("id", "amount")));
        batch(null, null, event("START", "2026-11-01T09:00:00Z", schema("id")));
        assertThat(out().fields()).extracting(Field::name).containsExactly("id");
    }
}
