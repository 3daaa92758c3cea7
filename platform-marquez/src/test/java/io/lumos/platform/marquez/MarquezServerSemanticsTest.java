package io.lumos.platform.marquez;

import static io.lumos.platform.marquez.MarquezAdapterTest.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.ChangeType;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.domain.SemVer;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real Marquez 0.51.1 did with Lumos's writes (../shared/research/marquez-live.md), as
 * behaviours of the fake, and the adapter surviving each of them (issue 13).
 */
class MarquezServerSemanticsTest {
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

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static DatasetVersion version(String semver, int counter, Instant at) {
        return new DatasetVersion(
                "v" + counter,
                SemVer.parse(semver),
                at,
                "test",
                ChangeType.SCHEMA_CHANGE,
                "first version",
                null,
                "fp" + counter);
    }

    static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    // ---- 5: a wrong URL is not an empty catalog

    @Test
    void fakeAnswersMarquezs404Bodies() throws Exception {
        assertThat(get(fake.url() + "/marquez/api/v1/namespaces/csv/datasets/x"))
                .isEqualTo("404 {\"code\":404,\"message\":\"HTTP 404 Not Found\"}");
        assertThat(get(fake.url() + "/api/v1/namespaces/nope/datasets/x"))
                .isEqualTo("404 {\"code\":404,\"message\":\"Namespace 'nope' not found.\"}");
        assertThat(get(fake.url() + "/api/v1/namespaces/default/datasets/x"))
                .isEqualTo("404 {\"code\":404,\"message\":\"Dataset 'x' not found.\"}");
        assertThat(get(fake.url() + "/api/v1/namespaces")).contains("\"name\":\"default\"");
        // a missing required parameter is Dropwizard's validation answer, not Marquez's ErrorMessage
        assertThat(get(fake.url() + "/api/v1/lineage"))
                .isEqualTo("400 {\"errors\":[\"query param nodeId must not be null\"]}");
    }

