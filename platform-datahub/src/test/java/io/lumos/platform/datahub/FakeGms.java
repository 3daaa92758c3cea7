package io.lumos.platform.datahub;

import com.datahub.util.RecordUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.metadata.aspect.patch.template.Template;
import com.linkedin.metadata.aspect.patch.template.common.GlobalTagsTemplate;
import com.linkedin.metadata.aspect.patch.template.common.GlossaryTermsTemplate;
import com.linkedin.metadata.aspect.patch.template.common.OwnershipTemplate;
import com.linkedin.metadata.aspect.patch.template.dataset.DatasetPropertiesTemplate;
import com.linkedin.metadata.aspect.patch.template.dataset.EditableSchemaMetadataTemplate;
import com.linkedin.metadata.aspect.patch.template.dataset.UpstreamLineageTemplate;
import com.linkedin.mxe.MetadataChangeProposal;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import datahub.shaded.json.Json;
import datahub.shaded.json.JsonPatch;
import datahub.shaded.json.JsonReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process fake of the GMS endpoints the adapter calls, with the request and response shapes
 * of the research note (REST.li ingestProposal/ingestProposalBatch and entitiesV2, OpenAPI v3
 * scroll, GraphQL searchAcrossEntities, relationships v1). It parses every proposal and aspect
 * with DataHub's own Pegasus classes, stores what was written (an UPSERT replaces the whole
 * aspect, a PATCH is applied with DataHub's own patch templates, see {@link #TEMPLATES}), serves
 * reads from it, and can answer with latency, faults and stalls.
 */
