package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process fake of the Marquez 0.51 endpoints the adapter calls, applying OpenLineage events
 * the way Marquez does (research note, openapi.yml), including the quirks that lose metadata:
 * facets belong to a version and GET shows the current version's only; every mention rewrites the
 * description (to null without documentation); run outputs get a new version per run id; a JobEvent
 * replaces a job's inputs but empty lists clear nothing; column lineage comes only from runs;
 * pages over 10 datasets lose facets; search matches names only; the lineage graph is undirected;
 * symlinks create alias datasets.
 *
 * <p>Checked against a real Marquez 0.51.1 (../shared/research/marquez-live.md, observed live) and
 * its source at MarquezProject/marquez a89b89c (release 0.51.1):
 *
 * <ul>
 *   <li>Facets of a version are rows, each stamped with its event's time, and a read merges them
 *       ordered by that time, later keys over earlier ({@code JSONB_AGG(df.facet ORDER BY
 *       df.lineage_event_time)} in api/.../db/DatasetDao.java findDatasetByName, merged in
 *       db/mappers/MapperUtils.toFacetsOrNull). Rows with equal times come in no defined order;
 *       live, an owner edit sent with the version's original time was lost 4 times of 5. The fake
 *       resolves every tie against the writer: of equal times the row that arrived first wins.
 *   <li>A DatasetEvent of an unchanged schema lands on the same version (the version is a
 *       name-based UUID of namespace, source, name, physical name, fields, lifecycle state and run
 *       id: common/Utils.newDatasetVersionFor; {@code ON CONFLICT(version)} in
 *       db/DatasetVersionDao.upsert keeps the first row's created_at).
 *   <li>A version's {@code createdAt} is the event time that made it (OpenLineageDao passes the
 *       event time as {@code now}); {@code /versions} is ordered by it, newest first (live).
 *   <li>{@code sourceName} keeps the first writer's value, {@code default} when the first event had
 *       no dataSource facet (live; DatasetDao.upsert does not update source_name on conflict).
 *   <li>404 bodies: {@code {"code":404,"message":"Dataset 'x' not found."}}, {@code Namespace 'x'
 *       not found.}, {@code Job 'x' not found.} (api/exceptions/*NotFoundException), and
 *       {@code {"code":404,"message":"HTTP 404 Not Found"}} for a path that is not an endpoint,
 *       such as a base URL with an extra path (live).
 *   <li>Marquez always has the {@code default} namespace (live; created by a Flyway migration).
 *   <li>{@code /column-lineage?nodeId=datasetField:...} answers 200 (live, also after a
 *       description change; the 500 "Multiple values for optional" once noted was not seen on
 *       0.51.1); {@code nodeId=dataset:...} returns the whole upstream chain, depth 20 by default
 *       (live; db/ColumnLineageDao recursive query).
 *   <li>A namespace listing with {@code limit} over 10 returns facets for only the first 10
 *       datasets (live: limit=100 gave facets for 10 of 25; DatasetDao.findAll's facet subquery
 *       has {@code LIMIT 10}).
 * </ul>
 *
 * <p>Checked against Marquez 0.51.1, 2026-12-06 (built from its source at the release, PostgreSQL
 * 15, the packaged Lumos and the quickstart's files): the three 404 bodies and {@code Job 'x' not
 * found.}; the {@code default} namespace; {@code createdAt} of a version is its event time, and a
 * DatasetEvent that lands on an existing version (an earlier schema again) keeps that version's
 * first {@code createdAt}; {@code /versions} newest first by it; the version an event lands on
 * becomes current, the last event's whatever its time (so the fake makes the last arrival current);
 * {@code sourceName} stayed the first writer's after another producer's event without dataSource;
 * {@code datasetField:} node ids answer 200 and {@code dataset:} ones give the upstream chain two
 * jobs deep; a deleted job is hidden: gone from {@code /lineage} and the job list, its versions
 * still in {@code /versions}, {@code /lineage?nodeId=job:...} of it answers 404; namespaces are
 * listed by name, without {@code totalCount}, default limit 100 and no upper bound (1,108 with
 * {@code limit=2000}). Not re-checked that day: the 10-per-page facets and the tie order of
 * equal event times (Lumos no longer sends ties; owner edits showed 10 of 10).
 */
final class FakeMarquez implements AutoCloseable {
    static {
        // Like GMS's and Marquez's Jetty (TCP_NODELAY on accepted sockets); the JDK server's default
        // leaves Nagle on, and its header and body writes then wait out the client's delayed ACK
        // (~40 ms a response), which made the fake, not the client, the bottleneck of the benchmark.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NO_SUCH_PATH = "{\"code\":404,\"message\":\"HTTP 404 Not Found\"}";

    static {
        // without it, Nagle's algorithm and delayed ACKs add ~40 ms to responses written in two parts
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Random random = new Random(42);

    // faults and timing
    volatile double faultRate;
    // the next this many requests answer 429, whatever faultRate says
    final java.util.concurrent.atomic.AtomicInteger refuseNext = new java.util.concurrent.atomic.AtomicInteger();
    volatile long delayMillis;
    volatile boolean recordEvents = true;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong faults = new AtomicLong();
    final AtomicLong applied = new AtomicLong();

    // state
    private final Set<String> namespaces = new TreeSet<>(Set.of("default"));
    private final Map<String, Ds> datasets = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    // sorted by namespace, then name (the key's \u0000 sorts first): the job listing pages in that order
    private final java.util.TreeMap<String, Job> jobs = new java.util.TreeMap<>();
    private final Map<String, List<ObjectNode>> columnLineage = new HashMap<>();
    private final Map<String, Run> runs = new HashMap<>();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    /** One event's facets on a version: Marquez's dataset_facets rows, with the event's time. */
    record FacetRow(Instant eventTime, long arrival, ObjectNode facets) {}

    static final class Version {
        String uuid;
        Instant createdAt;
        ArrayNode fields;
        final List<FacetRow> rows = new ArrayList<>();
        String runId;
        String description;

        /**
         * The facets a read shows: rows merged in event-time order, later over earlier. Ties are
         * not ordered by Marquez; here the row that arrived first is merged last, so it wins: an
         * edit that does not carry a later time than what is there is lost, as it can be live.
         */
        ObjectNode facets() {
            List<FacetRow> sorted = new ArrayList<>(rows);
            sorted.sort(java.util.Comparator.comparing(FacetRow::eventTime)
                    .thenComparing(FacetRow::arrival, java.util.Comparator.reverseOrder()));
            ObjectNode out = JSON.createObjectNode();
            for (FacetRow r : sorted) {
                out.setAll(r.facets());
            }
            return out;
        }
    }

    private long arrivals;

    static final class Ds {
        String ns;
        String name;
        String description;
        String sourceName;
        String currentVersion;
        final List<Version> versions = new ArrayList<>();
        boolean deleted;
    }

    /**
     * A run as Marquez keeps it (RunDao 0.51): the state of the event that arrived last (not the
     * latest event time), started_at from the first START, ended_at from the last final event, a
     * job version once a final state came, the run facets of all its events merged in arrival order,
     * the inputs' current versions and the outputs' versions this run made.
     */
    static final class Run {
        String id;
        String ns;
        String job;
        Instant createdAt;
        Instant updatedAt;
        Instant startedAt;
        Instant endedAt;
        String state = "NEW";
        String jobVersion;
        final ObjectNode facets = JSON.createObjectNode();
        final Map<String, String[]> inputs = new java.util.LinkedHashMap<>();
        final Map<String, String[]> outputs = new java.util.LinkedHashMap<>();
    }

    static final class Job {
        String ns;
        String name;
        List<String[]> inputs = new ArrayList<>();
        List<String[]> outputs = new ArrayList<>();
        ObjectNode facets = JSON.createObjectNode();
        boolean deleted;
    }

    FakeMarquez() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        pool = Executors.newFixedThreadPool(64);
        server.setExecutor(pool);
        server.createContext("/api/v1/", this::handle);
        // every other path: Jersey's answer for a resource it does not have (a wrong base URL)
        server.createContext("/", ex -> {
            try {
                send(ex, 404, NO_SUCH_PATH);
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    /** Runs the fake as its own process (for the benchmark): args = delay in ms; prints the URL; stops on EOF. */
    public static void main(String[] args) throws Exception {
        try (FakeMarquez fake = new FakeMarquez()) {
            fake.delayMillis = args.length > 0 ? Long.parseLong(args[0]) : 0;
            fake.recordEvents = false;
            System.out.println(fake.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
            long cpu = ((com.sun.management.OperatingSystemMXBean)
                                    java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime()
                    / 1_000_000;
            System.err.println("fake: " + fake.requests.get() + " requests, " + fake.applied.get() + " events applied, "
                    + fake.datasetCount() + " datasets current, " + cpu / 1000.0 + " s CPU");
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    static String key(String ns, String name) {
        return ns + "\u0000" + name;
    }

    // ------------------------------------------------------------------ http

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(ex, 429, "{\"code\":429,\"message\":\"slow down\"}");
                return;
            }
            boolean lost = false;
            if (faultRate > 0) {
                double r;
                int kind;
                synchronized (random) {
                    r = random.nextDouble();
                    kind = random.nextInt(3);
                }
                if (r < faultRate) {
                    faults.incrementAndGet();
                    if (kind == 0) {
                        send(ex, 500, "{\"code\":500,\"message\":\"injected\"}");
                        return;
                    } else if (kind == 1) {
                        send(ex, 429, "{\"code\":429,\"message\":\"slow down\"}");
                        return;
                    }
                    lost = true;
                }
            }
            if (lost) {
                // the request is processed, but its answer never reaches the client: the connection
                // closes before it (the client sees what it sees when it times out on a slow answer,
                // without a test having to outwait a timeout, which a loaded machine can blur)
                ANSWER_LOST.add(ex);
            }
            route(ex);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(ex, 500, "{\"code\":500,\"message\":\"" + e.toString().replace('"', '\'') + "\"}");
        } finally {
            ex.close();
            ANSWER_LOST.remove(ex);
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String raw = ex.getRequestURI().getRawPath().substring("/api/v1/".length());
        List<String> seg = new ArrayList<>();
        for (String s : raw.split("/", -1)) {
            seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
        }
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        if (method.equals("POST") && raw.equals("lineage")) {
            byte[] body = ex.getRequestBody().readAllBytes();
            JsonNode event = JSON.readTree(body); // from bytes: Jackson's fastest parser
            if (!event.hasNonNull("eventTime")) {
                send(ex, 422, "{\"errors\":[\"eventTime must not be null\"]}");
                return;
            }
            apply(event);
            if (recordEvents) {
                events.add(new String(body, StandardCharsets.UTF_8));
            }
            send(ex, 201, "");
            return;
        }
        if (method.equals("POST")) {
            send(ex, 404, NO_SUCH_PATH);
            return;
        }
        if (method.equals("PUT") && seg.size() == 2 && seg.get(0).equals("namespaces")) {
            // PUT /namespaces/{ns} with {"ownerName": ...} creates it (checked against Marquez
            // 0.51.1, 2026-12-06: 1,100 namespaces made this way, each answered 200)
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            synchronized (this) {
                namespaces.add(seg.get(1));
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("name", seg.get(1));
            o.put("ownerName", body.path("ownerName").asText("anonymous"));
            o.put("isHidden", false);
            send(ex, 200, o.toString());
            return;
        }
        if (!method.equals("GET") && !method.equals("DELETE")) {
            send(ex, 405, "{\"code\":405,\"message\":\"HTTP 405 Method Not Allowed\"}");
            return;
        }
        JsonNode out;
        synchronized (this) {
            out = switch (seg.get(0)) {
                case "namespaces" -> namespaces(method, seg, q);
                case "lineage" -> lineage(q);
                case "column-lineage" -> columnLineage(q);
                case "search" -> search(q);
                case "jobs" -> method.equals("GET") ? jobsRoot(seg) : null;
                default -> null;
            };
        }
        if (out == null) {
            send(ex, 404, NO_SUCH_PATH);
        } else if (out.has("__status")) {
            int status = out.get("__status").asInt();
            ((ObjectNode) out).remove("__status");
            send(ex, status, out.toString());
        } else {
            send(ex, 200, out.toString());
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String p : raw.split("&")) {
                int eq = p.indexOf('=');
                if (eq > 0) {
                    q.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    // exchanges whose answer is lost (not an exchange attribute: the JDK server keeps those per context)
    private static final Set<HttpExchange> ANSWER_LOST = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        if (ANSWER_LOST.contains(ex)) {
            return; // handle() closes the exchange without a response: the connection drops
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(b);
                }
            }
        } catch (IOException e) {
            // the client went away (it timed out): like a real server, we do not care
        }
    }

    // ------------------------------------------------------------------ writes

    synchronized void apply(JsonNode e) {
        applied.incrementAndGet();
        String url = e.path("schemaURL").asText("");
        String type = url.substring(url.lastIndexOf('/') + 1);
        switch (type) {
            case "DatasetEvent" -> upsert(e.path("dataset"), null, true, true, eventTime(e));
            case "JobEvent" -> applyJob(e, null);
            default -> applyRun(e);
        }
    }

    private void applyJob(JsonNode e, String runId) {
        JsonNode j = e.path("job");
        String ns = j.path("namespace").asText();
        namespaces.add(ns);
        Job job = jobs.computeIfAbsent(key(ns, j.path("name").asText()), k -> new Job());
        job.ns = ns;
        job.name = j.path("name").asText();
        job.deleted = false;
        j.path("facets").fields().forEachRemaining(f -> job.facets.set(f.getKey(), f.getValue()));
        List<String[]> in = new ArrayList<>();
        for (JsonNode d : e.path("inputs")) {
            upsert(d, null, false, false, eventTime(e));
            in.add(new String[] {d.path("namespace").asText(), d.path("name").asText()});
        }
        List<String[]> out = new ArrayList<>();
        boolean complete = "COMPLETE".equals(e.path("eventType").asText());
        for (JsonNode d : e.path("outputs")) {
            // JobEvent outputs get a version that is not made current; run outputs one per run id
            upsert(d, runId, true, runId != null && complete, eventTime(e));
            out.add(new String[] {d.path("namespace").asText(), d.path("name").asText()});
        }
        if (!in.isEmpty() || !out.isEmpty()) {
            job.inputs = in;
            job.outputs = out;
        }
    }

    private void applyRun(JsonNode e) {
        String runId = e.path("run").path("runId").asText();
        applyJob(e, runId);
        recordRun(e, runId);
        Set<String> runInputs = new HashSet<>();
        for (JsonNode d : e.path("inputs")) {
            runInputs.add(key(d.path("namespace").asText(), d.path("name").asText()));
        }
        for (JsonNode d : e.path("outputs")) {
            JsonNode cl = d.path("facets").path("columnLineage").path("fields");
            Set<String> schemaFields = new HashSet<>();
            d.path("facets")
                    .path("schema")
                    .path("fields")
                    .forEach(f -> schemaFields.add(f.path("name").asText()));
            String ns = d.path("namespace").asText();
            String name = d.path("name").asText();
            cl.fields().forEachRemaining(f -> {
                if (!schemaFields.contains(f.getKey())) {
                    return; // Marquez keeps column lineage only for fields in the output's schema
                }
                List<ObjectNode> inputs = new ArrayList<>();
                for (JsonNode in : f.getValue().path("inputFields")) {
                    if (!runInputs.contains(
                            key(in.path("namespace").asText(), in.path("name").asText()))) {
                        continue; // only input fields of datasets that are inputs of the same run
                    }
                    ObjectNode n = JSON.createObjectNode();
                    n.put("namespace", in.path("namespace").asText());
                    n.put("dataset", in.path("name").asText());
                    n.put("field", in.path("field").asText());
                    // the transformations list is not modelled; only the deprecated fields are kept
                    n.set("transformationDescription", f.getValue().path("transformationDescription"));
                    n.set("transformationType", f.getValue().path("transformationType"));
                    inputs.add(n);
                }
                columnLineage.put(ns + "\u0000" + name + "\u0000" + f.getKey(), inputs);
            });
        }
    }

    private void recordRun(JsonNode e, String runId) {
        Instant now = Instant.now();
        Run r = runs.computeIfAbsent(runId, k -> {
            Run n = new Run();
            n.id = k;
            n.createdAt = now;
            return n;
        });
        r.ns = e.path("job").path("namespace").asText();
        r.job = e.path("job").path("name").asText();
        r.updatedAt = now;
        Instant t = eventTime(e);
        String type = e.path("eventType").asText("");
        switch (type) {
            case "START" -> {
                r.state = "RUNNING";
                if (r.startedAt == null) {
                    r.startedAt = t;
                }
            }
            case "RUNNING" -> r.state = "RUNNING";
            case "COMPLETE", "FAIL", "ABORT" -> {
                r.state = switch (type) {
                    case "COMPLETE" -> "COMPLETED";
                    case "FAIL" -> "FAILED";
                    default -> "ABORTED";
                };
                r.endedAt = t;
                r.jobVersion = java.util
                        .UUID
                        .nameUUIDFromBytes((r.ns + ":" + r.job + ":" + runId).getBytes(StandardCharsets.UTF_8))
                        .toString();
            }
            default -> {
                // OTHER (or none): no state change
            }
        }
        e.path("run").path("facets").fields().forEachRemaining(f -> r.facets.set(f.getKey(), f.getValue()));
        for (JsonNode d : e.path("inputs")) {
            Ds ds = datasets.get(aliases.getOrDefault(
                    key(d.path("namespace").asText(), d.path("name").asText()),
                    key(d.path("namespace").asText(), d.path("name").asText())));
            if (ds != null && ds.currentVersion != null) {
                r.inputs.put(key(ds.ns, ds.name), new String[] {ds.ns, ds.name, ds.currentVersion});
            }
        }
        for (JsonNode d : e.path("outputs")) {
            Ds ds = datasets.get(
                    key(d.path("namespace").asText(), d.path("name").asText()));
            if (ds == null) {
                continue;
            }
            for (Version v : ds.versions) {
                if (runId.equals(v.runId)) {
                    r.outputs.put(key(ds.ns, ds.name), new String[] {ds.ns, ds.name, v.uuid});
                }
            }
        }
    }

    private static ObjectNode runJson(Run r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", r.id);
        o.put("createdAt", r.createdAt.toString());
        o.put("updatedAt", r.updatedAt.toString());
        o.putNull("nominalStartTime");
        o.putNull("nominalEndTime");
        o.put("state", r.state);
        o.put("startedAt", r.startedAt == null ? null : r.startedAt.toString());
        o.put("endedAt", r.endedAt == null ? null : r.endedAt.toString());
        if (r.startedAt != null && r.endedAt != null) {
            o.put(
                    "durationMs",
                    java.time.Duration.between(r.startedAt, r.endedAt).toMillis());
        } else {
            o.putNull("durationMs");
        }
        o.putObject("args");
        if (r.jobVersion == null) {
            o.putNull("jobVersion");
        } else {
            o.putObject("jobVersion").put("namespace", r.ns).put("name", r.job).put("version", r.jobVersion);
        }
        ArrayNode in = o.putArray("inputVersions");
        r.inputs
                .values()
                .forEach(v ->
                        in.addObject().put("namespace", v[0]).put("name", v[1]).put("version", v[2]));
        ArrayNode out = o.putArray("outputVersions");
        r.outputs
                .values()
                .forEach(v ->
                        out.addObject().put("namespace", v[0]).put("name", v[1]).put("version", v[2]));
        o.putObject("context");
        o.set("facets", r.facets.deepCopy());
        return o;
    }

    /** A job's runs, STARTED_AT DESC NULLS LAST (RunDao.findAll). */
    private List<Run> runsOf(Job job) {
        List<Run> out = new ArrayList<>();
        for (Run r : runs.values()) {
            if (job.ns.equals(r.ns) && job.name.equals(r.job)) {
                out.add(r);
            }
        }
        out.sort(java.util.Comparator.comparing(
                (Run r) -> r.startedAt, java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())));
        return out;
    }

    /** {@code GET /jobs/runs/{id}}. */
    private JsonNode jobsRoot(List<String> seg) {
        if (seg.size() == 3 && seg.get(1).equals("runs")) {
            Run r = runs.get(seg.get(2));
            return r == null ? status(404, "Run '" + seg.get(2) + "' not found.") : runJson(r);
        }
        return null;
    }

    static Instant eventTime(JsonNode e) {
        return java.time.OffsetDateTime.parse(e.path("eventTime").asText()).toInstant();
    }

    private void upsert(JsonNode d, String runId, boolean output, boolean makeCurrent, Instant eventTime) {
        String ns = d.path("namespace").asText();
        String name = d.path("name").asText();
        namespaces.add(ns);
        Ds ds = datasets.computeIfAbsent(key(ns, name), k -> new Ds());
        ds.ns = ns;
        ds.name = name;
        ds.deleted = false;
        JsonNode facets = d.path("facets");
        // the quirk: every mention rewrites the description, to null without documentation
        ds.description = facets.path("documentation").hasNonNull("description")
                ? facets.path("documentation").get("description").asText()
                : null;
        for (JsonNode id : facets.path("symlinks").path("identifiers")) {
            String ans = id.path("namespace").asText();
            namespaces.add(ans);
            aliases.put(key(ans, id.path("name").asText()), key(ns, name));
        }
        if (!output) {
            // inputs reuse the current version, and their dataset facets become rows of it at the
            // event's time (OpenLineageDao.insertDatasetFacets with the current version row for
            // inputs; such rows are aggregated like any other)
            Version cur = current(ds);
            if (cur != null && facets.isObject() && !facets.isEmpty()) {
                cur.rows.add(new FacetRow(eventTime, arrivals++, (ObjectNode) facets));
            }
            return;
        }
        String source = facets.path("dataSource").path("name").asText("default");
        if (ds.sourceName == null) {
            ds.sourceName = source; // the first writer's source stays
        }
        ArrayNode fields = JSON.createArrayNode();
        List<String> hashParts = new ArrayList<>();
        for (JsonNode f : facets.path("schema").path("fields")) {
            ObjectNode field = JSON.createObjectNode();
            field.put("name", f.path("name").asText());
            field.put("type", f.path("type").asText(null));
            field.set("tags", JSON.createArrayNode());
            field.put("description", f.path("description").asText(null));
            fields.add(field);
            hashParts.add(
                    f.path("name").asText() + "|" + f.path("type").asText("").toUpperCase(Locale.ROOT) + "|"
                            + f.path("description").asText(""));
        }
        Collections.sort(hashParts);
        String uuid = UUID.nameUUIDFromBytes(
                        (ns + ":" + source + ":" + name + ":" + name + ":null:" + hashParts + "::" + runId)
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
        Version v = ds.versions.stream()
                .filter(x -> x.uuid.equals(uuid))
                .findFirst()
                .orElse(null);
        if (v == null) {
            v = new Version();
            v.uuid = uuid;
            v.createdAt = eventTime; // the event time, not the arrival
            v.fields = fields;
            v.runId = runId;
            ds.versions.add(v);
        }
        // facets belong to the version, one row per event, merged on read by event time
        v.rows.add(
                new FacetRow(eventTime, arrivals++, facets.isObject() ? (ObjectNode) facets : JSON.createObjectNode()));
        v.description = ds.description;
        if (makeCurrent) {
            ds.currentVersion = uuid;
        }
    }

    // ------------------------------------------------------------------ reads

    private JsonNode namespaces(String method, List<String> seg, Map<String, String> q) {
        if (seg.size() == 1) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode list = out.putArray("namespaces");
            // no totalCount; default limit 100, no upper bound (live, 0.51.1: limit=2000 gave all
            // 1,108, ordered by name as here)
            int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
            int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
            namespaces.stream().skip(offset).limit(limit).forEach(n -> {
                ObjectNode o = list.addObject();
                o.put("name", n);
                o.put("ownerName", "anonymous");
                o.put("isHidden", false);
            });
            return out;
        }
        String ns = seg.get(1);
        if (!namespaces.contains(ns)) {
            return status(404, "Namespace '" + ns + "' not found.");
        }
        if (seg.size() == 3 && seg.get(2).equals("datasets")) {
            return listDatasets(ns, q);
        }
        if (seg.size() >= 4 && seg.get(2).equals("datasets")) {
            String name = seg.get(3);
            String primary = aliases.getOrDefault(key(ns, name), key(ns, name));
            Ds ds = datasets.get(primary);
            if (ds == null || ds.deleted) {
                return status(404, "Dataset '" + name + "' not found.");
            }
            if (seg.size() == 4) {
                return datasetJson(ds, ns, name, true);
            }
            if (seg.size() == 5 && seg.get(4).equals("versions")) {
                ObjectNode out = JSON.createObjectNode();
                ArrayNode list = out.putArray("versions");
                List<Version> newest = new ArrayList<>(ds.versions);
                // ordered by createdAt (the event time), newest first
                newest.sort(java.util.Comparator.comparing((Version v) -> v.createdAt)
                        .reversed());
                int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
                int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
                newest.stream().skip(offset).limit(limit).forEach(v -> list.add(versionJson(ds, v)));
                out.put("totalCount", newest.size());
                return out;
            }
            return null;
        }
        if (seg.size() == 3 && seg.get(2).equals("jobs")) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode list = out.putArray("jobs");
            int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
            int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
            int total = 0;
            for (Job j : jobs.subMap(ns + "\u0000", ns + "\u0001").values()) {
                if (j.deleted) {
                    continue;
                }
                if (total >= offset && total < offset + limit) {
                    list.add(jobJson(j));
                }
                total++;
            }
            out.put("totalCount", total);
            return out;
        }
        if (seg.size() == 5 && seg.get(2).equals("jobs") && seg.get(4).equals("runs") && method.equals("GET")) {
            Job job = jobs.get(key(ns, seg.get(3)));
            if (job == null || job.deleted) {
                return status(404, "Job '" + seg.get(3) + "' not found.");
            }
            int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
            int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
            ObjectNode out = JSON.createObjectNode();
            ArrayNode list = out.putArray("runs");
            runsOf(job).stream().skip(offset).limit(limit).forEach(r -> list.add(runJson(r)));
            return out;
        }
        if (seg.size() == 4 && seg.get(2).equals("jobs")) {
            Job job = jobs.get(key(ns, seg.get(3)));
            if (job == null || job.deleted) {
                return status(404, "Job '" + seg.get(3) + "' not found.");
            }
            if (method.equals("DELETE")) {
                job.deleted = true;
            }
            return jobJson(job);
        }
        return null;
    }

    private JsonNode listDatasets(String ns, Map<String, String> q) {
        TreeMap<String, String[]> rows = new TreeMap<>();
        datasets.values().stream().filter(d -> d.ns.equals(ns) && !d.deleted).forEach(d -> rows.put(d.name, null));
        aliases.forEach((alias, primary) -> {
            String[] a = alias.split("\u0000", 2);
            if (a[0].equals(ns)) {
                rows.put(a[1], null);
            }
        });
        int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
        int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("datasets");
        int i = 0;
        for (String name : rows.keySet().stream().skip(offset).limit(limit).toList()) {
            Ds ds = datasets.get(aliases.getOrDefault(key(ns, name), key(ns, name)));
            // the bug: only the first 10 datasets of a page get their facets
            list.add(datasetJson(ds, ns, name, i++ < 10));
        }
        out.put("totalCount", rows.size());
        return out;
    }

    private ObjectNode datasetJson(Ds ds, String ns, String name, boolean withFacets) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("id").put("namespace", ns).put("name", name);
        o.put("type", "DB_TABLE");
        o.put("name", name);
        o.put("physicalName", ds.name);
        o.put("namespace", ns);
        o.put("sourceName", ds.sourceName);
        Version cur = current(ds);
        o.set("fields", cur == null ? JSON.createArrayNode() : cur.fields);
        o.set("tags", JSON.createArrayNode());
        o.put("description", ds.description);
        o.put("currentVersion", cur == null ? null : cur.uuid);
        o.set("facets", withFacets && cur != null ? cur.facets() : JSON.createObjectNode());
        o.put("deleted", false);
        return o;
    }

    private static Version current(Ds ds) {
        if (ds.currentVersion == null) {
            return null;
        }
        return ds.versions.stream()
                .filter(v -> v.uuid.equals(ds.currentVersion))
                .findFirst()
                .orElse(null);
    }

    private ObjectNode versionJson(Ds ds, Version v) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("id").put("namespace", ds.ns).put("name", ds.name).put("version", v.uuid);
        o.put("type", "DB_TABLE");
        o.put("name", ds.name);
        o.put("physicalName", ds.name);
        o.put("createdAt", v.createdAt.toString());
        o.put("version", v.uuid);
        o.put("namespace", ds.ns);
        o.put("sourceName", ds.sourceName);
        o.set("fields", v.fields);
        o.put("description", v.description);
        o.set("facets", v.facets());
        if (v.runId == null) {
            o.putNull("createdByRun");
        } else {
            o.putObject("createdByRun").put("id", v.runId);
        }
        return o;
    }

    private ObjectNode jobJson(Job job) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("id").put("namespace", job.ns).put("name", job.name);
        o.put("type", "BATCH");
        o.put("name", job.name);
        o.put("namespace", job.ns);
        ArrayNode in = o.putArray("inputs");
        job.inputs.forEach(r -> in.addObject().put("namespace", r[0]).put("name", r[1]));
        ArrayNode out = o.putArray("outputs");
        job.outputs.forEach(r -> out.addObject().put("namespace", r[0]).put("name", r[1]));
        o.set("facets", job.facets);
        // the run whose state changed last (RunDao.findByLatestJob: transitioned_at DESC)
        Run latest = null;
        for (Run r : runs.values()) {
            if (job.ns.equals(r.ns)
                    && job.name.equals(r.job)
                    && (latest == null || r.updatedAt.isAfter(latest.updatedAt))) {
                latest = r;
            }
        }
        o.set("latestRun", latest == null ? JSON.nullNode() : runJson(latest));
        return o;
    }

    /** Marquez's nodeId parser: colons followed by // or a digit belong to the namespace. */
    static String[] parseNode(String nodeId, String prefix) {
        String rest = nodeId.substring(prefix.length());
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == ':') {
                boolean skip = rest.startsWith("//", i + 1)
                        || (i + 1 < rest.length() && Character.isDigit(rest.charAt(i + 1)));
                if (!skip) {
                    return new String[] {rest.substring(0, i), rest.substring(i + 1)};
                }
            }
        }
        throw new IllegalArgumentException("bad nodeId " + nodeId);
    }

    private JsonNode lineage(Map<String, String> q) {
        String nodeId = q.get("nodeId");
        if (nodeId == null) {
            // Dropwizard's parameter validation, not Marquez's ErrorMessage: {"errors": [...]}
            // (seen on 0.51.1, 2026-12-06)
            return validation(400, "query param nodeId must not be null");
        }
        Set<Job> graphJobs = new LinkedHashSet<>();
        Set<String> frontier = new HashSet<>();
        Map<String, ObjectNode> nodes = new LinkedHashMap<>();
        if (nodeId.startsWith("job:")) {
            // checked against Marquez 0.51.1, 2026-12-06: a job node's graph is the same walk from
            // its datasets; a deleted (hidden) job answers like an unknown one, 404 "Job 'x' not
            // found.", so a hidden version job is in no graph and has none of its own
            String[] j = parseNode(nodeId, "job:");
            Job job = jobs.get(key(j[0], j[1]));
            if (job == null || job.deleted) {
                return status(404, "Job '" + j[1] + "' not found.");
            }
            graphJobs.add(job);
            for (String[] r : concat(job.inputs, job.outputs)) {
                frontier.add(key(r[0], r[1]));
            }
        } else if (nodeId.startsWith("dataset:")) {
            String[] d = parseNode(nodeId, "dataset:");
            String k = aliases.getOrDefault(key(d[0], d[1]), key(d[0], d[1]));
            if (!datasets.containsKey(k)) {
                return status(404, "Dataset '" + d[1] + "' not found.");
            }
            frontier.add(k);
            nodes.put(k, datasetNode(k));
        } else {
            return status(404, "HTTP 404 Not Found"); // live: a nodeId Marquez cannot parse
        }
        int depth = Integer.parseInt(q.getOrDefault("depth", "20"));
        // undirected walk: every job touching the dataset, then jobs sharing any dataset with those
        for (int level = 0; level <= depth && !frontier.isEmpty(); level++) {
            Set<String> next = new HashSet<>();
            for (Job j : jobs.values()) {
                if (j.deleted || graphJobs.contains(j)) {
                    continue;
                }
                boolean touches = false;
                for (String[] r : concat(j.inputs, j.outputs)) {
                    touches |= frontier.contains(key(r[0], r[1]));
                }
                if (touches) {
                    graphJobs.add(j);
                    for (String[] r : concat(j.inputs, j.outputs)) {
                        next.add(key(r[0], r[1]));
                    }
                }
            }
            next.removeAll(frontier);
            frontier = next;
        }
        for (Job j : graphJobs) {
            String jid = "job:" + j.ns + ":" + j.name;
            ObjectNode jn = JSON.createObjectNode();
            jn.put("id", jid);
            jn.put("type", "JOB");
            ObjectNode data = jn.putObject("data");
            data.putObject("id").put("namespace", j.ns).put("name", j.name);
            data.put("name", j.name);
            data.put("namespace", j.ns);
            data.put("type", "BATCH");
            ArrayNode jin = jn.putArray("inEdges");
            ArrayNode jout = jn.putArray("outEdges");
            for (String[] r : j.inputs) {
                String did = "dataset:" + r[0] + ":" + r[1];
                jin.addObject().put("origin", did).put("destination", jid);
                ((ArrayNode) nodes.computeIfAbsent(key(r[0], r[1]), this::datasetNode)
                                .get("outEdges"))
                        .addObject()
                        .put("origin", did)
                        .put("destination", jid);
            }
            for (String[] r : j.outputs) {
                String did = "dataset:" + r[0] + ":" + r[1];
                jout.addObject().put("origin", jid).put("destination", did);
                ((ArrayNode) nodes.computeIfAbsent(key(r[0], r[1]), this::datasetNode)
                                .get("inEdges"))
                        .addObject()
                        .put("origin", jid)
                        .put("destination", did);
            }
            nodes.put(jid, jn);
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode graph = out.putArray("graph");
        nodes.values().forEach(graph::add);
        return out;
    }

    private static List<String[]> concat(List<String[]> a, List<String[]> b) {
        List<String[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private ObjectNode datasetNode(String k) {
        String[] p = k.split("\u0000", 2);
        ObjectNode n = JSON.createObjectNode();
        n.put("id", "dataset:" + p[0] + ":" + p[1]);
        n.put("type", "DATASET");
        ObjectNode data = n.putObject("data");
        data.putObject("id").put("namespace", p[0]).put("name", p[1]);
        data.put("namespace", p[0]);
        data.put("name", p[1]);
        data.put("type", "DB_TABLE");
        n.putArray("inEdges");
        n.putArray("outEdges");
        return n;
    }

    /**
     * {@code /column-lineage}: from {@code dataset:NS:NAME} (every field of it) or
     * {@code datasetField:NS:NAME:FIELD} (200 on 0.51.1, live), the output fields and, recursively,
     * the fields they read, up to {@code depth} (20 by default) levels upstream: the whole chain.
     * {@code withDownstream=true} adds the fields that read the start fields, likewise.
     */
    private JsonNode columnLineage(Map<String, String> q) {
        String nodeId = q.getOrDefault("nodeId", "");
        int depth = Integer.parseInt(q.getOrDefault("depth", "20"));
        boolean downstream = Boolean.parseBoolean(q.getOrDefault("withDownstream", "false"));
        Set<String> start = new TreeSet<>();
        if (nodeId.startsWith("datasetField:")) {
            String[] d = parseNode(nodeId, "datasetField:");
            int colon = d[1].lastIndexOf(':');
            if (colon < 0) {
                return status(400, "bad nodeId " + nodeId);
            }
            start.add(d[0] + "\u0000" + d[1].substring(0, colon) + "\u0000" + d[1].substring(colon + 1));
        } else {
            String[] d = parseNode(nodeId, "dataset:");
            String prefix = d[0] + "\u0000" + d[1] + "\u0000";
            columnLineage.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(start::add);
        }
        // the walk is anchored on output fields (ColumnLineageDao): a pure source field gives nothing
        start.removeIf(k -> !columnLineage.containsKey(k));
        Set<String> nodes = new TreeSet<>(start);
        Set<String> frontier = new TreeSet<>(start);
        for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
            Set<String> next = new TreeSet<>();
            for (String f : frontier) {
                for (ObjectNode in : columnLineage.getOrDefault(f, List.of())) {
                    String k = fieldKey(in);
                    if (nodes.add(k)) {
                        next.add(k);
                    }
                }
            }
            frontier = next;
        }
        if (downstream) {
            frontier = new TreeSet<>(start);
            for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
                Set<String> next = new TreeSet<>();
                for (Map.Entry<String, List<ObjectNode>> e : new TreeMap<>(columnLineage).entrySet()) {
                    for (ObjectNode in : e.getValue()) {
                        if (frontier.contains(fieldKey(in)) && nodes.add(e.getKey())) {
                            next.add(e.getKey());
                        }
                    }
                }
                frontier = next;
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode graph = out.putArray("graph");
        for (String k : nodes) {
            String[] p = k.split("\u0000", 3);
            String id = "datasetField:" + p[0] + ":" + p[1] + ":" + p[2];
            ObjectNode n = graph.addObject();
            n.put("id", id);
            n.put("type", "DATASET_FIELD");
            ObjectNode data = n.putObject("data");
            data.put("namespace", p[0]);
            data.put("dataset", p[1]);
            data.put("field", p[2]);
            ArrayNode ins = data.putArray("inputFields");
            ArrayNode inEdges = n.putArray("inEdges");
            for (ObjectNode in : columnLineage.getOrDefault(k, List.of())) {
                ins.add(in);
                String[] ip = fieldKey(in).split("\u0000", 3);
                inEdges.addObject()
                        .put("origin", id)
                        .put("destination", "datasetField:" + ip[0] + ":" + ip[1] + ":" + ip[2]);
            }
            n.putArray("outEdges");
        }
        return out;
    }

    private static String fieldKey(JsonNode in) {
        return in.path("namespace").asText() + "\u0000" + in.path("dataset").asText() + "\u0000"
                + in.path("field").asText();
    }

    private JsonNode search(Map<String, String> q) {
        String term = q.getOrDefault("q", "").toLowerCase(Locale.ROOT);
        int limit = Integer.parseInt(q.getOrDefault("limit", "10"));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("results");
        String filter = q.getOrDefault("filter", "").toUpperCase(Locale.ROOT);
        List<ObjectNode> hits = new ArrayList<>();
        if (!filter.equals("JOB")) {
            for (Ds ds : datasets.values()) {
                if (!ds.deleted && ds.name.toLowerCase(Locale.ROOT).contains(term)) {
                    ObjectNode r = JSON.createObjectNode();
                    r.put("type", "DATASET").put("name", ds.name).put("namespace", ds.ns);
                    r.put("nodeId", "dataset:" + ds.ns + ":" + ds.name);
                    hits.add(r);
                }
            }
        }
        hits.sort((a, b) -> a.path("name").asText().compareTo(b.path("name").asText()));
        hits.stream().limit(limit).forEach(results::add);
        out.put("totalCount", results.size());
        return out;
    }

    /** Dropwizard's answer to a request that fails its parameter validation. */
    private static ObjectNode validation(int code, String... errors) {
        ObjectNode o = JSON.createObjectNode();
        o.put("__status", code);
        var list = o.putArray("errors");
        for (String e : errors) {
            list.add(e);
        }
        return o;
    }

    private static ObjectNode status(int code, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("__status", code);
        o.put("code", code);
        o.put("message", message);
        return o;
    }

    // ------------------------------------------------------------------ for assertions

    /** An empty Marquez again, without restarting the server. */
    synchronized void reset() {
        namespaces.clear();
        namespaces.add("default");
        datasets.clear();
        aliases.clear();
        jobs.clear();
        runs.clear();
        columnLineage.clear();
        events.clear();
        faultRate = 0;
        refuseNext.set(0);
        delayMillis = 0;
        recordEvents = true;
    }

    synchronized int versionCount(String ns, String name) {
        Ds ds = datasets.get(key(ns, name));
        return ds == null ? 0 : ds.versions.size();
    }

    synchronized String description(String ns, String name) {
        Ds ds = datasets.get(key(ns, name));
        return ds == null ? null : ds.description;
    }

    synchronized List<String> jobInputs(String ns, String name) {
        Job j = jobs.get(key(ns, name));
        return j == null
                ? List.of()
                : j.inputs.stream().map(r -> r[0] + ":" + r[1]).toList();
    }

    synchronized int datasetCount() {
        return (int) datasets.values().stream()
                .filter(d -> !d.deleted && d.currentVersion != null)
                .count();
    }

    synchronized JsonNode currentFacets(String ns, String name) {
        Ds ds = datasets.get(key(ns, name));
        Version v = ds == null ? null : current(ds);
        return v == null ? JSON.createObjectNode() : v.facets();
    }
}
