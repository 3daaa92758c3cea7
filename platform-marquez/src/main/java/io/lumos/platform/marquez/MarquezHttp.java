package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
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
 * on 429/5xx and I/O errors. Path segments are percent-encoded by the callers ({@link Naming#segment}).
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

    private final HttpClient client;
    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;

    MarquezHttp(HttpClient client, MarquezSettings s) {
        this.client = client;
        this.base = URI.create(s.url() + "/api/v1");
        this.apiKey = s.apiKey();
        this.timeout = s.timeout();
        // reads are cheap to repeat and a failed read can stop a whole flush: retry at least 6 times
        this.retries = Math.max(6, s.retries());
        this.backoff = s.retryBackoff();
    }

    URI base() {
        return base;
    }

    /** The JSON at {@code path} (below /api/v1), or empty on 404. */
    Optional<JsonNode> get(String path) {
        return call("GET", path);
    }

    Optional<JsonNode> delete(String path) {
        return call("DELETE", path);
    }

    private Optional<JsonNode> call(String method, String path) {
        URI uri = URI.create(base + path);
        String last = null;
        int lastStatus = 0;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                sleep(backoff.toMillis() << Math.min(attempt - 1, 6));
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
                    return Optional.empty();
                }
                if (code / 100 == 2) {
                    String body = r.body();
                    return Optional.of(
                            body == null || body.isBlank()
                                    ? FacetMapper.JSON.createObjectNode()
                                    : FacetMapper.JSON.readTree(body));
                }
                lastStatus = code;
                last = "HTTP " + code + ": " + HttpEmitter.abbreviate(r.body());
                if (code != 429 && code / 100 != 5) {
                    break;
                }
            } catch (IOException e) {
                last = e.toString();
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

    static LumosException failed(StatusException e) {
        return new LumosException(ErrorCode.CATALOG_FAILED, e.getMessage() + "; see the Marquez server log", e);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
