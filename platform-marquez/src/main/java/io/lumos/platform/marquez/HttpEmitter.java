package io.lumos.platform.marquez;

import io.lumos.json.DeadLetterFile;
import io.lumos.spi.Backoff;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * {@code POST /api/v1/lineage}, one event per request (Marquez takes one). We post the JSON
 * ourselves rather than through openlineage-java's HttpTransport: that transport
 * is synchronous, throws on 4xx/5xx without a retry policy, and hides Retry-After; here we need
 * bounded parallelism, per-dataset order, retries on 429/5xx/I-O with backoff, and the exact payload
 * for the dead-letter file.
 *
 * <p>Parallelism: {@code max_in_flight} lanes, each a single thread; an event's lane is chosen by
 * its key, so two events about one dataset never overtake each other. A semaphore bounds what is
 * queued, so memory stays flat however many datasets are written. With {@code adaptive_in_flight}
 * (the default) the lanes pass an {@link AdaptiveConcurrency} gate, so how many requests run at
 * once follows how the server answers, up to {@code max_in_flight}.
 */
final class HttpEmitter extends Emitter {
    private final URI endpoint;
    // this emitter's own connections: the JDK's HttpURLConnection keeps idle connections in one
    // JVM-wide cache sized by the http.maxConnections system property, which we would have to set
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;
    private final String apiKey;
    private final int retries;
    private final Backoff backoff;
    private final List<ExecutorService> lanes = new ArrayList<>();
    private final Semaphore queued;
    private final AdaptiveConcurrency gate; // null: max_in_flight at once, fixed
    private final int capacity;

    HttpEmitter(String platform, DeadLetterFile deadLetters, MarquezSettings s) {
        super(platform, deadLetters);
        this.endpoint = URI.create(s.url() + "/api/v1/lineage");
        Timeout wait = Timeout.ofMilliseconds(Math.max(1, s.timeout().toMillis()));
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(s.maxInFlight())
                .setMaxConnPerRoute(s.maxInFlight())
                // each request leaves in one write: with Nagle the body would wait for the server's
                // delayed ACK of the headers (tens of ms, a request in ten)
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setTcpNoDelay(true)
                        .setSoTimeout(wait)
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(wait)
                        .setSocketTimeout(wait)
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(wait)
                        .setResponseTimeout(wait)
                        .build())
                .disableAutomaticRetries() // deliver() retries, with the SPI's backoff
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
        this.apiKey = s.apiKey();
        this.retries = s.retries();
        this.backoff = new Backoff(s.retryBackoff());
        for (int i = 0; i < s.maxInFlight(); i++) {
            lanes.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "lumos-marquez-emit");
                t.setDaemon(true);
                return t;
            }));
        }
        this.gate = s.adaptiveInFlight() ? new AdaptiveConcurrency(s.maxInFlight()) : null;
        this.capacity = s.maxInFlight() * 8;
        this.queued = new Semaphore(capacity);
    }

    @Override
    void submit(Envelope e) {
        queued.acquireUninterruptibly();
        ExecutorService lane = lanes.get(Math.floorMod(e.key().hashCode(), lanes.size()));
        try {
            lane.execute(() -> {
                Envelope ready = e;
                try {
                    ready = e.ready();
                    if (ready != null) {
                        deliver(ready);
                    }
                } catch (RuntimeException ex) {
                    deadLetter(ready == null || ready.json() == null ? e : ready, "internal error: " + ex);
                } finally {
                    queued.release();
                }
            });
        } catch (RuntimeException ex) {
            queued.release();
            deadLetter(e, "emitter closed: " + ex.getMessage());
        }
    }

    /** Sends one event now, on the caller's thread; true when it landed. */
    boolean deliver(Envelope e) {
        String lastError = null;
        long retryAfter = -1;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                retried.incrementAndGet();
                if (!backoff.pause(attempt, retryAfter)) {
                    break;
                }
            }
            retryAfter = -1;
            try {
                Answer r = send(e.json());
                int code = r.status();
                if (code / 100 == 2) {
                    sent.incrementAndGet();
                    return true;
                }
                lastError = "HTTP " + code + " from " + endpoint + ": " + abbreviate(r.body());
                if (code != 429 && code / 100 != 5 && code != 408) {
                    break; // the event itself is wrong: retrying would fail the same way
                }
                retryAfter = Backoff.retryAfterMillis(r.retryAfter());
            } catch (IOException ex) {
                lastError = "I/O error talking to " + endpoint + ": " + ex;
            }
        }
        deadLetter(e, lastError == null ? "unknown error" : lastError);
        return false;
    }

    record Answer(int status, String body, String retryAfter) {}

    /** One POST, through the adaptive gate when there is one, which learns from its answer. */
    private Answer send(String json) throws IOException {
        if (gate == null) {
            return post(json);
        }
        long ticket;
        try {
            ticket = gate.acquire();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send to " + endpoint);
        }
        long start = System.nanoTime();
        Answer r;
        try {
            r = post(json);
        } catch (IOException | RuntimeException ex) {
            gate.releaseWithoutSample();
            throw ex;
        }
        gate.release(ticket, System.nanoTime() - start, r.status() == 429 || r.status() / 100 == 5);
        return r;
    }

    /**
     * One POST on this emitter's own connection pool (Apache HttpClient's classic, blocking client:
     * per request it costs far less CPU than java.net.http's asynchronous machinery, which mattered
     * on a loaded 2-core machine, and our lanes already give the parallelism).
     */
    private Answer post(String json) throws IOException {
        HttpPost request = new HttpPost(endpoint);
        request.setEntity(new ByteArrayEntity(json.getBytes(StandardCharsets.UTF_8), JSON));
        if (apiKey != null) {
            request.setHeader("Authorization", "Bearer " + apiKey);
        }
        return client.execute(request, response -> {
            int status = response.getCode();
            HttpEntity entity = response.getEntity();
            // read to the end, so the connection goes back to the pool
            String text = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
            // only 429/503 carry a Retry-After worth reading
            Header retryAfter = status == 429 || status == 503 ? response.getFirstHeader("Retry-After") : null;
            return new Answer(status, text, retryAfter == null ? null : retryAfter.getValue());
        });
    }

    private static final ContentType JSON = ContentType.create("application/json");

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    @Override
    void awaitIdle() {
        queued.acquireUninterruptibly(capacity);
        queued.release(capacity);
    }

    @Override
    public void close() {
        awaitIdle();
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        client.close(CloseMode.GRACEFUL);
        connections.close(CloseMode.GRACEFUL);
        super.close();
    }
}