    @Test
    void aWrongUrlFailsWithTheUrlInsteadOfLookingEmpty() {
        Map<String, Object> s = Adapters.httpSettings(fake, dir);
        s.put("url", fake.url() + "/marquez");
        try (MarquezAdapter a = adapters.open(s, dir)) {
            assertThatThrownBy(() -> a.dataset(DatasetId.of("csv", "t01")))
                    .isInstanceOf(LumosException.class)
                    .hasMessageContaining(fake.url() + "/marquez")
                    .hasMessageContaining("not a Marquez API")
                    .satisfies(e ->
                            assertThat(((LumosException) e).code().exitCode()).isEqualTo(3));
            assertThatThrownBy(() -> a.writeDatasets(List.of(table("csv", "t01", "d", "a"))))
                    .hasMessageContaining("not a Marquez API");
        }
        assertThat(fake.events).isEmpty();
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            assertThat(a.dataset(DatasetId.of("csv", "t01"))).isEmpty(); // "Dataset 't01' not found."
        }
    }

    // ---- 1: edits carry a later event time than what Marquez holds

    @Test
    void ownerEditsWinEvenWhenTheVersionTimeIsOld() {
        Dataset d = table("csv", "events", "e", "a")
                .withOwners(List.of(new Owner("alice", "TECHNICAL_OWNER")))
                .withVersion(version("1.0.0", 1, T0));
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(d));
            a.flush();
        }
        for (int i = 0; i < 3; i++) {
            try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
                a.addOwner(d.id(), new Owner("frank" + i, "DATA_STEWARD"));
                a.removeOwner(d.id(), "urn:li:corpuser:alice");
                a.addOwner(d.id(), new Owner("alice", "TECHNICAL_OWNER"));
            }
        }
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            assertThat(a.dataset(d.id()).orElseThrow().owners())
                    .extracting(Owner::urn)
                    .contains("urn:li:corpuser:frank0", "urn:li:corpuser:frank1", "urn:li:corpuser:frank2");
        }
    }

    @Test
    void fakeResolvesEqualEventTimesAgainstTheLaterWriter() {
        String ev = "{\"eventTime\":\"2026-01-01T00:00:00Z\",\"producer\":\"p\",\"schemaURL\":"
                + "\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent\",\"dataset\":"
                + "{\"namespace\":\"x\",\"name\":\"y\",\"facets\":{\"documentation\":{\"description\":\"%s\"}}}}";
        fake.apply(FakeMarquez.JSON.valueToTree(parse(ev.formatted("first"))));
        fake.apply(FakeMarquez.JSON.valueToTree(parse(ev.formatted("second"))));
        assertThat(fake.currentFacets("x", "y")
                        .path("documentation")
                        .path("description")
                        .asText())
                .isEqualTo("first");
        fake.apply(parse(ev.formatted("third").replace("00:00:00Z", "00:00:01Z")));
        assertThat(fake.currentFacets("x", "y")
                        .path("documentation")
                        .path("description")
                        .asText())
                .isEqualTo("third");
    }

    @Test
    void fakeKeepsTheFirstSourceAndDatesVersionsByEventTime() {
        String ev = "{\"eventTime\":\"%s\",\"producer\":\"p\",\"schemaURL\":"
                + "\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent\",\"dataset\":"
                + "{\"namespace\":\"x\",\"name\":\"y\",\"facets\":{%s\"schema\":{\"fields\":[{\"name\":\"%s\"}]}}}}";
        fake.apply(parse(ev.formatted("2020-05-01T00:00:00Z", "", "a")));
        fake.apply(parse(
                ev.formatted("2019-01-01T00:00:00Z", "\"dataSource\":{\"name\":\"csv\",\"uri\":\"file:/d\"},", "b")));
        JsonNode ds = parse(getQuietly(fake.url() + "/api/v1/namespaces/x/datasets/y"));
        assertThat(ds.path("sourceName").asText()).isEqualTo("default");
        JsonNode versions = parse(getQuietly(fake.url() + "/api/v1/namespaces/x/datasets/y/versions"))
                .path("versions");
        // newest first by createdAt, which is the event time, not the arrival
        assertThat(versions.get(0).path("createdAt").asText()).isEqualTo("2020-05-01T00:00:00Z");
        assertThat(versions.get(1).path("createdAt").asText()).isEqualTo("2019-01-01T00:00:00Z");
    }

    static JsonNode parse(String json) {
        try {
            return FakeMarquez.JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- 2: reads are scoped to what this config writes

    @Test
    void readsIgnoreOtherConfigsNamespacesAndDefault() {
        Map<String, Object> other = Adapters.httpSettings(fake, dir);
        other.put("namespace", "teamx");
        try (MarquezAdapter a = adapters.open(other, dir)) {
            a.writeDatasets(List.of(table("csv", "t01", "theirs", "a")));
        }
        fake.apply(parse("{\"eventTime\":\"2026-01-01T00:00:00Z\",\"producer\":\"p\",\"schemaURL\":"
                + "\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent\",\"dataset\":"
                + "{\"namespace\":\"default\",\"name\":\"stray\",\"facets\":{}}}"));
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(table("csv", "t02", "ours", "a")));
            a.flush();
            List<String> ids = new ArrayList<>();
            a.forEachDataset(d -> ids.add(d.id().shortName()));
            assertThat(ids).containsExactly("csv:t02");
            assertThat(fake.events).noneMatch(e -> e.contains("\"namespace\":\"default\""));
            assertThat(a.dataset(DatasetId.of("csv", "t01"))).isEmpty();
        }
    }

    @Test
    void withOverAThousandNamespacesTheProbeDoesNotDecideWhatIsAbsent() throws Exception {
        // live, Marquez 0.51.1 (2026-12-06): 1,100 namespaces made with PUT; the session's probe asks
        // for 1,000, so it cannot tell that a namespace after those is absent
        Dataset ours = table("zzz", "t", "ours", "a");
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(ours));
        }
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 1005; i++) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(fake.url() + "/api/v1/namespaces/team-" + (10000 + i)))
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"ownerName\":\"x\"}"))
                            .header("Content-Type", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(parse(getQuietly(fake.url() + "/api/v1/namespaces?limit=2000"))
                        .path("namespaces")
                        .size())
                .isEqualTo(1007); // with default and zzz
        fake.events.clear();
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(ours)); // zzz sorts after the first 1,000: still read, unchanged
            a.flush();
            assertThat(fake.events).isEmpty();
            List<String> ids = new ArrayList<>();
            a.forEachDataset(d -> ids.add(d.id().shortName()));
            assertThat(ids).containsExactly("zzz:t");
        }
    }

    // ---- 3: versions continue from Lumos's own records

    @Test
    void anotherProducersEventDoesNotRestartVersions() {
        Dataset d = table("csv", "customers", "c", "id", "name");
        DatasetVersion v1 = version("1.0.0", 1, T0);
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(d.withVersion(v1)));
            a.writeVersion(d, v1);
        }
        // a normal COMPLETE run of another producer, with only a schema facet
        fake.apply(parse("{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-02-01T00:00:00Z\",\"producer\":\"other\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + "\"run\":{\"runId\":\"0191e8f4-0000-7000-8000-000000000001\"},\"job\":{\"namespace\":\"etl\",\"name\":\"j\"},"
                + "\"outputs\":[{\"namespace\":\"csv\",\"name\":\"customers\",\"facets\":{\"schema\":{\"fields\":"
                + "[{\"name\":\"id\",\"type\":\"BIGINT\"}]}}}]}"));
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            Dataset back = a.dataset(d.id()).orElseThrow();
            assertThat(back.version()).isNotNull();
            assertThat(back.version().cloudVersion()).isEqualTo("v1");
            // a schema_tracking: false write of the same dataset keeps the stored record
            a.writeDatasets(List.of(d));
        }
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            assertThat(a.versions(d.id()))
                    .extracting(DatasetVersion::cloudVersion)
                    .containsExactly("v1");
            assertThat(a.dataset(d.id()).orElseThrow().version().cloudVersion()).isEqualTo("v1");
        }
    }

    // ---- 4: with Marquez down every event is dead-lettered, and a replay merges lineage

    @Test
    void withMarquezDownEveryKindOfEventIsDeadLettered() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, Object> down = Adapters.httpSettings(fake, dir);
        down.put("url", "http://127.0.0.1:" + port);
        down.put("retries", 0);
        Dataset src = table("postgres", "shop.src", "s", "a");
        Dataset dst = table("csv", "dst", "t", "x");
        try (MarquezAdapter a = adapters.open(down, dir)) {
            a.writeDatasets(List.of(src, dst));
            a.writeLineage(List.of(LineageEdge.of(src.id(), dst.id())
                    .withColumns(List.of(new ColumnMapping(List.of("a"), "x", null)))));
            a.flush();
            assertThat(a.report().deadLetterFile()).isEqualTo(dir.resolve("dead.jsonl"));
        }
        List<DeadLetter> letters = DeadLetterFile.read(dir.resolve("dead.jsonl"));
        assertThat(letters)
                .extracting(DeadLetter::kind)
                .containsExactlyInAnyOrder("DatasetEvent", "DatasetEvent", "JobEvent", "RunEvent");
        assertThat(letters).allSatisfy(l -> assertThat(l.error()).contains(String.valueOf(port)));

        // meanwhile another run added an upstream to dst in Marquez: the replay must not drop it
        Dataset other = table("postgres", "shop.other", "o", "b");
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(other, dst));
            a.writeLineage(List.of(LineageEdge.of(other.id(), dst.id())));
        }
        Files.delete(dir.resolve("dead.jsonl"));
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            assertThat(a.replay(letters)).isZero();
            assertThat(a.upstreamEdges(dst.id()))
                    .extracting(e -> e.upstream().shortName())
                    .containsExactlyInAnyOrder("postgres:shop.src", "postgres:shop.other");
        }
        assertThat(dir.resolve("dead.jsonl")).doesNotExist();
    }

    // ---- 6: the column-lineage run sorts last; an unchanged re-ingest sends nothing

    @Test
    void columnLineageRunIsTheNewestVersionAndReingestSendsNothing() {
        Dataset src = table("postgres", "shop.src", "s", "a");
        Dataset dst = table("csv", "dst", "t", "x").withVersion(version("1.0.0", 1, Instant.now()));
        for (int run = 0; run < 2; run++) {
            // config lineage is stamped with each run's time: that alone is no change
            LineageEdge edge = new LineageEdge(
                    src.id(),
                    dst.id(),
                    io.lumos.domain.LineageType.AGGREGATED,
                    1.0,
                    T0.plusSeconds(run),
                    "config",
                    List.of(new ColumnMapping(List.of("a"), "x", null)));
            try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
                a.writeDatasets(List.of(src, dst));
                a.writeLineage(List.of(edge));
            }
            if (run == 0) {
                fake.events.clear();
            }
        }
        assertThat(fake.events).isEmpty();
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            assertThat(a.upstreamEdges(dst.id())).singleElement().satisfies(e -> assertThat(e.createdAt())
                    .isEqualTo(T0));
        }
        JsonNode newest = parse(getQuietly(fake.url() + "/api/v1/namespaces/csv/datasets/dst/versions"))
                .path("versions")
                .get(0);
        JsonNode current = parse(getQuietly(fake.url() + "/api/v1/namespaces/csv/datasets/dst"));
        assertThat(newest.path("version").asText())
                .isEqualTo(current.path("currentVersion").asText());
    }

    @Test
    void versionJobsLeaveTheLineageGraphButVersionsStay() {
        Dataset src = table("postgres", "shop.src", "s", "a");
        Dataset d = table("csv", "orders", "o", "id");
        DatasetVersion v1 = version("1.0.0", 1, T0);
        DatasetVersion v2 = version("1.1.0", 2, T0.plusSeconds(60));
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(src, d.withVersion(v1)));
            a.writeVersion(d, v1);
            a.writeLineage(List.of(LineageEdge.of(src.id(), d.id())));
        }
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            Dataset d2 = table("csv", "orders", "o", "id", "amount");
            a.writeDatasets(List.of(d2.withVersion(v2)));
            a.writeVersion(d2, v2);
        }
        String graph = getQuietly(fake.url() + "/api/v1/lineage?nodeId=dataset:csv:orders");
        assertThat(graph).contains("job:lumos:lineage.csv.orders").doesNotContain("version.");
        // a hidden job has no graph of its own: Marquez answers as for an unknown job (live, 0.51.1)
        assertThat(getQuietly(fake.url() + "/api/v1/lineage?nodeId=job:lumos:version.csv.orders"))
                .isEqualTo("{\"code\":404,\"message\":\"Job 'version.csv.orders' not found.\"}");
        assertThat(getQuietly(fake.url() + "/api/v1/lineage?nodeId=job:lumos:lineage.csv.orders"))
                .contains("dataset:postgres:shop.src")
                .doesNotContain("version.");
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            assertThat(a.versions(d.id()))
                    .extracting(DatasetVersion::cloudVersion)
                    .containsExactly("v1", "v2");
            assertThat(a.upstreamEdges(d.id()))
                    .extracting(e -> e.upstream().shortName())
                    .containsExactly("postgres:shop.src");
        }
    }

    @Test
    void theRunOfANewVersionIsMarquezsNewestVersion() {
        // live, Marquez 0.51.1 (2026-12-06): the DatasetEvent of a change went out at "now" and the
        // version run with the version's own, older time; the run's version was current but sorted
        // second in /versions. On a first write both had the version's time: a tie, in no order.
        Dataset d = table("csv", "orders", "o", "id");
        DatasetVersion v1 = version("1.0.0", 1, T0);
        DatasetVersion v2 = version("2.0.0", 2, T0.plusSeconds(60));
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(d.withVersion(v1)));
            a.writeVersion(d, v1);
        }
        assertNewestIsCurrent("orders");
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            Dataset d2 = table("csv", "orders", "o", "id", "amount");
            a.writeDatasets(List.of(d2.withVersion(v2)));
            a.writeVersion(d2, v2);
        }
        assertNewestIsCurrent("orders");
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            assertThat(a.versions(d.id()))
                    .extracting(DatasetVersion::cloudVersion)
                    .containsExactly("v1", "v2");
            assertThat(a.dataset(d.id()).orElseThrow().version().cloudVersion()).isEqualTo("v2");
        }
    }

    private static void assertNewestIsCurrent(String name) {
        JsonNode newest = parse(getQuietly(fake.url() + "/api/v1/namespaces/csv/datasets/" + name + "/versions"))
                .path("versions")
                .get(0);
        JsonNode current = parse(getQuietly(fake.url() + "/api/v1/namespaces/csv/datasets/" + name));
        assertThat(newest.path("version").asText())
                .isEqualTo(current.path("currentVersion").asText());
    }

    static String getQuietly(String url) {
        try {
            String r = get(url);
            return r.substring(r.indexOf(' ') + 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the fake's column lineage: whole upstream chain, field node ids answer 200

    @Test
    void columnLineageFollowsTheWholeUpstreamChainAndFieldNodesAnswer() throws Exception {
        Dataset a1 = table("csv", "a1", "a", "f");
        Dataset b1 = table("csv", "b1", "b", "f");
        Dataset c1 = table("csv", "c1", "c", "f");
        try (MarquezAdapter a = adapters.open(Adapters.httpSettings(fake, dir), dir)) {
            a.writeDatasets(List.of(a1, b1, c1));
            a.writeLineage(List.of(
                    LineageEdge.of(a1.id(), b1.id()).withColumns(List.of(new ColumnMapping(List.of("f"), "f", null))),
                    LineageEdge.of(b1.id(), c1.id()).withColumns(List.of(new ColumnMapping(List.of("f"), "f", null)))));
        }
        String chain = get(fake.url() + "/api/v1/column-lineage?nodeId=dataset:csv:c1");
        assertThat(chain).startsWith("200 ").contains("datasetField:csv:b1:f").contains("datasetField:csv:a1:f");
        assertThat(get(fake.url() + "/api/v1/column-lineage?nodeId=datasetField:csv:c1:f"))
                .startsWith("200 ")
                .contains("datasetField:csv:a1:f");
    }
}
