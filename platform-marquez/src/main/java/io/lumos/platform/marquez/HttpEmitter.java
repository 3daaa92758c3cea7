package io.lumos.platform.marquez;

import io.lumos.spi.DeadLetterFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/v1/lineage}, one event per request (Marquez takes one). We post the JSON
 * ourselves rather than through openlineage-java's HttpTransport: that transport
 * is synchronous, throws on 4xx/5xx without a retry policy, and hides Retry-After; here we need
 * bounded parallelism, per-dataset order, retries on 429/5xx/I-O with backoff, and the exact payload
 * for the dead-letter file.
 *
 * <p>Parallelism: {@code max_in_flight} lanes, each a single thread; an event's lane is chosen by
 * its key, so two events about one dataset never overtake each other. A semaphore bounds what is
 * queued, so memory stays flat however many datasets are written.
 */
final class HttpEmitter extends Emitter {
    private final URI endpoint;
    // resolved once: URI.toURL() re-parses the address on every request
    private final URL endpointUrl;
    private final String apiKey;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;
    private final List<ExecutorService> lanes = new ArrayList<>();
    private final Semaphore queued;
    private final int capacity;

    HttpEmitter(String platform, DeadLetterFile deadLetters, MarquezSettings s) {
        super(platform, deadLetters);
        this.endpoint = URI.create(s.url() + "/api/v1/lineage");
        URL url;
        try {
            url = endpoint.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            url = null; // reported per event, as an I/O error, when sending
        }
        this.endpointUrl = url;
        this.apiKey = s.apiKey();
        this.timeout = s.timeout();
        this.retries = s.retries();
        this.backoff = s.retryBackoff();
        for (int i = 0; i < s.maxInFlight(); i++) {
            lanes.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "lumos-marquez-emit");
                t.setDaemon(true);
                return t;
            }));
        }
        this.capacity = s.maxInFlight() * 8;
        // the JDK keeps 5 idle connections per host unless told otherwise; every lane should keep its own
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(Math.max(5, s.maxInFlight())));
        }
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
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                retried.incrementAndGet();
                pause(attempt, lastError);
            }
            try {
                Answer r = post(e.json());
                int code = r.status();
                if (code / 100 == 2) {
                    sent.incrementAndGet();
                    return true;
                }
                lastError = "HTTP " + code + " from " + endpoint + ": " + abbreviate(r.body());
                if (code != 429 && code / 100 != 5 && code != 408) {
                    break; // the event itself is wrong: retrying would fail the same way
                }
                if (code == 429) {
                    lastError = "429:" + (r.retryAfter() == null ? "" : r.retryAfter()) + ":" + lastError;
                }
            } catch (IOException ex) {
                lastError = "I/O error talking to " + endpoint + ": " + ex;
            }
        }
        deadLetter(e, lastError == null ? "unknown error" : lastError.replaceFirst("^429:[^:]*:", ""));
        return false;
    }

    record Answer(int status, String body, String retryAfter) {}

    /**
     * One POST with a blocking HttpURLConnection: per request it costs far less CPU than
     * java.net.http's asynchronous machinery, which mattered on a loaded 2-core machine, and our
     * lanes already give the parallelism. Keep-alive reuse needs the body read to the end.
     */
    private Answer post(String json) throws IOException {
        HttpURLConnection c =
                (HttpURLConnection) (endpointUrl != null ? endpointUrl : endpoint.toURL()).openConnection();
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        c.setConnectTimeout(millis);
        c.setReadTimeout(millis);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        if (apiKey != null) {
            c.setRequestProperty("Authorization", "Bearer " + apiKey);
        }
        // Not setFixedLengthStreamingMode: streaming writes the headers and the body in two
        // packets, and Nagle holds the second until the server's delayed ACK of the first (tens of
        // ms, a request in ten). Buffered, the connection sends both in one write.
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = "";
        if (in != null) {
            try (in) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        // only 429/503 carry a Retry-After worth reading
        return new Answer(status, text, status == 429 || status == 503 ? c.getHeaderField("Retry-After") : null);
    }

    private void pause(int attempt, String lastError) {
        long millis = backoff.toMillis() << Math.min(attempt - 1, 6);
        if (lastError != null && lastError.startsWith("429:")) {
            String after = lastError.substring(4, lastError.indexOf(':', 4));
            try {
                millis = Math.max(millis, Math.min(30_000, Long.parseLong(after.strip()) * 1000));
            } catch (NumberFormatException ignored) {
                // Retry-After may be an HTTP date; the exponential backoff stands
            }
        }
        millis += ThreadLocalRandom.current().nextLong(Math.max(1, millis / 2 + 1));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

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
        super.close();
    }
}
