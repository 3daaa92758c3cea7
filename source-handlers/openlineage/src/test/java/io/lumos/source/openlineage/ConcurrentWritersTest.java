package io.lumos.source.openlineage;

import static io.lumos.source.openlineage.OrderEvents.outputEvent;
import static io.lumos.source.openlineage.OrderEvents.owner;
import static io.lumos.source.openlineage.OrderEvents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.Owner;
import io.lumos.platform.local.LocalCatalogFactory;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.DatasetMerge;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.spi.VersionAssigner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** One consumer's batch, folded and merged with what {@code catalog} holds now (its read). */
    private record Built(List<Dataset> datasets, DatasetMerge merge) {}

    private Built fold(CatalogAdapter catalog, String... events) throws IOException {
        Intake intake = OrderEvents.intake(events);
        List<Dataset> datasets = new ArrayList<>();
        DatasetMerge merge = intake.finish(
                builder,
                false,
                null,
                new OrderEvents.CatalogRead(catalog),
                (id, m) -> {},
                (where, m) -> {
                    throw new AssertionError(m);
                },
                datasets::add,
                edge -> {});
        return new Built(datasets, merge);
    }

    private void seed() throws IOException {
        Built seed = fold(first, outputEvent("COMPLETE", "2026-11-01T08:00:00Z", schema("id"), owner("team:seed")));
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
        Built older =
                fold(second, outputEvent("START", "2026-11-01T09:00:00Z", schema("id", "old"), owner("team:old")));
        Built newer =
                fold(first, outputEvent("COMPLETE", "2026-11-01T10:00:00Z", schema("id", "amount"), owner("team:new")));
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
        Built older =
                fold(second, outputEvent("START", "2026-11-01T09:00:00Z", schema("id", "old"), owner("team:old")));
        Built newer =
                fold(first, outputEvent("COMPLETE", "2026-11-01T10:00:00Z", schema("id", "amount"), owner("team:new")));
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
