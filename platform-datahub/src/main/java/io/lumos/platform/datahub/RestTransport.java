package io.lumos.platform.datahub;

import io.lumos.json.DeadLetterFile;
import io.lumos.spi.Backoff;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.EmitReport;
import io.lumos.spi.Reporter;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Proposals to GMS in batches ({@code POST /aspects?action=ingestProposalBatch}), at most
 * {@code max_in_flight} requests at a time; the caller blocks when all are busy, so memory stays
 * flat however many datasets stream through. 429, 5xx, I/O errors and timeouts are retried with
 * exponential backoff and full jitter (the SPI's {@link Backoff}); a server without the batch action (404/400) gets one
 * {@code ingestProposal} per proposal. What still fails goes to the dead-letter file.
 */
final class RestTransport implements Transport {
    static final String BATCH_PATH = "/aspects?action=ingestProposalBatch";
    static final String SINGLE_PATH = "/aspects?action=ingestProposal";
    private static final int BODY_OVERHEAD = 64;

    private final DataHubSettings settings;
    private final GmsHttp http;
    private final DeadLetterFile deadLetters;
    private final Reporter reporter;
    private final ExecutorService pool;
    private final Semaphore inFlight;
    private final Backoff backoff;
    private final AtomicBoolean batchSupported = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private List<Proposal> batch = new ArrayList<>();
    private long batchBytes;

    RestTransport(DataHubSettings settings, GmsHttp http, DeadLetterFile deadLetters, Reporter reporter) {
        this.settings = settings;
        this.http = http;
        this.deadLetters = deadLetters;
        this.reporter = reporter;
        this.inFlight = new Semaphore(settings.maxInFlight());
        this.backoff = new Backoff(settings.retryBackoff());
        this.pool = Executors.newFixedThreadPool(settings.maxInFlight(), r -> {
            Thread t = new Thread(r, "lumos-datahub-emit");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized void send(Proposal p) {
        if (p.size() + BODY_OVERHEAD > settings.maxBatchBytes()) {
            deadLetter(
                    p,
                    "proposal of " + p.size() + " bytes is over max_batch_bytes (" + settings.maxBatchBytes()
                            + "); GMS would refuse it");
            return;
        }
        if (!batch.isEmpty()
                && (batch.size() >= settings.batchSize()
                        || batchBytes + p.size() + BODY_OVERHEAD > settings.maxBatchBytes())) {
            dispatch();
        }
        batch.add(p);
        batchBytes += p.size();
    }

    private void dispatch() {
        List<Proposal> toSend = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        inFlight.acquireUninterruptibly();
        try {
            pool.execute(() -> {
                try {
                    deliver(toSend);
                } catch (RuntimeException e) {
                    for (Proposal p : toSend) {
                        deadLetter(p, "internal error while sending: " + e);
                    }
                } finally {
                    inFlight.release();
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    @Override
    public void drain() {
        synchronized (this) {
            if (!batch.isEmpty()) {
                dispatch();
            }
        }
        inFlight.acquireUninterruptibly(settings.maxInFlight());
        inFlight.release(settings.maxInFlight());
    }

    private static final byte[] BATCH_START = "{\"proposals\":[".getBytes(StandardCharsets.US_ASCII);
    // synchronous ingest: GMS answers after the write, so a failure reaches us
    private static final byte[] BATCH_END = "],\"async\":\"false\"}".getBytes(StandardCharsets.US_ASCII);

    /** The JSON body of a batch, as GMS's ingestProposalBatch action reads it. */
    static byte[] batchBody(List<Proposal> proposals) {
        int size = BATCH_START.length + BATCH_END.length + Math.max(0, proposals.size() - 1);
        for (Proposal p : proposals) {
            size += p.bytes().length;
        }
        byte[] body = new byte[size];
        System.arraycopy(BATCH_START, 0, body, 0, BATCH_START.length);
        int at = BATCH_START.length;
        for (int i = 0; i < proposals.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] json = proposals.get(i).bytes();
            System.arraycopy(json, 0, body, at, json.length);
            at += json.length;
        }
        System.arraycopy(BATCH_END, 0, body, at, BATCH_END.length);
        return body;
    }

    private void deliver(List<Proposal> proposals) {
        if (batchSupported.get()) {
            Outcome o = post(BATCH_PATH, batchBody(proposals));
            if (o.ok()) {
                sent.addAndGet(proposals.size());
                return;
            }
            if (o.status == 404 || o.status == 400) {
                // an older GMS without the batch action: REST.li answers 404 or 400 for an unknown action
                if (batchSupported.compareAndSet(true, false)) {
                    reporter.warn("DataHub at " + settings.server() + " has no ingestProposalBatch action (" + o.status
                            + "); sending one proposal per request");
                }
            } else if (o.status != 422) {
                for (Proposal p : proposals) {
                    deadLetter(p, o.error);
                }
                return;
            }
            // 422: one proposal is invalid; send one by one so the others land
        }
        for (Proposal p : proposals) {
            Outcome o = post(SINGLE_PATH, ("{\"proposal\":" + p.json() + "}").getBytes(StandardCharsets.UTF_8));
            if (o.ok()) {
                sent.incrementAndGet();
            } else {
                deadLetter(p, o.error);
            }
        }
    }

    private record Outcome(int status, String error) {
        boolean ok() {
            return status == 200 || status == 201;
        }
    }

    private Outcome post(String path, byte[] body) {
        HttpRequest request = http.request(path)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Outcome last = null;
        for (int attempt = 0; ; attempt++) {
            long retryAfterMillis = -1;
            try {
                HttpResponse<String> r = http.send(request);
                int status = r.statusCode();
                if (status == 200 || status == 201) {
                    return new Outcome(status, null);
                }
                last = new Outcome(status, "HTTP " + status + " from " + path + ": " + GmsHttp.abbreviate(r.body()));
                if (status != 429 && status < 500) {
                    return last; // the server read the request and refused it: retrying will not help
                }
                retryAfterMillis = r.headers()
                        .firstValue("Retry-After")
                        .map(Backoff::retryAfterMillis)
                        .orElse(-1L);
            } catch (IOException e) {
                // includes HttpTimeoutException: the request may or may not have landed; upserts are idempotent
                last = new Outcome(-1, e.getClass().getSimpleName() + " on " + path + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(-1, "interrupted");
            }
            if (attempt >= settings.retries()) {
                return new Outcome(last.status, last.error + " (after " + (attempt + 1) + " attempts)");
            }
            retried.incrementAndGet();
            if (!backoff.pause(attempt + 1, retryAfterMillis)) {
                return new Outcome(-1, "interrupted");
            }
        }
    }

    private void deadLetter(Proposal p, String error) {
        failed.incrementAndGet();
        deadLetters.append(new DeadLetter("datahub", "mcp", p.urn() + "#" + p.aspectName(), p.json(), error));
    }

    @Override
    public EmitReport report() {
        return new EmitReport(
                sent.get(), retried.get(), failed.get(), deadLetters.count() > 0 ? deadLetters.path() : null);
    }

    @Override
    public void close() {
        drain();
        pool.shutdownNow();
    }
}
