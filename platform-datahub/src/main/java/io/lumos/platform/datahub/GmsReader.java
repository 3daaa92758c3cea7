package io.lumos.platform.datahub;

import com.datahub.util.RecordUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linkedin.common.BrowsePathsV2;
import com.linkedin.common.Deprecation;
import com.linkedin.common.GlobalTags;
import com.linkedin.common.GlossaryTerms;
import com.linkedin.common.Ownership;
import com.linkedin.common.Status;
import com.linkedin.common.SubTypes;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.dataset.DatasetProperties;
import com.linkedin.dataset.UpstreamLineage;
import com.linkedin.domain.Domains;
import com.linkedin.schema.SchemaMetadata;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Reads from GMS over HTTP (the jar has no read client): REST.li {@code /entitiesV2/{urn}} for one
 * dataset with all its aspects, OpenAPI v3 scroll for listing and export with paging, GraphQL
 * {@code searchAcrossEntities} for search, and the relationships API for downstream lineage.
 * Aspects are parsed with the jar's {@link RecordUtils} into DataHub's Pegasus classes.
 */
final class GmsReader {
    static final Map<String, Class<? extends RecordTemplate>> ASPECTS = new LinkedHashMap<>();

    static {
        ASPECTS.put("datasetProperties", DatasetProperties.class);
        ASPECTS.put("schemaMetadata", SchemaMetadata.class);
        ASPECTS.put("status", Status.class);
        ASPECTS.put("subTypes", SubTypes.class);
        ASPECTS.put("browsePathsV2", BrowsePathsV2.class);
        ASPECTS.put("globalTags", GlobalTags.class);
        ASPECTS.put("glossaryTerms", GlossaryTerms.class);
        ASPECTS.put("ownership", Ownership.class);
        ASPECTS.put("domains", Domains.class);
        ASPECTS.put("deprecation", Deprecation.class);
        ASPECTS.put("upstreamLineage", UpstreamLineage.class);
    }

    private static final int PAGE = 500;

    private final GmsHttp http;
    private final ObjectMapper json;

    private final GmsJson gms;

    GmsReader(GmsHttp http, ObjectMapper json) {
        this.gms = new GmsJson(http, json);
        this.http = http;
        this.json = json;
    }

