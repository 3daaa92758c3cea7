package io.lumos.source.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.Dataset;
import io.lumos.domain.LineageEdge;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batches of a long-running reader hand over only what changed since the catalogs took the batches
 * before: a job that reads the same input and writes the same output again moves only the output's
 * last-written time, and writes no edge again.
 */
class WrittenTest {
    private final DatasetBuilder builder = new DatasetBuilder(new Namespaces(List.of(), "PROD"));
    private final Written written = new Written();

    record Out(List<Dataset> datasets, List<LineageEdge> edges, Written.Pending pending) {
        List<String> names() {
            return datasets.stream().map(d -> d.id().shortName()).toList();
        }
    }

    private static String event(String type, String time, String runId, boolean wide) {
        String outFields = "{\"name\":\"id\",\"type\":\"bigint\"}"
                + (wide ? ",{\"name\":\"amount\",\"type\":\"decimal(12,2)\"}" : "");
        return """
                {"eventType":"%s","eventTime":"%s","producer":"p","run":{"runId":"%s"},
                 "job":{"namespace":"airflow","name":"daily"},
                 "inputs":[{"namespace":"postgres://db:5432","name":"shop.public.src",
                   "facets":{"schema":{"fields":[{"name":"id","type":"bigint"}]}}}],
                 "outputs":[{"namespace":"s3a://lake","name":"out",
                   "facets":{"schema":{"fields":[%s]},
                     "columnLineage":{"fields":{"id":{"inputFields":[
                       {"namespace":"postgres://db:5432","name":"shop.public.src","field":"id"}]}}}}}]}
                """
                .formatted(type, time, runId, outFields)
                .replace("\n", "");
    }

    private Out batch(String... events) throws IOException {
        Intake intake = OrderEvents.intake(events);
        List<Dataset> datasets = new ArrayList<>();
        List<LineageEdge> edges = new ArrayList<>();
        Written.Pending pending = written.pending();
        intake.finish(
                builder,
                false,
                pending,
                io.lumos.spi.CatalogView.NONE,
                (id, m) -> {},
                (where, m) -> {
                    throw new AssertionError(m);
                },
                datasets::add,
                edges::add);
        return new Out(datasets, edges, pending);
    }

    private static String run(int n) {
        return "00000000-0000-4000-8000-00000000000" + n;
    }

    @Test
    void aBatchHandsOverOnlyTheDatasetsAndEdgesWhoseFactsChanged() throws IOException {
        Out first = batch(
                event("START", "2026-11-01T00:00:00Z", run(1), false),
                event("COMPLETE", "2026-11-01T00:01:00Z", run(1), false));
        assertThat(first.names()).containsExactlyInAnyOrder("postgres:shop.public.src", "s3:lake/out");
        assertThat(first.edges()).hasSize(1);
        first.pending().apply();

        // the same job again: the output's last-written time moved, and the input's schema was
        // stated again later (the catalog keeps that time, to tell an older schema read later from
        // a newer one); the edge did not change
        Out second = batch(
                event("START", "2026-11-02T00:00:00Z", run(2), false),
                event("COMPLETE", "2026-11-02T00:01:00Z", run(2), false));
        assertThat(second.names()).containsExactlyInAnyOrder("postgres:shop.public.src", "s3:lake/out");
        assertThat(second.datasets().get(1).statistics().lastModified()).hasToString("2026-11-02T00:01:00Z");
        assertThat(second.edges()).isEmpty();
        second.pending().apply();

        // only a START (no output written): both, whose facets it states again at a newer time, but
        // no edge: the facts are the same
        Out start = batch(event("START", "2026-11-03T00:00:00Z", run(3), false));
        assertThat(start.names()).containsExactlyInAnyOrder("postgres:shop.public.src", "s3:lake/out");
        assertThat(start.edges()).isEmpty();
        start.pending().apply();

        // the output gains a column: it and its edge (with the columns) are handed over again (and
        // the input, whose schema is stated a minute later)
        Out wider = batch(event("COMPLETE", "2026-11-03T00:01:00Z", run(3), true));
        assertThat(wider.names()).containsExactlyInAnyOrder("postgres:shop.public.src", "s3:lake/out");
        assertThat(wider.edges()).hasSize(1);
        assertThat(wider.edges().get(0).columns()).hasSize(1);
        // not applied: the catalogs did not take it, so the next batch hands it over again
        Out again = batch(event("COMPLETE", "2026-11-03T00:01:00Z", run(3), true));
        assertThat(again.names()).containsExactlyInAnyOrder("postgres:shop.public.src", "s3:lake/out");
        assertThat(again.edges()).hasSize(1);
        again.pending().apply();
        assertThat(batch(event("COMPLETE", "2026-11-03T00:01:00Z", run(3), true))
                        .datasets())
                .isEmpty();
    }

    @Test
    void afterARebalanceTheNextBatchIsWrittenWholeAndABatchReadBeforeItAppliesNothing() throws IOException {
        batch(event("COMPLETE", "2026-11-01T00:01:00Z", run(1), false))
                .pending()
                .apply();
        Out before = batch(event("COMPLETE", "2026-11-02T00:01:00Z", run(2), false));
        written.clear();
        before.pending().apply();
        Out after = batch(event("COMPLETE", "2026-11-02T00:01:00Z", run(2), false));
        assertThat(after.names()).containsExactlyInAnyOrder("postgres:shop.public.src", "s3:lake/out");
        assertThat(after.edges()).hasSize(1);
    }
}
