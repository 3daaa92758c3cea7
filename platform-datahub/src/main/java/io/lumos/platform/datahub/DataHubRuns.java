package io.lumos.platform.datahub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.domain.DatasetId;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.RunQuery;
import io.lumos.spi.run.RunRecord;
import io.lumos.spi.run.RunState;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs read back from DataHub, as {@link RunMapping} writes them (and as DataHub's Airflow plugin
 * does): each {@code dataProcessInstance} with its properties, relationships, inputs and outputs
 * (OpenAPI v3 scroll of the entity, or {@code /entitiesV2/{urn}} for one), and its
 * {@code dataProcessInstanceRunEvent}s, a timeseries aspect that GMS serves only through
 * {@code POST /aspects?action=getTimeseriesAspectValues}, newest first. The state is the run event
 * with the latest time (a final one wins a tie), the history every run event.
 */
final class DataHubRuns {
    static final String ENTITY = "dataProcessInstance";
    static final String RUN_EVENT = "dataProcessInstanceRunEvent";
    private static final List<String> ASPECTS = List.of(
            "dataProcessInstanceProperties",
            "dataProcessInstanceRelationships",
            "dataProcessInstanceInput",
            "dataProcessInstanceOutput");
    private static final int PAGE = 500;

    private final GmsHttp http;
    private final ObjectMapper json;

    private final GmsJson gms;

    DataHubRuns(GmsHttp http, ObjectMapper json) {
        this.gms = new GmsJson(http, json);
        this.http = http;
        this.json = json;
    }

    /** Runs, newest start first. */
    List<RunRecord> runs(RunQuery query) {
        List<RunRecord> found = new ArrayList<>();
        String scrollId = null;
        do {
            StringBuilder path = new StringBuilder("/openapi/v3/entity/dataprocessinstance?count=")
                    .append(PAGE)
                    .append("&query=*&sortCriteria=urn&sortOrder=ASCENDING&systemMetadata=false");
            ASPECTS.forEach(a -> path.append("&aspects=").append(a));
            if (scrollId != null) {
                path.append("&scrollId=").append(URLEncoder.encode(scrollId, StandardCharsets.UTF_8));
            }
            JsonNode body = get(path.toString());
            for (JsonNode entity : body.path("entities")) {
                ObjectNode aspects = json.createObjectNode();
                for (String a : ASPECTS) {
                    if (entity.path(a).path("value").isObject()) {
                        aspects.set(a, entity.path(a).path("value"));
                    }
                }
                RunRecord r = record(entity.path("urn").asText(), aspects, List.of());
                if (r != null
                        && (query.job() == null
                                || query.job().equals(r.job())
                                || query.job().equals(r.namespace() + "/" + r.job()))) {
                    found.add(r);
                }
            }
            JsonNode next = body.path("scrollId");
            scrollId = next.isTextual()
                            && !next.asText().isEmpty()
                            && !body.path("entities").isEmpty()
                    ? next.asText()
                    : null;
        } while (scrollId != null);
        found.sort(Comparator.comparing(RunRecord::startedAt).reversed().thenComparing(RunRecord::runId));
        // the state comes from the run events: read them for the runs shown, in order, until enough
        List<RunRecord> out = new ArrayList<>();
        for (RunRecord r : found) {
            RunRecord full = withEvents(r);
            if (query.state() == null || query.state() == full.state()) {
                out.add(full);
                if (out.size() >= query.limit()) {
                    break;
                }
            }
        }
        return out;
    }

    Optional<RunRecord> run(UUID runId) {
        String urn = RunMapping.instanceUrn(runId).toString();
        String path = "/entitiesV2/" + GmsReader.encode(urn) + "?aspects=List(" + String.join(",", ASPECTS) + ")";
        HttpResponse<String> r = http.read(http.request(path).GET().build());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode body = parse(r, path);
        ObjectNode aspects = json.createObjectNode();
        body.path("aspects").properties().forEach(e -> {
            if (ASPECTS.contains(e.getKey()) && e.getValue().path("value").isObject()) {
                aspects.set(e.getKey(), e.getValue().path("value"));
            }
        });
        RunRecord partial = aspects.isEmpty() ? null : record(urn, aspects, List.of());
        return partial == null ? Optional.empty() : Optional.of(withEvents(partial));
    }

    /** At most this many run events of one run: a run has a START, an end and few in between. */
    private static final int RUN_EVENTS = 1000;