    static String encode(String urn) {
        return URLEncoder.encode(urn, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The named aspects of one entity; empty when DataHub does not know it. */
    Optional<Map<String, RecordTemplate>> aspects(String urn, List<String> names) {
        String path = "/entitiesV2/" + encode(urn) + "?aspects=List(" + String.join(",", names) + ")";
        HttpResponse<String> r = http.read(http.request(path).GET().build());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode body = parse(r, path);
        Map<String, RecordTemplate> out = new LinkedHashMap<>();
        body.path("aspects").properties().forEach(e -> {
            JsonNode value = e.getValue().path("value");
            Class<? extends RecordTemplate> type = ASPECTS.get(e.getKey());
            if (type != null && value.isObject()) {
                out.put(e.getKey(), toRecord(type, value));
            }
        });
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** Every dataset with the named aspects, page by page, in URN order. */
    void scroll(List<String> names, BiConsumer<String, Map<String, RecordTemplate>> consumer) {
        String scrollId = null;
        do {
            StringBuilder path = new StringBuilder("/openapi/v3/entity/dataset?count=")
                    .append(PAGE)
                    .append("&query=*&sortCriteria=urn&sortOrder=ASCENDING&systemMetadata=false");
            for (String n : names) {
                path.append("&aspects=").append(n);
            }
            if (scrollId != null) {
                path.append("&scrollId=").append(URLEncoder.encode(scrollId, StandardCharsets.UTF_8));
            }
            HttpResponse<String> r =
                    http.read(http.request(path.toString()).GET().build());
            JsonNode body = parse(r, path.toString());
            for (JsonNode entity : body.path("entities")) {
                String urn = entity.path("urn").asText();
                Map<String, RecordTemplate> aspects = new LinkedHashMap<>();
                for (String n : names) {
                    JsonNode value = entity.path(n).path("value");
                    if (value.isObject()) {
                        aspects.put(n, toRecord(ASPECTS.get(n), value));
                    }
                }
                consumer.accept(urn, aspects);
            }
            JsonNode next = body.path("scrollId");
            scrollId = next.isTextual()
                            && !next.asText().isEmpty()
                            && body.path("entities").size() > 0
                    ? next.asText()
                    : null;
        } while (scrollId != null);
    }

    /** Dataset URNs matching a query, best first (GraphQL searchAcrossEntities). */
    List<String> search(String query, int limit) {
        ObjectNode req = json.createObjectNode();
        req.put(
                "query",
                "query search($input: SearchAcrossEntitiesInput!) { searchAcrossEntities(input: $input) {"
                        + " start count total searchResults { entity { urn type } } } }");
        ObjectNode input = req.putObject("variables").putObject("input");
        input.putArray("types").add("DATASET");
        input.put("query", query);
        input.put("start", 0);
        input.put("count", limit);
        HttpResponse<String> r = http.read(http.request("/api/graphql")
                .POST(HttpRequest.BodyPublishers.ofString(req.toString()))
                .build());
        JsonNode body = parse(r, "/api/graphql");
        if (body.path("errors").size() > 0) {
            throw new LumosException(
                    ErrorCode.CATALOG_FAILED,
                    "DataHub search failed: "
                            + body.path("errors").get(0).path("message").asText());
        }
        List<String> urns = new ArrayList<>();
        for (JsonNode hit : body.path("data").path("searchAcrossEntities").path("searchResults")) {
            urns.add(hit.path("entity").path("urn").asText());
        }
        return urns;
    }

    /** Datasets whose upstreamLineage names {@code urn} (incoming DownstreamOf edges). */
    List<String> downstreamUrns(String urn) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            String path = "/openapi/relationships/v1/?urn=" + encode(urn)
                    + "&relationshipTypes=DownstreamOf&direction=INCOMING&start=" + start + "&count=" + PAGE;
            JsonNode body = parse(http.read(http.request(path).GET().build()), path);
            JsonNode entities = body.path("entities");
            for (JsonNode e : entities) {
                out.add(e.path("urn").asText());
            }
            int total = body.path("total").asInt(out.size());
            start += entities.size();
            if (entities.isEmpty() || start >= total) {
                return out;
            }
        }
    }

    /** Most usage buckets read per dataset; GMS needs a limit on timeseries reads. */
    static final int USAGE_BUCKETS = 100;

    /**
     * The {@code datasetUsageStatistics} buckets of a dataset, newest first, as DataHub's usage
     * sources (query logs of warehouses) wrote them: each the aspect's JSON.
     */
    List<JsonNode> usage(String urn) {
        JsonNode body = gms.timeseries(urn, "dataset", "datasetUsageStatistics", USAGE_BUCKETS);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode v : body.path("value").path("values")) {
            JsonNode aspect = v.path("aspect").path("value");
            try {
                out.add(aspect.isTextual() ? json.readTree(aspect.asText()) : aspect);
            } catch (IOException e) {
                throw new LumosException(
                        ErrorCode.CATALOG_FAILED, "DataHub sent a usage bucket that is not JSON for " + urn, e);
            }
        }
        return out;
    }

    private JsonNode parse(HttpResponse<String> r, String path) {
        return gms.parse(r, path);
    }

    private RecordTemplate toRecord(Class<? extends RecordTemplate> type, JsonNode value) {
        JsonNode wrapped = value.path(type.getName());
        if (value.size() == 1 && wrapped.isObject()) {
            value = wrapped; // REST.li /aspects/{urn} wraps the value in its class name
        }
        try {
            return RecordUtils.toRecordTemplate(type, json.writeValueAsString(value));
        } catch (IOException | RuntimeException e) {
            throw new LumosException(
                    ErrorCode.CATALOG_FAILED,
                    "DataHub sent a " + type.getSimpleName() + " this client cannot read: " + e.getMessage(),
                    e);
        }
    }
}
