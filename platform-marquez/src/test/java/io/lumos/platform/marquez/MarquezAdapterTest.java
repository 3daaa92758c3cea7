package io.lumos.platform.marquez;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.DataType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.EmitReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Marquez behaviours that lose metadata with a naive adapter, against the fake that has them. */
class MarquezAdapterTest {
    static FakeMarquez fake;

    @TempDir
    Path dir;

    final Adapters adapters = new Adapters();

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeMarquez();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    static Dataset table(String platform, String name, String description, String... fields) {
        List<Field> fs = new ArrayList<>();
        for (String f : fields) {
            fs.add(Field.of(f, DataType.Primitive.STRING, true));
        }
        return Dataset.builder(DatasetId.of(platform, name))
                .description(description)
                .tags(List.of("t_" + name.replaceAll("\\W", "_")))
                .fields(fs)
                .build();
    }

    @Test
    void lineageMentionsKeepDescriptionsAndTheRunKeepsTheFullFacetSet() {
        Dataset src = table("postgres", "shop.src", "Source table", "a", "b");
        Dataset dst = table("csv", "dst", "Target file", "x");
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(src, dst));
            a.writeLineage(List.of(LineageEdge.of(src.id(), dst.id())
                    .withColumns(List.of(new ColumnMapping(List.of("a", "b"), "x", "concat(a,b)")))));
            a.flush();
            assertThat(fake.description("postgres", "shop.src")).isEqualTo("Source table");
            assertThat(fake.description("csv", "dst")).isEqualTo("Target file");
            // the column-lineage run made a new current version of dst: it must still show every facet
            JsonNode facets = fake.currentFacets("csv", "dst");
            assertThat(facets.has("columnLineage")).isTrue();
            assertThat(List.of("schema", "documentation", "ownership", "tags", "lumos", "dataSource"))
                    .allMatch(facets::has);
            Dataset back = a.dataset(dst.id()).orElseThrow();
            assertThat(back.description()).isEqualTo("Target file");
            assertThat(back.tags()).containsExactly("t_dst");
            LineageEdge edge = a.upstreamEdges(dst.id()).get(0);
            assertThat(edge.columns()).containsExactly(new ColumnMapping(List.of("a", "b"), "x", "concat(a,b)"));
            assertThat(a.downstreamEdges(src.id()))
                    .extracting(LineageEdge::downstream)
                    .containsExactly(dst.id());
        }
    }

    @Test
    void theColumnLineageFacetCarriesHowEachColumnWasMade() {
        Dataset src = table("postgres", "shop.orders", "Orders", "amount", "region", "id");
        Dataset dst = table("csv", "daily", "Daily", "revenue", "region", "n");
        List<ColumnMapping> cols = List.of(
                new ColumnMapping(List.of("amount"), "revenue", "SUM(amount)", "DIRECT", "AGGREGATION"),
                new ColumnMapping(List.of("region"), "region", null, "INDIRECT", "GROUP_BY"),
                new ColumnMapping(List.of("id"), "n", null));
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(src, dst));
            a.writeLineage(List.of(LineageEdge.of(src.id(), dst.id()).withColumns(cols)));
            a.flush();
            JsonNode fields =
                    fake.currentFacets("csv", "daily").path("columnLineage").path("fields");
            JsonNode revenue = fields.path("revenue")
                    .path("inputFields")
                    .get(0)
                    .path("transformations")
                    .get(0);
            assertThat(revenue.path("type").asText()).isEqualTo("DIRECT");
            assertThat(revenue.path("subtype").asText()).isEqualTo("AGGREGATION");
            assertThat(revenue.path("description").asText()).isEqualTo("SUM(amount)");
            assertThat(revenue.path("masking").asBoolean(true)).isFalse();
            assertThat(fields.path("revenue").path("transformationType").asText())
                    .isEqualTo("TRANSFORMATION");
            JsonNode region = fields.path("region")
                    .path("inputFields")
                    .get(0)
                    .path("transformations")
                    .get(0);
            assertThat(region.path("type").asText()).isEqualTo("INDIRECT");
            assertThat(region.path("subtype").asText()).isEqualTo("GROUP_BY");
            // the deprecated field-level kind: only a copy is IDENTITY
            assertThat(fields.path("region").path("transformationType").asText())
                    .isEqualTo("TRANSFORMATION");
            JsonNode n = fields.path("n")
                    .path("inputFields")
                    .get(0)
                    .path("transformations")
                    .get(0);
            assertThat(n.path("type").asText() + "/" + n.path("subtype").asText())
                    .isEqualTo("DIRECT/IDENTITY");
            assertThat(fields.path("n").path("transformationType").asText()).isEqualTo("IDENTITY");
            assertThat(a.upstreamEdges(dst.id()).get(0).columns()).containsExactlyInAnyOrderElementsOf(cols);
        }
    }

    @Test
    void listingPagesByTenSoNoDatasetLosesItsFacets() {
        List<Dataset> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(table("csv", "file_%02d".formatted(i), "file number " + i, "c"));
        }
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(many);
            a.flush();
            List<Dataset> back = a.datasets();
            assertThat(back).hasSize(25);
            assertThat(back)
                    .allMatch(d -> d.tags().size() == 1 && d.description().startsWith("file number"));
        }
    }

    @Test
    void symlinkAliasesAreNotListedTwice() {
        Dataset withLocation = Dataset.builder(DatasetId.of("parquet", "events"))
                .location("s3://bucket/warehouse/events")
                .fields(List.of(Field.of("id", DataType.Primitive.INT64, false)))
                .build();
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(withLocation));
            a.flush();
            assertThat(a.datasets()).extracting(Dataset::id).containsExactly(withLocation.id());
            assertThat(a.dataset(withLocation.id()).orElseThrow().location()).isEqualTo("s3://bucket/warehouse/events");
        }
    }

    @Test
    void fixedNamespaceEncodesSlashesAndSchemesInUrls() {
        Map<String, Object> s = Adapters.httpSettings(fake, dir);
        s.put("namespace", "postgres://db:5432");
        Dataset up = table("s3", "raw/orders/2026", "raw files", "id");
        Dataset down = table("postgres", "app.public.orders", "orders", "id");
        try (MarquezAdapter a = adapters.open(s, dir)) {
            a.writeDatasets(List.of(up, down));
            a.writeLineage(List.of(LineageEdge.of(up.id(), down.id())));
            a.flush();
            assertThat(fake.description("postgres://db:5432", "s3/raw/orders/2026"))
                    .isEqualTo("raw files");
            assertThat(a.dataset(up.id()).orElseThrow().description()).isEqualTo("raw files");
            assertThat(a.upstreamEdges(down.id()))
                    .extracting(LineageEdge::upstream)
                    .containsExactly(up.id());
            assertThat(a.datasets()).extracting(Dataset::id).containsExactly(down.id(), up.id());
        }
    }

    @Test
    void lineageFromEarlierRunsIsKeptAndResendsChangeNothing() {
        Dataset a1 = table("csv", "a", "A", "x");
        Dataset b1 = table("csv", "b", "B", "x");
        Dataset c1 = table("csv", "c", "C", "x");
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(a1, b1, c1));
            a.writeLineage(List.of(LineageEdge.of(a1.id(), c1.id())));
        }
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(a1, b1, c1));
            a.writeLineage(List.of(LineageEdge.of(b1.id(), c1.id())));
            a.flush();
            // a JobEvent replaces the job's inputs: the adapter merged the stored edge in
            assertThat(a.upstreamEdges(c1.id()))
                    .extracting(LineageEdge::upstream)
                    .containsExactly(a1.id(), b1.id());
        }
        assertThat(fake.versionCount("csv", "a")).isEqualTo(1);
        assertThat(fake.versionCount("csv", "c")).isEqualTo(1);
    }

    @Test
    void largeFlushesMergeThroughTheJobListing() {
        Dataset first = table("csv", "first", "F", "x");
        Dataset target = table("csv", "t000", "T", "x");
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(first, target));
            a.writeLineage(List.of(LineageEdge.of(first.id(), target.id())));
        }
        List<Dataset> more = new ArrayList<>();
        List<LineageEdge> edges = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Dataset up = table("csv", "u%03d".formatted(i), "U", "x");
            Dataset down = table("csv", "t%03d".formatted(i), "T", "x");
            more.add(up);
            more.add(down);
            edges.add(LineageEdge.of(up.id(), down.id()));
        }
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(more);
            a.writeLineage(edges); // 250 downstreams: stored edges come from one paged job listing
            a.flush();
            assertThat(a.upstreamEdges(target.id()))
                    .extracting(LineageEdge::upstream)
                    .containsExactly(first.id(), DatasetId.of("csv", "u000"));
            assertThat(a.upstreamEdges(DatasetId.of("csv", "t249")))
                    .extracting(LineageEdge::upstream)
                    .containsExactly(DatasetId.of("csv", "u249"));
        }
    }

    @Test
    void searchFindsOwnersAndFieldsOnOurSide() {
        Dataset d = table("csv", "payments", "Money in", "iban").toBuilder()
                .owners(List.of(new io.lumos.domain.Owner("group:finance", null)))
                .build();
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(d, table("csv", "other", null, "x")));
            a.flush();
            assertThat(a.search("finance", 5)).extracting(Dataset::id).containsExactly(d.id());
            assertThat(a.search("IBAN", 5)).extracting(Dataset::id).containsExactly(d.id());
            assertThat(a.search("pay", 5)).extracting(Dataset::id).containsExactly(d.id());
        }
    }

    @Test
    void theHttpEmitterKeepsItsConnectionPoolToItself() throws Exception {
        Map<String, Object> s = Adapters.httpSettings(fake, dir);
        s.put("max_in_flight", 32);
        List<Dataset> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(table("csv", "pool%02d".formatted(i), "dataset " + i, "v"));
        }
        EmitReport report;
        try (MarquezAdapter a = adapters.open(s, dir)) {
            a.writeDatasets(all);
            a.flush();
            report = a.report();
        }
        assertThat(report.sent()).isEqualTo(50);
        assertThat(report.failed()).isZero();
        // the JDK's HttpURLConnection pool is JVM-wide, sized by this property; our pool is our own
        assertThat(System.getProperty("http.maxConnections")).isNull();
    }

    @Test
    void aSessionWhoseFirstCallIsRefusedWithA429RetriesItAsAnyReadAndWrites() {
        // the first call of a session (GET /namespaces) tells up from down; a 429 is an answer: the
        // server is up and asks to come back, so it gets the retries of every read (at least 6),
        // not the configured 1, which failed the whole write (exit 3) after two 429s
        Map<String, Object> s = Adapters.httpSettings(fake, dir);
        s.put("retries", 1);
        Dataset d = table("csv", "refused", "first call refused", "v");
        fake.refuseNext.set(3);
        EmitReport report;
        try (MarquezAdapter a = adapters.open(s, dir)) {
            a.writeDatasets(List.of(d));
            a.flush();
            report = a.report();
        }
        assertThat(fake.refuseNext.get()).isZero();
        assertThat(report.sent()).isEqualTo(1);
        assertThat(report.failed()).isZero();
        assertThat(fake.description("csv", "refused")).isEqualTo("first call refused");
    }

    @Test
    void faultsLoseNothingDuplicateNothingAndAreReportedHonestly() throws Exception {
        // No wall clock in the faults: a lost answer is a dropped connection, not an answer held past
        // a short client timeout (on a loaded machine every slow answer then became a fault too).
        Map<String, Object> s = Adapters.httpSettings(fake, dir);
        s.put("retries", 1);
        s.put("max_in_flight", 8);
        int n = 40;
        List<Dataset> all = new ArrayList<>();
        List<LineageEdge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(table("csv", "d%02d".formatted(i), "dataset " + i, "v"));
            if (i > 0) {
                edges.add(LineageEdge.of(all.get(i - 1).id(), all.get(i).id())
                        .withColumns(List.of(new ColumnMapping(List.of("v"), "v", null))));
            }
        }
        EmitReport report;
        fake.faultRate = 0.2;
        try (MarquezAdapter a = adapters.open(s, dir)) {
            a.writeDatasets(all);
            a.writeLineage(edges);
            a.flush();
            report = a.report();
        }
        fake.faultRate = 0;
        System.out.println("faults: " + fake.faults.get() + " of " + fake.requests.get() + " requests; " + report);
        long events = n + 2L * (n - 1); // a DatasetEvent each, a JobEvent and a column RunEvent per edge
        assertThat(report.sent() + report.failed()).isEqualTo(events);
        assertThat(report.retried()).isGreaterThan(0);
        assertThat(report.hasFailures()).isEqualTo(report.failed() > 0);
        Path deadFile = dir.resolve("dead.jsonl");
        List<DeadLetter> dead = Files.exists(deadFile) ? DeadLetterFile.read(deadFile) : List.of();
        assertThat(dead).hasSize((int) report.failed());
        assertThat(fake.faults.get()).isGreaterThan(0);

        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir.resolve("replay")), dir)) {
            assertThat(a.replay(dead)).isZero();
            assertThat(a.datasets()).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(fake.versionCount("csv", "d%02d".formatted(i)))
                        .as("versions of d%02d", i)
                        .isBetween(1, 2); // the DatasetEvent's, and the column-lineage run's for targets
                assertThat(fake.description("csv", "d%02d".formatted(i))).isEqualTo("dataset " + i);
                if (i > 0) {
                    assertThat(fake.jobInputs("lumos", "lineage.csv.d%02d".formatted(i)))
                            .containsExactly("csv:d%02d".formatted(i - 1));
                }
            }
            assertThat(a.upstreamEdges(all.get(n - 1).id()).get(0).columns()).hasSize(1);
        }
        // every event landed, by what it is about: a lost DatasetEvent or JobEvent would not show in
        // the state above (the column-lineage run carries the description and the job's inputs too)
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            expected.add("DatasetEvent d%02d".formatted(i));
            if (i > 0) {
                expected.add("JobEvent lineage.csv.d%02d".formatted(i));
                expected.add("RunEvent lineage.csv.d%02d".formatted(i));
            }
        }
        assertThat(landed()).isEqualTo(expected);
    }

    /** What each event the fake applied is about: its kind and its dataset or job. */
    static Set<String> landed() throws Exception {
        Set<String> out = new TreeSet<>();
        synchronized (fake.events) {
            for (String text : fake.events) {
                JsonNode e = FakeMarquez.JSON.readTree(text);
                String kind = e.has("dataset") ? "DatasetEvent" : e.has("run") ? "RunEvent" : "JobEvent";
                String about = e.has("dataset")
                        ? e.path("dataset").path("name").asText()
                        : e.path("job").path("name").asText();
                out.add(kind + " " + about);
            }
        }
        return out;
    }
}