final class FakeGms implements AutoCloseable {
    static {
        // Like GMS's and Marquez's Jetty (TCP_NODELAY on accepted sockets); the JDK server's default
        // leaves Nagle on, and its header and body writes then wait out the client's delayed ACK
        // (~40 ms a response), which made the fake, not the client, the bottleneck of the benchmark.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    record Request(String method, String path, Map<String, String> headers, String body) {}

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-gms");
        t.setDaemon(true);
        return t;
    });

    /** urn -> aspect -> value JSON, sorted by urn as GMS scrolls. */
    private final Map<String, Map<String, String>> store = new TreeMap<>();

    /** (urn#aspect) -> the distinct values that landed, to tell "landed once" from "landed twice differently". */
    final Map<String, Set<String>> landed = new ConcurrentHashMap<>();

    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> proposals = Collections.synchronizedList(new ArrayList<>());
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicLong maxBodyBytes = new AtomicLong();
    final AtomicInteger batchRequests = new AtomicInteger();
    final AtomicInteger singleRequests = new AtomicInteger();
    final AtomicInteger faultsServed = new AtomicInteger();

    volatile boolean record = true;
    /** Off for benchmarks: count proposals only, so the fake's own parsing does not eat the client's CPU. */
    volatile boolean validate = true;

    final AtomicLong proposalsSeen = new AtomicLong();
    volatile boolean batchEndpoint = true;
    volatile long latencyMillis;
    volatile double faultRate;
    volatile int failFirst;
    volatile int failFirstStatus = 503;
    volatile String poisonUrn;
    private final Random random = new Random(42);

    FakeGms() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void reset() {
        store.clear();
        others.clear();
        timeseries.clear();
        landed.clear();
        requests.clear();
        proposals.clear();
        problems.clear();
        maxInFlight.set(0);
        maxBodyBytes.set(0);
        batchRequests.set(0);
        singleRequests.set(0);
        faultsServed.set(0);
        record = true;
        validate = true;
        proposalsSeen.set(0);
        batchEndpoint = true;
        latencyMillis = 0;
        faultRate = 0;
        failFirst = 0;
        poisonUrn = null;
    }

    synchronized Map<String, String> aspectsOf(String urn) {
        return new TreeMap<>(store.getOrDefault(urn, Map.of()));
    }

    synchronized int entityCount() {
        return store.size();
    }

    private void handle(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            maxBodyBytes.accumulateAndGet(body.getBytes(StandardCharsets.UTF_8).length, Math::max);
            URI uri = ex.getRequestURI();
            String path = uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            if (record) {
                Map<String, String> headers = new TreeMap<>();
                ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
                requests.add(
                        new Request(ex.getRequestMethod(), path + (query.isEmpty() ? "" : "?" + query), headers, body));
            }
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            boolean write = path.equals("/aspects");
            if (write && failFirst > 0) {
                synchronized (this) {
                    if (failFirst > 0) {
                        failFirst--;
                        faultsServed.incrementAndGet();
                        respond(ex, failFirstStatus, "{\"message\":\"scripted failure\"}");
                        return;
                    }
                }
            }
            if (write && faultRate > 0) {
                double roll;
                int kind;
                synchronized (random) {
                    roll = random.nextDouble();
                    kind = random.nextInt(3);
                }
                if (roll < faultRate) {
                    faultsServed.incrementAndGet();
                    if (kind == 0) {
                        respond(ex, 500, "{\"message\":\"internal error\"}");
                    } else if (kind == 1) {
                        ex.getResponseHeaders().add("Retry-After", "0");
                        respond(ex, 429, "{\"message\":\"slow down\"}");
                    }
                    // else no answer and nothing stored: closed unanswered below, the connection drops,
                    // which the client sees as it sees a timeout, without a test outwaiting one (on a
                    // loaded machine a healthy request outlasted the short timeout too, and landed)
                    return;
                }
            }
            if (write && query.equals("action=ingestProposalBatch")) {
                batchRequests.incrementAndGet();
                if (!batchEndpoint) {
                    respond(ex, 404, "{\"message\":\"No such action ingestProposalBatch\",\"status\":404}");
                    return;
                }
                if (!validate) {
                    int n = 0;
                    for (int at = body.indexOf("\"entityUrn\":");
                            at >= 0;
                            at = body.indexOf("\"entityUrn\":", at + 1)) {
                        n++;
                    }
                    proposalsSeen.addAndGet(n);
                    respond(ex, 200, "{\"value\":[]}");
                    return;
                }
                JsonNode req = json.readTree(body);
                if (!req.path("async").isTextual()) {
                    problems.add("batch without a string 'async'");
                }
                List<String> urns = new ArrayList<>();
                for (JsonNode p : req.path("proposals")) {
                    if (isPoison(p)) {
                        respond(ex, 422, "{\"message\":\"Failed to validate\"}");
                        return;
                    }
                }
                for (JsonNode p : req.path("proposals")) {
                    urns.add(ingest(p));
                }
                ObjectNode out = json.createObjectNode();
                ArrayNode value = out.putArray("value");
                urns.forEach(value::add);
                respond(ex, 200, out.toString());
            } else if (write && query.equals("action=getTimeseriesAspectValues")) {
                timeseriesValues(ex, json.readTree(body));
            } else if (write && query.equals("action=ingestProposal")) {
                singleRequests.incrementAndGet();
                JsonNode p = json.readTree(body).path("proposal");
                if (!validate) {
                    proposalsSeen.incrementAndGet();
                    respond(ex, 200, "{\"value\":\"\"}");
                    return;
                }
                if (isPoison(p)) {
                    respond(ex, 422, "{\"message\":\"Failed to validate\"}");
                    return;
                }
                respond(ex, 200, "{\"value\":\"" + ingest(p) + "\"}");
            } else if (path.startsWith("/entitiesV2/")) {
                entitiesV2(
                        ex, URLDecoder.decode(path.substring("/entitiesV2/".length()), StandardCharsets.UTF_8), query);
            } else if (path.equals("/openapi/v3/entity/dataset")) {
                scroll(ex, params(query), "urn:li:dataset:");
            } else if (path.equals("/openapi/v3/entity/dataprocessinstance")) {
                scroll(ex, params(query), "urn:li:dataProcessInstance:");
            } else if (path.equals("/api/graphql")) {
                graphql(ex, json.readTree(body));
            } else if (path.equals("/openapi/relationships/v1/")) {
                relationships(ex, params(query));
            } else {
                respond(ex, 404, "{\"message\":\"no route " + path + "\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            problems.add("fake failed: " + e);
            respond(ex, 500, "{\"message\":\"" + e.getClass().getSimpleName() + "\"}");
        } finally {
            inFlight.decrementAndGet();
            ex.close();
        }
    }

    private boolean isPoison(JsonNode proposal) {
        if ("PATCH".equals(proposal.path("changeType").asText())
                && !patchable(proposal.path("aspectName").asText())) {
            problems.add("PATCH of " + proposal.path("aspectName").asText() + ", which GMS cannot patch");
            return true;
        }
        return poisonUrn != null && poisonUrn.equals(proposal.path("entityUrn").asText());
    }

    /** The aspects of a dataProduct entity that GMS's entity registry lists and Lumos writes. */
    static final Map<String, Class<? extends RecordTemplate>> DATA_PRODUCT_ASPECTS = Map.of(
            "dataProductProperties", com.linkedin.dataproduct.DataProductProperties.class,
            "domains", com.linkedin.domain.Domains.class,
            "ownership", com.linkedin.common.Ownership.class);

    /** Validates one proposal with the Pegasus classes and applies it; returns its URN. */
    private String ingest(JsonNode p) throws IOException {
        String text = p.toString();
        if (record) {
            proposals.add(text);
        }
        MetadataChangeProposal mcp = RecordUtils.toRecordTemplate(MetadataChangeProposal.class, text);
        String urn = mcp.getEntityUrn().toString();
        String aspect = mcp.getAspectName();
        String value = mcp.getAspect().getValue().asString(StandardCharsets.UTF_8);
        if (!"application/json".equals(mcp.getAspect().getContentType())) {
            problems.add(
                    urn + " " + aspect + ": content type " + mcp.getAspect().getContentType());
        }
        // GMS takes the entity type from the URN and refuses an aspect the entity does not have
        String entity = urn.substring("urn:li:".length(), urn.indexOf(':', "urn:li:".length()));
        if (!entity.equals(mcp.getEntityType())) {
            problems.add(urn + ": entityType " + mcp.getEntityType() + " does not match the URN");
        }
        if (entity.equals("assertion")) {
            return other(mcp, urn, aspect, value);
        }
        Class<? extends RecordTemplate> type = entity.equals("dataset")
                ? GmsReader.ASPECTS.get(aspect)
                : entity.equals("dataProduct") ? DATA_PRODUCT_ASPECTS.get(aspect) : RunMapping.ASPECTS.get(aspect);
        if (type == null) {
            problems.add(urn + ": unexpected aspect " + aspect);
            return urn;
        }
        if (TIMESERIES.contains(aspect)) {
            try {
                long ts = json.readTree(value).path("timestampMillis").asLong();
                RecordUtils.toRecordTemplate(type, value);
                appendTimeseries(urn + "#" + aspect, ts, value);
            } catch (RuntimeException e) {
                problems.add(urn + " " + aspect + " does not parse: " + e.getMessage());
            }
            landed.computeIfAbsent(urn + "#" + aspect, k -> ConcurrentHashMap.newKeySet())
                    .add(value);
            return urn;
        }
        synchronized (this) {
            Map<String, String> aspects = store.computeIfAbsent(urn, k -> new TreeMap<>());
            switch (mcp.getChangeType()) {
                case UPSERT -> {
                    try {
                        RecordUtils.toRecordTemplate(type, value); // DataHub's own classes must read it
                    } catch (RuntimeException e) {
                        problems.add(urn + " " + aspect + " does not parse: " + e.getMessage());
                    }
                    aspects.put(aspect, value);
                }
                case PATCH -> {
                    try {
                        aspects.put(aspect, patch(aspect, aspects.get(aspect), value));
                    } catch (RuntimeException e) {
                        problems.add(urn + " " + aspect + ": " + e.getMessage());
                    }
                }
                default -> problems.add(urn + ": change type " + mcp.getChangeType());
            }
            landed.computeIfAbsent(urn + "#" + aspect, k -> ConcurrentHashMap.newKeySet())
                    .add(aspects.get(aspect));
        }
        return urn;
    }

    /**
     * Timeseries aspects: GMS keeps each event in its timeseries index instead of replacing the
     * aspect (an event with the same timestamp replaces that one); entitiesV2 and the v3 scroll do
     * not show them, only {@code getTimeseriesAspectValues} does.
     */
    static final Set<String> TIMESERIES =
            Set.of("assertionRunEvent", "datasetUsageStatistics", "dataProcessInstanceRunEvent");

    /** Entities other than datasets (assertions), urn -> aspect -> value; not listed by the dataset scroll. */
    private final Map<String, Map<String, String>> others = new TreeMap<>();

    /** Timeseries events by urn and aspect, in arrival order. */
    private final Map<String, List<String>> timeseries = new TreeMap<>();

    /** An assertion proposal (its info and its run events), validated with DataHub's classes. */
    private String other(MetadataChangeProposal mcp, String urn, String aspect, String value) {
        Class<? extends RecordTemplate> type = AssertionMapping.ASPECTS.get(aspect);
        if (type == null || !"assertion".equals(mcp.getEntityType())) {
            problems.add(urn + ": unexpected " + mcp.getEntityType() + " aspect " + aspect);
            return urn;
        }
        if (mcp.getChangeType() != com.linkedin.events.metadata.ChangeType.UPSERT) {
            problems.add(urn + " " + aspect + ": change type " + mcp.getChangeType());
            return urn;
        }
        try {
            RecordUtils.toRecordTemplate(type, value);
        } catch (RuntimeException e) {
            problems.add(urn + " " + aspect + " does not parse: " + e.getMessage());
        }
        synchronized (this) {
            if (TIMESERIES.contains(aspect)) {
                appendTimeseries(urn + "#" + aspect, timestamp(value), value);
            } else {
                others.computeIfAbsent(urn, k -> new TreeMap<>()).put(aspect, value);
            }
        }
        return urn;
    }

    /** Appends a timeseries event, replacing one of the same timestamp. */
    private synchronized void appendTimeseries(String key, long timestampMillis, String value) {
        List<String> events = timeseries.computeIfAbsent(key, k -> new ArrayList<>());
        events.removeIf(e -> timestamp(e) == timestampMillis);
        events.add(value);
    }

    private long timestamp(String value) {
        try {
            return json.readTree(value).path("timestampMillis").asLong();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A timeseries event as DataHub's own sources write it (usage from query logs), checked with its class. */
    synchronized void addTimeseries(String urn, String aspect, String value) {
        RecordUtils.toRecordTemplate(com.linkedin.dataset.DatasetUsageStatistics.class, value);
        timeseries.computeIfAbsent(urn + "#" + aspect, k -> new ArrayList<>()).add(value);
    }

    /**
     * Rest.li's {@code getTimeseriesAspectValues}: the events of one urn and aspect, newest first,
     * at most {@code limit} (GMS fails without one), each as {@code {aspect: {value: JSON text,
     * contentType}}}.
     */
    private void timeseriesValues(HttpExchange ex, JsonNode req) throws IOException {
        if (!req.has("limit")) {
            respond(ex, 500, "{\"message\":\"NullPointerException\"}");
            return;
        }
        List<String> events = new ArrayList<>(
                timeseries(req.path("urn").asText(), req.path("aspect").asText()));
        events.sort(java.util.Comparator.comparingLong((String e) -> {
                    try {
                        return json.readTree(e).path("timestampMillis").asLong();
                    } catch (IOException io) {
                        throw new java.io.UncheckedIOException(io);
                    }
                })
                .reversed());
        ObjectNode out = json.createObjectNode();
        ObjectNode value = out.putObject("value");
        value.put("entityName", req.path("entity").asText());
        value.put("aspectName", req.path("aspect").asText());
        value.put("limit", req.path("limit").asInt());
        ArrayNode values = value.putArray("values");
        for (String e :
                events.subList(0, Math.min(events.size(), req.path("limit").asInt()))) {
            ObjectNode aspect = values.addObject().putObject("aspect");
            aspect.put("value", e);
            aspect.put("contentType", "application/json");
        }
        respond(ex, 200, out.toString());
    }

    synchronized Map<String, Map<String, String>> others() {
        return new TreeMap<>(others);
    }

    synchronized List<String> timeseries(String urn, String aspect) {
        return List.copyOf(timeseries.getOrDefault(urn + "#" + aspect, List.of()));
    }

    /**
     * The aspects GMS 0.15 can patch, each with the template GMS applies the patch with: the
     * {@code com.linkedin.metadata.aspect.patch.template} classes of the client jar, built from the
     * same commit as the server (the jar's AspectTemplateEngine lists the same aspects in
     * SUPPORTED_TEMPLATES). Checked against DataHub's source (metadata-io-api PatchItemImpl
     * .applyTemplatePatch, read on master; entity-registry patch templates): GMS starts from the
     * stored aspect, or from the template's default when there is none (no template and no stored
     * aspect: "Patch not supported for aspect"), and hands the RFC 6902 patch to the template, which turns keyed arrays into maps (owners by owner then type, tags and
     * terms by URN, upstreams by dataset, fine-grained lineage by operation, downstream field, query
     * and upstream field), applies the patch with the JSON-P implementation the jar bundles, and
     * turns the maps back into arrays. A remove of a key that is not there changes nothing. Other
     * aspects (domains, schemaMetadata, status, ...) have no template in 0.15: GMS refuses the patch.
     */
    private static final Map<String, Template<? extends RecordTemplate>> TEMPLATES = Map.of(
            "upstreamLineage", new UpstreamLineageTemplate(),
            "ownership", new OwnershipTemplate(),
            "globalTags", new GlobalTagsTemplate(),
            "glossaryTerms", new GlossaryTermsTemplate(),
            "datasetProperties", new DatasetPropertiesTemplate(),
            "editableSchemaMetadata", new EditableSchemaMetadataTemplate());

    static boolean patchable(String aspect) {
        return TEMPLATES.containsKey(aspect);
    }

    /** Applies a proposal as GMS would (e.g. one read from the file transport's output). */
    void apply(String proposalJson) throws IOException {
        ingest(json.readTree(proposalJson));
    }

    /** UPSERT replaces; PATCH goes through DataHub's own template for the aspect. */
    private static String patch(String aspect, String current, String patchJson) {
        Template<? extends RecordTemplate> template = TEMPLATES.get(aspect);
        if (template == null) {
            throw new IllegalArgumentException("aspect " + aspect + " does not support patching");
        }
        RecordTemplate base = current == null
                ? template.getDefault()
                : RecordUtils.toRecordTemplate(template.getTemplateType(), current);
        try (JsonReader reader = Json.createReader(new StringReader(patchJson))) {
            JsonPatch jsonPatch = Json.createPatch(reader.readArray());
            return RecordUtils.toJsonString(template.applyPatch(base, jsonPatch));
        } catch (datahub.shaded.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("patch of " + aspect + " does not apply: " + e.getMessage(), e);
        }
    }

    private void entitiesV2(HttpExchange ex, String urn, String query) throws IOException {
        Map<String, String> stored = aspectsOf(urn);
        if (stored.isEmpty()) {
            respond(ex, 404, "{\"message\":\"Entity " + urn + " not found\",\"status\":404}");
            return;
        }
        Set<String> wanted = requestedAspects(query);
        ObjectNode out = json.createObjectNode();
        out.put("urn", urn);
        out.put("entityName", "dataset");
        ObjectNode aspects = out.putObject("aspects");
        for (Map.Entry<String, String> e : stored.entrySet()) {
            if (wanted.isEmpty() || wanted.contains(e.getKey())) {
                ObjectNode a = aspects.putObject(e.getKey());
                a.put("name", e.getKey());
                a.put("type", "VERSIONED");
                a.put("version", 0);
                a.set("value", json.readTree(e.getValue()));
            }
        }
        respond(ex, 200, out.toString());
    }

    private static Set<String> requestedAspects(String query) {
        String q = URLDecoder.decode(query, StandardCharsets.UTF_8);
        int at = q.indexOf("aspects=List(");
        if (at < 0) {
            return Set.of();
        }
        int end = q.indexOf(')', at);
        return new HashSet<>(
                List.of(q.substring(at + "aspects=List(".length(), end).split(",")));
    }

    private static Map<String, List<String>> params(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String kv : query.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private void scroll(HttpExchange ex, Map<String, List<String>> params, String prefix) throws IOException {
        int count = Integer.parseInt(params.getOrDefault("count", List.of("10")).get(0));
        int start = params.containsKey("scrollId")
                ? Integer.parseInt(params.get("scrollId").get(0))
                : 0;
        Set<String> wanted = new HashSet<>(params.getOrDefault("aspects", List.of()));
        List<String> urns;
        synchronized (this) {
            urns = new ArrayList<>(store.keySet());
        }
        urns.removeIf(u -> !u.startsWith(prefix)); // the route names the entity type
        ObjectNode out = json.createObjectNode();
        ArrayNode entities = out.putArray("entities");
        int end = Math.min(urns.size(), start + count);
        for (int i = start; i < end; i++) {
            ObjectNode e = entities.addObject();
            e.put("urn", urns.get(i));
            for (Map.Entry<String, String> a : aspectsOf(urns.get(i)).entrySet()) {
                if (wanted.isEmpty() || wanted.contains(a.getKey())) {
                    e.putObject(a.getKey()).set("value", json.readTree(a.getValue()));
                }
            }
        }
        if (end < urns.size()) {
            out.put("scrollId", Integer.toString(end));
        }
        respond(ex, 200, out.toString());
    }

    private void graphql(HttpExchange ex, JsonNode req) throws IOException {
        if (!req.path("query").asText().contains("searchAcrossEntities")) {
            respond(ex, 200, "{\"errors\":[{\"message\":\"unsupported query\"}]}");
            return;
        }
        JsonNode input = req.path("variables").path("input");
        String q = input.path("query").asText().toLowerCase(Locale.ROOT);
        int count = input.path("count").asInt(10);
        List<String> hits = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, Map<String, String>> e : store.entrySet()) {
                String text = (e.getKey() + " " + e.getValue().getOrDefault("datasetProperties", "") + " "
                                + e.getValue().getOrDefault("schemaMetadata", "") + " "
                                + e.getValue().getOrDefault("globalTags", ""))
                        .toLowerCase(Locale.ROOT);
                if (text.contains(q) && e.getValue().containsKey("datasetProperties")) {
                    hits.add(e.getKey());
                }
            }
        }
        ObjectNode out = json.createObjectNode();
        ObjectNode s = out.putObject("data").putObject("searchAcrossEntities");
        s.put("start", 0);
        s.put("count", Math.min(count, hits.size()));
        s.put("total", hits.size());
        ArrayNode results = s.putArray("searchResults");
        for (String urn : hits.subList(0, Math.min(count, hits.size()))) {
            ObjectNode entity = results.addObject().putObject("entity");
            entity.put("urn", urn);
            entity.put("type", "DATASET");
        }
        respond(ex, 200, out.toString());
    }

    private void relationships(HttpExchange ex, Map<String, List<String>> params) throws IOException {
        String urn = params.get("urn").get(0);
        List<String> down = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, Map<String, String>> e : store.entrySet()) {
                String lineage = e.getValue().get("upstreamLineage");
                if (lineage == null) {
                    continue;
                }
                for (JsonNode u : json.readTree(lineage).path("upstreams")) {
                    if (u.path("dataset").asText().equals(urn)) {
                        down.add(e.getKey());
                    }
                }
            }
        }
        ObjectNode out = json.createObjectNode();
        out.put("start", 0);
        out.put("count", down.size());
        out.put("total", down.size());
        ArrayNode entities = out.putArray("entities");
        for (String d : down) {
            entities.addObject().put("relationshipType", "DownstreamOf").put("urn", d);
        }
        respond(ex, 200, out.toString());
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client timed out and closed the connection
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
