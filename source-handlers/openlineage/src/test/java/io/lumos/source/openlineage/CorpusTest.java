package io.lumos.source.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.spi.ScanProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real events of ../shared/corpora/openlineage-events: Marquez's test events and food-delivery
 * seed, OpenLineage's serde examples and facet examples. Skipped when the shared folder is absent.
 */
class CorpusTest extends SourceTestBase {
    static Path corpus() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("lumos.shared");
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        String env = System.getenv("LUMOS_SHARED");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("../../../shared"));
        for (Path c : candidates) {
            Path dir = c.resolve("corpora/openlineage-events");
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        assumeTrue(false, "corpora/openlineage-events not found (set -Dlumos.shared or LUMOS_SHARED); skipping");
        return null;
    }

    private static List<String> files(Path dir, String glob) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            var m = dir.getFileSystem().getPathMatcher("glob:" + glob);
            return s.filter(p -> m.matches(p.getFileName()))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyEventOfTheCorpusIsReadWithoutAProblem() throws IOException {
        Path dir = corpus();
        List<String> events = new ArrayList<>(files(dir, "marquez__event_*.json"));
        events.addAll(files(dir, "marquez__null_nominal_end_time.json"));
        events.addAll(files(dir, "openlineage__serde_example_*.json"));
        events.addAll(files(dir, "openlineage__example_full_event.json"));
        assertThat(events).hasSize(14);
        Found f = scan(Map.of("paths", events));
        assertThat(f.problems()).isEmpty();
        // Marquez's URI-like namespaces: the bucket is part of the name
        assertThat(f.datasets())
                .containsKeys("s3:blob-source/instance.schema.table", "s3:blob-sink/instance.schema.table");
        assertThat(f.datasets().values()).allSatisfy(d -> assertThat(d.fields()).isNotEmpty());
        // datasets named only as run inputs and outputs (no schema) are lineage ends
        assertThat(f.datasets()).doesNotContainKey("my-datasource-namespace:instance.schema.output-1");
        assertThat(f.edge(
                                "my-datasource-namespace:instance.schema.input-1",
                                "my-datasource-namespace:instance.schema.output-1")
                        .createdBy())
                .startsWith("openlineage:my-scheduler-namespace/myjob");

        Found all = scan(Map.of("paths", events, "datasets_without_schema", true));
        assertThat(all.problems()).isEmpty();
        assertThat(all.dataset("my-datasource-namespace:instance.schema.output-1")
                        .fields())
                .isEmpty();
    }

    @Test
    void theFoodDeliverySeedBecomesItsGraphWithColumnLineage() throws IOException {
        String template = Files.readString(corpus().resolve("marquez__seed_food_delivery_events.template.json"));
        // the placeholders Marquez's seed command fills in
        Matcher m = Pattern.compile("\\{\\{RUN_(START_TIME|END_TIME_AFTER_(\\d+)_MINUTES)}}")
                .matcher(template);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            int minutes = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            m.appendReplacement(filled, "2024-05-01T10:" + String.format("%02d", minutes) + ":00Z");
        }
        m.appendTail(filled);
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, filled);
        Found f = scan(Map.of("path", seed.toString()));
        assertThat(f.problems()).isEmpty();
        assertThat(f.datasets()).hasSize(13).containsKey("food_delivery:public.delivery_7_days");
        LineageEdge e = f.edge("food_delivery:public.orders_7_days", "food_delivery:public.delivery_7_days");
        assertThat(e.columns()).extracting(ColumnMapping::downstreamColumn).contains("order_id");
        assertThat(e.createdBy()).startsWith("openlineage:food_delivery/");
        f.edge("food_delivery:public.order_status", "food_delivery:public.delivery_7_days");
        Dataset top = f.dataset("food_delivery:public.top_delivery_times");
        assertThat(top.fields()).extracting(Field::name).contains("order_id");

        // the raw template's placeholders are not event times: one problem each, nothing made up
        Found raw = scan(Map.of(
                "path",
                corpus().resolve("marquez__seed_food_delivery_events.template.json")
                        .toString()));
        assertThat(raw.problems()).hasSize(OpenLineageSource.PROBLEMS_PER_FILE + 1);
        assertThat(raw.problems().get(OpenLineageSource.PROBLEMS_PER_FILE).message())
                .startsWith("6 more bad lines or events not listed (26 in all)");
        assertThat(raw.problems())
                .first()
                .extracting(ScanProblem::message)
                .asString()
                .startsWith("eventTime '{{RUN_START_TIME}}' is not an ISO-8601 date-time; the event is skipped");
        assertThat(raw.datasets()).isEmpty();
    }

    @Test
    void theSpecFacetExamplesInsideEvents() throws IOException {
        Path dir = corpus();
        String columnLineage = Files.readString(dir.resolve("openlineage__facet_columnLineage_example1.json"));
        String symlinks = Files.readString(dir.resolve("openlineage__facet_symlinks_example1.json"));
        String ownership = Files.readString(dir.resolve("openlineage__facet_ownership_example1.json"));
        String facets = merge(columnLineage, symlinks, ownership);
        Path file = this.dir.resolve("facets.json");
        Files.writeString(
                file,
                "{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventType\":\"COMPLETE\",\"run\":{\"runId\":\"r\"},"
                        + "\"job\":{\"namespace\":\"snowflake\",\"name\":\"discounts\"},"
                        + "\"inputs\":[{\"namespace\":\"SnowflakeOpenLineage\",\"name\":\"CUSTOMERS\","
                        + "\"facets\":{\"schema\":{\"fields\":[{\"name\":\"ID\"},{\"name\":\"NAME\"}]}}}],"
                        + "\"outputs\":[{\"namespace\":\"SnowflakeOpenLineage\",\"name\":\"CUSTOMER_DISCOUNTS\","
                        + "\"facets\":" + facets + "}]}\n");
        Found f = scan(Map.of("path", file.toString(), "prefer_symlinks", false, "datasets_without_schema", true));
        assertThat(f.problems()).isEmpty();
        Dataset out = f.dataset("snowflakeopenlineage:CUSTOMER_DISCOUNTS");
        assertThat(out.owners()).containsExactly(new Owner("owner", null));
        assertThat(out.properties())
                .containsEntry("openlineage.symlinks", "/tmp/alter_test default.alter_table_test_new (TABLE)");
        LineageEdge e = f.edge("snowflakeopenlineage:CUSTOMERS", "snowflakeopenlineage:CUSTOMER_DISCOUNTS");
        assertThat(e.columns())
                .filteredOn(c -> c.downstreamColumn().equals("NAME"))
                .containsExactly(
                        new ColumnMapping(List.of("NAME"), "NAME", "SELECT NAME", "DIRECT", "IDENTITY"),
                        new ColumnMapping(
                                List.of("ID"), "NAME", "ON (DISCOUNTS.CUSTOMERS_ID=CUSTOMERS.ID)", "INDIRECT", "JOIN"));
        // DISCOUNTS is named only by the column lineage: an edge still, with its own mappings
        assertThat(f.edge("snowflakeopenlineage:DISCOUNTS", "snowflakeopenlineage:CUSTOMER_DISCOUNTS")
                        .columns())
                .extracting(ColumnMapping::downstreamColumn)
                .contains("AMOUNT_OFF");
    }

    /** The facet examples are each {@code {"<facet>": {...}}}: one facets object of all three. */
    private static String merge(String... facetObjects) {
        StringBuilder out = new StringBuilder("{");
        for (String f : facetObjects) {
            String t = f.strip();
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(t, 1, t.length() - 1);
        }
        return out.append('}').toString();
    }
}
