package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.spi.Backoff;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Marquez's read API (there is no usable Marquez Java client on Maven Central): GETs with retries
 * on 429/5xx and I/O errors. Path segments are percent-encoded by the callers ({@link MarquezNames#segment}).
 */
final class MarquezHttp {
    /** A status Marquez answered that is not 2xx and not 404. */
    static final class StatusException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        StatusException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** What the first call of a session learned about {@code url}. */
    enum Api {
        MARQUEZ,
        UNREACHABLE
    }

    /**
     * Marquez's "not found" for a thing it knows the kind of: {@code Dataset 'x' not found.},
     * {@code Namespace 'x' not found.}, {@code Job 'x' not found.} (its *NotFoundException classes,
     * 0.51.1). Any other 404 ({@code HTTP 404 Not Found}, Jersey's answer for an unknown path, or a
     * page of another server) means the URL is not a Marquez API.
     */
    private static final java.util.regex.Pattern ABSENT =
            java.util.regex.Pattern.compile("^[A-Z][A-Za-z ]* '.*' not found\\.$", java.util.regex.Pattern.DOTALL);

    private final HttpClient client;
    private final URI base;
    private final String url;
    private final String apiKey;
    private final Duration timeout;
    private final int retries;
    private final int probeRetries;
    private final Backoff backoff;

    MarquezHttp(HttpClient client, MarquezSettings s) {
        this.client = client;
        this.base = URI.create(s.url() + "/api/v1");
        this.url = s.url().toString();
        this.apiKey = s.apiKey();
        this.timeout = s.timeout();
        // reads are cheap to repeat and a failed read can stop a whole flush: retry at least 6 times
        this.retries = Math.max(6, s.retries());
        // the first call only tells up from down: when nothing answers, the configured retries, not
        // more; a server that answers 429/5xx is up, and gets the retries of every other read
        this.probeRetries = s.retries();
        this.backoff = new Backoff(s.retryBackoff());
    }

    URI base() {
        return base;
    }

    private Api api;
    private java.util.Set<String> namespacesAtStart;

    /**
     * Checks once per session that {@code url} is a Marquez API ({@code GET /namespaces}). A wrong
     * URL must not look like an empty catalog: then this throws (exit 3, the URL in the message).
     * Marquez being down is not decided here: reads fail on their own, writes go to dead letters.
     */
    synchronized Api checkApi() {
        if (api != null) {
            return api;
        }
        try {
            JsonNode page = call("GET", "/namespaces?limit=1000&offset=0", true).orElse(null);
            if (page == null || !page.path("namespaces").isArray()) {
                throw notMarquez("GET /namespaces answered without a list of namespaces");
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            page.path("namespaces").forEach(n -> names.add(n.path("name").asText()));
            namespacesAtStart = page.path("namespaces").size() < 1000 ? names : null;
            api = Api.MARQUEZ;
        } catch (LumosException e) {
            if (e.code() != ErrorCode.CATALOG_UNREACHABLE) {
                throw e;
            }
            api = Api.UNREACHABLE;
        } catch (StatusException e) {
            // a Marquez that refuses (401/403: api_key) or fails (5xx) is not a wrong URL
            throw failed(e);
        }
        return api;
    }

    /** Whether the namespace existed when the session started (true when unknown). */
    synchronized boolean mayHold(String namespace) {
        return namespacesAtStart == null || namespacesAtStart.contains(namespace);
    }

    private LumosException notMarquez(String why) {
        return new LumosException(
                ErrorCode.CATALOG_FAILED,
                "platforms.marquez.url " + url + " is not a Marquez API (" + why
                        + "); set the Marquez base URL, such as http://localhost:5000");
    }

    /**
     * Every item of a paged listing at {@code path} (below /api/v1), page by page with {@code limit}
     * and {@code offset}: the one paging loop of this plugin. It stops at a short page, at the
     * answer's {@code totalCount} where it has one, or at a 404 that says the thing is not there;
     * a failed page fails the read (exit 3).
     */
    void forEachItem(String path, String field, int pageSize, java.util.function.Consumer<JsonNode> each) {
        forEachItem(path, field, pageSize, Integer.MAX_VALUE, each);
    }

    /** As {@link #forEachItem(String, String, int, java.util.function.Consumer)}, reading no page past {@code maxItems}. */
    void forEachItem(
            String path, String field, int pageSize, int maxItems, java.util.function.Consumer<JsonNode> each) {
        String sep = path.contains("?") ? "&" : "?";
        int offset = 0;
        try {
            while (true) {
                JsonNode page = get(path + sep + "limit=" + pageSize + "&offset=" + offset)
                        .orElse(null);
                if (page == null) {
                    return;
                }
                JsonNode list = page.path(field);
                list.forEach(each);
                offset += list.size();
                if (list.size() < pageSize
                        || offset >= maxItems
                        || offset >= page.path("totalCount").asInt(Integer.MAX_VALUE)) {
                    return;
                }
            }
        } catch (StatusException e) {
            throw failed(e);
        }
    }

    /** The JSON at {@code path} (below /api/v1), or empty on 404. */
    Optional<JsonNode> get(String path) {
        return call("GET", path, false);
    }

    Optional<JsonNode> delete(String path) {
        return call("DELETE", path, false);
    }

    private Optional<JsonNode> call(String method, String path, boolean probe) {
        URI uri = URI.create(base + path);
        String last = null;
        int lastStatus = 0;
        int unanswered = 0;
        long retryAfter = -1;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0 && !backoff.pause(attempt, retryAfter)) {
                throw new LumosException(ErrorCode.CATALOG_UNREACHABLE, "interrupted while reading " + uri);
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (apiKey != null) {
                b.header("Authorization", "Bearer " + apiKey);
            }
            try {
                HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                int code = r.statusCode();
                if (code == 404) {
                    if (!probe && isAbsent(r.body())) {
                        return Optional.empty();
                    }
                    throw notMarquez(method + " " + path + " answered 404 " + HttpEmitter.abbreviate(r.body()));
                }
                if (code / 100 == 2) {
                    String body = r.body();
                    if (body == null || body.isBlank()) {
                        return Optional.of(FacetMapper.JSON.createObjectNode());
                    }
                    try {
                        return Optional.of(FacetMapper.JSON.readTree(body));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw notMarquez(method + " " + path + " answered " + code + " without JSON: "
                                + HttpEmitter.abbreviate(body).replaceAll("^(.{0,80}).*$", "$1"));
                    }
                }
                lastStatus = code;
                last = "HTTP " + code + ": " + HttpEmitter.abbreviate(r.body());
                if (code != 429 && code / 100 != 5) {
                    break;
                }
                retryAfter = Backoff.retryAfterMillis(
                        r.headers().firstValue("Retry-After").orElse(null));
            } catch (IOException e) {
                retryAfter = -1;
                last = e.toString();
                if (probe && ++unanswered > probeRetries) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LumosException(ErrorCode.CATALOG_UNREACHABLE, "interrupted while reading " + uri, e);
            }
        }
        if (lastStatus == 0) {
            throw new LumosException(
                    ErrorCode.CATALOG_UNREACHABLE,
                    "Marquez at " + base + " did not answer " + method + " " + path + " (" + last
                            + "); check platforms.marquez.url and that Marquez runs");
        }
        throw new StatusException(lastStatus, "Marquez " + method + " " + uri + " failed: " + last);
    }

    /** A 404 body that says "this thing does not exist", as Marquez words it. */
    static boolean isAbsent(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode n = FacetMapper.JSON.readTree(body);
            return ABSENT.matcher(n.path("message").asText("")).matches();
        } catch (IOException e) {
            return false;
        }
    }

    static LumosException failed(StatusException e) {
        return new LumosException(ErrorCode.CATALOG_FAILED, e.getMessage() + "; see the Marquez server log", e);
    }
}
