package io.lumos.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.domain.DatasetId;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.RunEvent;
import io.lumos.spi.run.RunState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link RunEvent} as JSON: how a run event that no catalog took is kept in a dead-letter file
 * (kind {@value #KIND}), and read back by {@code lumos ingest --replay}.
 */
public final class RunEventJson {
    /** The dead-letter kind of a run event in this form. */
    public static final String KIND = "lumos-run";

    private RunEventJson() {}

    public static String toJson(RunEvent e) {
        ObjectNode n = ModelJson.mapper().createObjectNode();
        n.put("runId", e.runId().toString());
        if (e.namespace() != null) {
            n.put("namespace", e.namespace());
        }
        n.put("job", e.job());
        n.put("state", e.state().name());
        n.put("eventTime", e.eventTime().toString());
        n.put("startedAt", e.startedAt().toString());
        e.inputs().forEach(i -> n.withArray("inputs").add(i.urn()));
        e.outputs().forEach(o -> n.withArray("outputs").add(o.urn()));
        if (e.duration() != null) {
            n.put("durationMs", e.duration().toMillis());
        }
        if (e.error() != null) {
            ObjectNode err = n.putObject("error");
            err.put("message", e.error().message());
            err.put("exceptionClass", e.error().exceptionClass());
            err.put("stackTrace", e.error().stackTrace());
        }
        if (!e.args().isEmpty()) {
            ObjectNode args = n.putObject("args");
            new java.util.TreeMap<>(e.args()).forEach(args::put);
        }
        if (e.parent() != null) {
            n.put("parent", e.parent().toString());
        }
        if (e.exitCode() != null) {
            n.put("exitCode", e.exitCode());
        }
        return n.toString();
    }

    public static RunEvent fromJson(String json) {
        try {
            JsonNode n = ModelJson.mapper().readTree(json);
            List<DatasetId> inputs = new ArrayList<>();
            n.path("inputs").forEach(i -> inputs.add(DatasetId.parse(i.asText(), "PROD")));
            List<DatasetId> outputs = new ArrayList<>();
            n.path("outputs").forEach(o -> outputs.add(DatasetId.parse(o.asText(), "PROD")));
            Map<String, String> args = new LinkedHashMap<>();
            n.path("args")
                    .properties()
                    .forEach(f -> args.put(f.getKey(), f.getValue().asText()));
            JsonNode err = n.path("error");
            return new RunEvent(
                    UUID.fromString(n.path("runId").asText()),
                    n.path("job").asText(),
                    RunState.valueOf(n.path("state").asText()),
                    Instant.parse(n.path("eventTime").asText()),
                    Instant.parse(n.path("startedAt").asText()),
                    inputs,
                    outputs,
                    n.has("durationMs") ? Duration.ofMillis(n.path("durationMs").asLong()) : null,
                    err.isObject()
                            ? new RunEvent.RunError(
                                    err.path("message").asText(null),
                                    err.path("exceptionClass").asText(null),
                                    err.path("stackTrace").asText(null))
                            : null,
                    args,
                    n.path("namespace").asText(null),
                    n.hasNonNull("parent") ? ParentRun.parse(n.path("parent").asText()) : null,
                    n.hasNonNull("exitCode") ? n.path("exitCode").asInt() : null);
        } catch (IOException | RuntimeException e) {
            throw new LumosException(
                    ErrorCode.BAD_INPUT, "not a Lumos run event (" + e.getMessage() + "): " + abbreviate(json), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
