package io.lumos.source.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.platform.local.LocalCatalogFactory;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.CatalogView;
import io.lumos.spi.DatasetMerge;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.spi.VersionAssigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two consumers of one group writing one dataset of the same local catalog (SQLite), each with its
 * own connection, as two {@code lumos consume} processes do: both read the dataset, merge their
 * batch with it by event time, and write it back. The one whose batch holds the older facts writes
 * last, with what it read before the other's write: the merge done again inside the catalog's
 * write transaction keeps the newer facts and their times.
 */
class ConcurrentWritersTest {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DatasetId OUT = DatasetId.of("s3", "lake/out");
    private static final VersionAssigner KEEP =
            (d, current, counter) -> current.map(Dataset::version).orElse(null);

    @TempDir
    Path dir;

    private final DatasetBuilder builder = new DatasetBuilder(new Namespaces(List.of(), "PROD"));
    private CatalogAdapter first;
    private CatalogAdapter second;

    @BeforeEach
    void open() {
        first = catalog();
        second = catalog();
    }

    private CatalogAdapter catalog() {
        return new LocalCatalogFactory()
                .create(
                        Settings.of("platforms.local", Map.of("path", "catalog.db")),
                        PluginContext.basic(dir, List.of()));
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    /** The catalog as one consumer reads it. */
    private record View(CatalogAdapter catalog) implements CatalogView {
        @Override
        public Map<DatasetId, Dataset> datasets(Collection<DatasetId> ids) {
            Map<DatasetId, Dataset> out = new HashMap<>();
            for (DatasetId id : ids) {
                catalog.dataset(id).ifPresent(d -> out.put(id, d));
            }
            return out;
        }

        @Override
        public List<LineageEdge> upstreamEdges(DatasetId id) {
            return catalog.upstreamEdges(id);
        }
    }

    /** A RunEvent writing {@code out} with the given output facets. */
    private static String event(String type, String time, String... outFacets) {
        return """
                {"eventType":"%s","eventTime":"%s","producer":"p-%s","run":{"runId":"00000000-0000-4000-8000-000000000001"},
                 "job":{"namespace":"airflow","name":"daily"},
                 "inputs":[{"namespace":"postgres://db:5432","name":"shop.public.src"}],
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

    /** One consumer's batch, folded and merged with what {@code catalog} holds now (its read). */
    private record Built(List<Dataset> datasets, DatasetMerge merge) {}

    private Built fold(CatalogAdapter catalog, String... events) throws IOException {
        Intake intake = new Intake(true);
        for (String e : events) {
            byte[] b = e.getBytes(StandardCharsets.UTF_8);
            intake.accept(Event.read(JSON, b, b.length), "test", (where, message) -> {
                throw new AssertionError(message);
            });
        }
        List<Dataset> datasets = new ArrayList<>();
        DatasetMerge merge = intake.finish(
                builder,
                false,
                null,
                new View(catalog),
                (id, m) -> {},
                (where, m) -> {
                    throw new AssertionError(m);
                },
                datasets::add,
                edge -> {});
        return new Built(datasets, merge);
    }

    private void seed() throws IOException {
        Built seed = fold(first, event("COMPLETE", "2026-11-01T08:00:00Z", schema("id"), owner("team:seed")));
        first.writeVersionedDatasets(seed.datasets(), seed.merge(), KEEP);
    }

    private void assertTheNewerFactsSurvive() {
        Dataset d = second.dataset(OUT).orElseThrow();
        assertThat(d.fields()).extracting(Field::name).containsExactly("id", "amount");
        assertThat(d.owners()).extracting(Owner::urn).containsExactly(Owner.toUrn("group:new"));
        assertThat(d.properties().get(EventTimes.PROPERTY))
                .contains("schema=2026-11-01T10:00:00Z")
                .contains("ownership=2026-11-01T10:00:00Z")
                .contains("seen=2026-11-01T10:00:00Z");
        assertThat(d.properties()).containsEntry("openlineage.producer", "p-2026-11-01T10:00:00Z");
        assertThat(d.statistics().lastModified()).hasToString("2026-11-01T10:00:00Z");
    }

    @Test
    void theStaleReadOfTheLaterWriterDoesNotOverwriteTheNewerFactsCommittedMeanwhile() throws IOException {
        seed();
        // both consumers read the dataset as seeded (08:00), then fold their own batch: the second
        // one holds the run's START of 09:00, the first its COMPLETE of 10:00
        Built older = fold(second, event("START", "2026-11-01T09:00:00Z", schema("id", "old"), owner("team:old")));
        Built newer = fold(first, event("COMPLETE", "2026-11-01T10:00:00Z", schema("id", "amount"), owner("team:new")));
        // as each read it, the older batch's facts are newer than the seed's: it would write them
        assertThat(older.datasets())
                .singleElement()
                .satisfies(d -> assertThat(d.fields()).extracting(Field::name).containsExactly("id", "old"));

        first.writeVersionedDatasets(newer.datasets(), newer.merge(), KEEP);
        second.writeVersionedDatasets(older.datasets(), older.merge(), KEEP);

        assertTheNewerFactsSurvive();
    }

    /**
     * The same on two threads, each with its own connection: the newer batch's writer is held inside
     * its write transaction (in its merge, after its read) until the older batch's writer has
     * started; that one waits for the write lock (BEGIN IMMEDIATE), then reads what the newer one
     * committed and merges with it instead of writing what it read before.
     */
    @Test
    void aWriterWaitingForTheLockMergesWithWhatTheOtherCommitted() throws Exception {
        seed();
        Built older = fold(second, event("START", "2026-11-01T09:00:00Z", schema("id", "old"), owner("team:old")));
        Built newer = fold(first, event("COMPLETE", "2026-11-01T10:00:00Z", schema("id", "amount"), owner("team:new")));
        CountDownLatch inTransaction = new CountDownLatch(1);
        CountDownLatch olderStarted = new CountDownLatch(1);
        DatasetMerge holding = (dataset, current) -> {
            inTransaction.countDown();
            try {
                if (!olderStarted.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the older writer did not start");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return newer.merge().merge(dataset, current);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> newerWrite = pool.submit(() -> first.writeVersionedDatasets(newer.datasets(), holding, KEEP));
            assertThat(inTransaction.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> olderWrite = pool.submit(() -> {
                olderStarted.countDown();
                return second.writeVersionedDatasets(older.datasets(), older.merge(), KEEP);
            });
            newerWrite.get(60, TimeUnit.SECONDS);
            olderWrite.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertTheNewerFactsSurvive();
    }
}
