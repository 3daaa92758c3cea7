package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.DatasetId;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.RunQuery;
import io.lumos.spi.run.RunRecord;
import io.lumos.spi.run.RunState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs read back from Marquez: every job of every namespace ({@code GET /namespaces/{ns}/jobs}),
 * its runs ({@code GET /namespaces/{ns}/jobs/{job}/runs}, newest start first), and one run by id
 * ({@code GET /jobs/runs/{id}}). Marquez keeps a run's current state, its start and end times, the
 * run facets of its events (so the {@code errorMessage} and {@code parent} facets, and the exit code
 * our own facet carries) and the dataset versions it read and wrote; it keeps no state history, so
 * the history read back is the start and the end. Lumos's own plumbing jobs (the {@code lineage.*}
 * and {@code version.*} jobs in its job namespace) are not runs anyone started and are left out.
 */
final class MarquezRuns {
    /** Runs read from one job at most, whatever the query's limit (Marquez pages at 100). */
    private static final int PAGE = 100;

    private final MarquezHttp http;
    private final MarquezNames naming;

    MarquezRuns(MarquezHttp http, MarquezNames naming) {
        this.http = http;
        this.naming = naming;
    }

    /** Runs, newest start first; the query's job matches a job's name or {@code namespace/name}. */
    List<RunRecord> runs(RunQuery query) {
        return runs(query, namespaces());
    }

    private List<RunRecord> runs(RunQuery query, List<String> namespaces) {
        List<RunRecord> out = new ArrayList<>();
        for (String ns : namespaces) {
            for (JsonNode job : jobs(ns)) {
                String name = job.path("name").asText();
                if (plumbing(ns, name)
                        || !matches(query.job(), ns, name)
                        || job.path("latestRun").isNull()) {
                    continue;
                }
                int limit = Math.min(query.limit(), PAGE);
                // enough of this job: one page when the query wants no state, else at most ten
                http.forEachItem(
                        path(ns, name) + "/runs", "runs", limit, query.state() == null ? limit : 10 * PAGE, run -> {
                            RunRecord r = record(run, ns, name);
                            if (r != null && (query.state() == null || query.state() == r.state())) {
                                out.add(r);
                            }
                        });
            }
        }
        out.sort(Comparator.comparing(RunRecord::startedAt).reversed().thenComparing(RunRecord::runId));
        return out.size() > query.limit() ? List.copyOf(out.subList(0, query.limit())) : out;
    }

    /**
     * One run. Marquez names a run's job only once the run ended (its job version); a run still
     * going is looked for among the jobs' runs.
     */
    Optional<RunRecord> run(UUID id) {
        JsonNode run = get("/jobs/runs/" + id);
        if (run == null) {
            return Optional.empty();
        }
        JsonNode jv = run.path("jobVersion");
        if (jv.isObject() && jv.hasNonNull("namespace") && jv.hasNonNull("name")) {
            return Optional.ofNullable(
                    record(run, jv.get("namespace").asText(), jv.get("name").asText()));
        }
        return runs(RunQuery.ALL, namespaces()).stream()
                .filter(r -> r.runId().equals(id))
                .findFirst();
    }

    /** Every namespace Marquez shows (jobs live in any of them, the producers' own included). */
    private List<String> namespaces() {
        if (naming.fixedNamespace() != null) {
            return naming.fixedNamespace().equals(naming.jobNamespace())
                    ? List.of(naming.fixedNamespace())
                    : List.of(naming.jobNamespace(), naming.fixedNamespace());
        }
        List<String> out = new ArrayList<>();
        http.forEachItem("/namespaces", "namespaces", PAGE, n -> {
            if (!n.path("isHidden").asBoolean(false)) {
                out.add(n.path("name").asText());
            }
        });
        return out;
    }

    private List<JsonNode> jobs(String ns) {
        List<JsonNode> out = new ArrayList<>();
        http.forEachItem("/namespaces/" + MarquezNames.segment(ns) + "/jobs", "jobs", PAGE, out::add);
        return out;
    }