    /** The run with its state, end and history from its run events. */
    private RunRecord withEvents(RunRecord r) {
        String urn = RunMapping.instanceUrn(r.runId()).toString();
        JsonNode body = gms.timeseries(urn, ENTITY, RUN_EVENT, RUN_EVENTS);
        List<RunRecord.StateChange> history = new ArrayList<>();
        Long duration = null;
        for (JsonNode v : body.path("value").path("values")) {
            JsonNode event;
            try {
                event = json.readTree(v.path("aspect").path("value").asText());
            } catch (IOException e) {
                continue;
            }
            if (!event.path("timestampMillis").canConvertToLong()) {
                continue;
            }
            Instant at = Instant.ofEpochMilli(event.get("timestampMillis").asLong());
            RunState s = state(event);
            history.add(new RunRecord.StateChange(s, at));
            if (s.isTerminal() && event.path("durationMillis").canConvertToLong()) {
                duration = event.get("durationMillis").asLong();
            }
        }
        if (history.isEmpty()) {
            return r;
        }
        history.sort(Comparator.comparing(RunRecord.StateChange::time)
                .thenComparing(c -> c.state().isTerminal()));
        RunRecord.StateChange last = history.get(history.size() - 1);
        Instant ended = last.state().isTerminal() ? last.time() : null;
        // the properties' created time is the start the last event stated; an event that knew no
        // start (an OpenLineage COMPLETE) stated its own time: the STARTED event says better
        Instant started = r.startedAt();
        for (RunRecord.StateChange c : history) {
            if (c.state() == RunState.START && c.time().isBefore(started)) {
                started = c.time();
            }
        }
        Duration d = duration != null
                ? Duration.ofMillis(duration)
                : ended == null ? null : Duration.between(started, ended);
        return new RunRecord(
                r.runId(),
                r.namespace(),
                r.job(),
                last.state(),
                started,
                ended,
                ended == null ? null : d,
                r.exitCode(),
                last.state() == RunState.FAIL ? r.error() : null,
                r.parent(),
                r.inputs(),
                r.outputs(),
                history);
    }

    /** STARTED is the start; COMPLETE is our state by its result (RunMapping's mapping back). */
    private static RunState state(JsonNode event) {
        if (!"COMPLETE".equals(event.path("status").asText())) {
            return RunState.START;
        }
        return switch (event.path("result").path("type").asText()) {
            case "SUCCESS" -> RunState.COMPLETE;
            case "SKIPPED" -> RunState.ABORT;
            default -> RunState.FAIL;
        };
    }

    /**
     * The instance's aspects as a run without its events: ids and job from our custom properties,
     * or, for instances others wrote (the Airflow plugin), from the URNs of the instance and its job.
     */
    private RunRecord record(String urn, JsonNode aspects, List<RunRecord.StateChange> history) {
        JsonNode props = aspects.path("dataProcessInstanceProperties");
        JsonNode custom = props.path("customProperties");
        JsonNode rel = aspects.path("dataProcessInstanceRelationships");
        String id = text(custom, "runId");
        if (id == null) {
            id = urn.substring(urn.lastIndexOf(':') + 1);
        }
        UUID runId;
        try {
            runId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            runId = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
        }
        String namespace = text(custom, "namespace");
        String job = text(custom, "job");
        String template = text(rel, "parentTemplate");
        if ((job == null || namespace == null) && template != null && template.startsWith("urn:li:dataJob:(")) {
            // urn:li:dataJob:(urn:li:dataFlow:(orchestrator,flow,cluster),job)
            int flowEnd = template.lastIndexOf("),");
            String[] flow = template.substring("urn:li:dataJob:(urn:li:dataFlow:(".length(), Math.max(flowEnd, 0))
                    .split(",", -1);
            namespace = namespace != null ? namespace : flow.length >= 2 ? flow[1] : null;
            job = job != null ? job : template.substring(flowEnd + 2, template.length() - 1);
        }
        if (job == null) {
            job = text(props, "name");
        }
        if (job == null || !props.path("created").path("time").canConvertToLong()) {
            return null;
        }
        Instant started =
                Instant.ofEpochMilli(props.path("created").path("time").asLong());
        RunState state;
        try {
            state = RunState.valueOf(String.valueOf(text(custom, "state")));
        } catch (IllegalArgumentException e) {
            state = RunState.START;
        }
        Integer exit = null;
        try {
            exit = text(custom, "exitCode") == null ? null : Integer.valueOf(text(custom, "exitCode"));
        } catch (NumberFormatException e) {
            // not ours: no exit code
        }
        ParentRun parent = null;
        if (text(custom, "parent") != null) {
            try {
                parent = ParentRun.parse(text(custom, "parent"));
            } catch (IllegalArgumentException e) {
                // a hand-made instance: no parent
            }
        }
        return new RunRecord(
                runId,
                namespace == null ? "default" : namespace,
                job,
                state,
                started,
                null,
                null,
                exit,
                text(custom, "error"),
                parent,
                datasets(aspects.path("dataProcessInstanceInput").path("inputs")),
                datasets(aspects.path("dataProcessInstanceOutput").path("outputs")),
                history);
    }

    private static List<DatasetId> datasets(JsonNode urns) {
        List<DatasetId> out = new ArrayList<>();
        for (JsonNode u : urns) {
            if (u.asText().startsWith("urn:li:dataset:")) {
                try {
                    out.add(DatasetId.parse(u.asText(), "PROD"));
                } catch (IllegalArgumentException e) {
                    // another entity's URN: not a dataset of ours
                }
            }
        }
        return out;
    }

    private JsonNode get(String path) {
        return gms.get(path);
    }

    private JsonNode parse(HttpResponse<String> r, String path) {
        return gms.parse(r, path);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
