package io.lumos.platform.datahub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** GMS's JSON answers as the readers (datasets, usage, runs) take them: one way to read each. */
final class GmsJson {
    private final GmsHttp http;
    private final ObjectMapper json;

    GmsJson(GmsHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    JsonNode get(String path) {
        return parse(http.read(http.request(path).GET().build()), path);
    }

    /**
     * Rest.li's {@code getTimeseriesAspectValues}: the values of one entity's timeseries aspect,
     * newest first, at most {@code limit} (GMS answers 500, a NullPointerException, without one).
     * Each value is under {@code value.values[].aspect.value}, as JSON text.
     */
    JsonNode timeseries(String urn, String entity, String aspect, int limit) {
        ObjectNode req = json.createObjectNode();
        req.put("urn", urn);
        req.put("entity", entity);
        req.put("aspect", aspect);
        req.put("limit", limit);
        String path = "/aspects?action=getTimeseriesAspectValues";
        return parse(
                http.read(http.request(path)
                        .POST(HttpRequest.BodyPublishers.ofString(req.toString()))
                        .build()),
                path);
    }

    JsonNode parse(HttpResponse<String> r, String path) {
        if (r.statusCode() != 200) {
            throw new LumosException(
                    ErrorCode.CATALOG_FAILED,
                    "DataHub answered " + r.statusCode() + " on " + path + ": " + GmsHttp.abbreviate(r.body()));
        }
        try {
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new LumosException(ErrorCode.CATALOG_FAILED, "DataHub sent something that is not JSON on " + path, e);
        }
    }
}