    private JsonNode get(String path) {
        try {
            return http.get(path).orElse(null);
        } catch (MarquezHttp.StatusException e) {
            throw MarquezHttp.failed(e);
        }
    }

    private static String path(String ns, String job) {
        return "/namespaces/" + MarquezNames.segment(ns) + "/jobs/" + MarquezNames.segment(job);
    }

    private boolean plumbing(String ns, String job) {
        return ns.equals(naming.jobNamespace()) && (job.startsWith("lineage.") || job.startsWith("version."));
    }

    private static boolean matches(String wanted, String ns, String job) {
        return wanted == null || wanted.equals(job) || wanted.equals(ns + "/" + job);
    }

    /** Marquez's run JSON as our record; null when it has no id or no time to place it by. */
    RunRecord record(JsonNode run, String ns, String job) {
        UUID id;
        try {
            id = UUID.fromString(run.path("id").asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
        RunState state = state(run.path("state").asText(""));
        Instant started = time(run, "startedAt");
        Instant created = time(run, "createdAt");
        Instant ended = time(run, "endedAt");
        Instant start = started != null ? started : created;
        if (start == null) {
            return null;
        }
        JsonNode facets = run.path("facets");
        JsonNode lumos = facets.path(FacetMapper.LUMOS);
        Duration duration = run.path("durationMs").canConvertToLong()
                ? Duration.ofMillis(run.get("durationMs").asLong())
                : lumos.path("durationMs").canConvertToLong()
                        ? Duration.ofMillis(lumos.get("durationMs").asLong())
                        : null;
        Integer exit =
                lumos.path("exitCode").canConvertToInt() ? lumos.get("exitCode").asInt() : null;
        String error = text(facets.path("errorMessage"), "message");
        ParentRun parent = parent(facets.path("parent"));
        List<RunRecord.StateChange> history = new ArrayList<>();
        if (started != null) {
            history.add(new RunRecord.StateChange(RunState.START, started));
        }
        if (state.isTerminal() && ended != null) {
            history.add(new RunRecord.StateChange(state, ended));
        } else if (state == RunState.RUNNING && started == null && created != null) {
            history.add(new RunRecord.StateChange(state, created));
        }
        return new RunRecord(
                id,
                ns,
                job,
                state,
                start,
                state.isTerminal() ? ended : null,
                duration,
                exit,
                error,
                parent,
                datasets(run, "inputVersions", "inputDatasetVersions"),
                datasets(run, "outputVersions", "outputDatasetVersions"),
                history);
    }

    /** Marquez's run states: NEW, RUNNING, COMPLETED, FAILED, ABORTED. */
    static RunState state(String marquez) {
        return switch (marquez) {
            case "RUNNING" -> RunState.RUNNING;
            case "COMPLETED" -> RunState.COMPLETE;
            case "FAILED" -> RunState.FAIL;
            case "ABORTED" -> RunState.ABORT;
            default -> RunState.START;
        };
    }

    private List<DatasetId> datasets(JsonNode run, String field, String older) {
        JsonNode list = run.has(field) ? run.path(field) : run.path(older);
        List<DatasetId> out = new ArrayList<>();
        for (JsonNode v : list) {
            JsonNode id = v.has("datasetVersionId") ? v.path("datasetVersionId") : v;
            String ns = text(id, "namespace");
            String name = text(id, "name");
            if (ns != null && name != null) {
                DatasetId d = naming.idOf(ns, name);
                if (!out.contains(d)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    private static ParentRun parent(JsonNode facet) {
        String runId = text(facet.path("run"), "runId");
        String ns = text(facet.path("job"), "namespace");
        String job = text(facet.path("job"), "name");
        if (runId == null || ns == null || job == null) {
            return null;
        }
        try {
            return new ParentRun(ns, job, UUID.fromString(runId));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant time(JsonNode n, String field) {
        String t = text(n, field);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
