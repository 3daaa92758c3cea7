package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.Capability;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Reporter;
import io.openlineage.client.OpenLineage;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the parts of one Marquez adapter share for a session: the settings and names, the event
 * builders, the emitter and the HTTP reader, the datasets of this run, what was read and sent, and
 * the event times that make a write win in Marquez.
 */
final class MarquezSession implements AutoCloseable {
    final MarquezSettings settings;
    final MarquezNames naming;
    final FacetMapper mapper;
    final OpenLineageBuilders events;
    final EventWriter writer;
    final Emitter emitter;
    /** Null without a {@code url}: then the adapter only writes. */
    final MarquezHttp http;

    final Reporter reporter;
    final Clock clock;
    /** The time of every event of this session (unless the model has its own): re-sends are byte-identical. */
    final Instant sessionTime;
    /** The datasets of this run (bounded by {@code cache_size}), to describe lineage ends without a GET. */
    final Map<DatasetId, Dataset> cache;
    /** Raw datasets read in this session, so a write right after a read does not read again. */
    final Map<String, JsonNode> lastRead;
    /** Version jobs that ran in this session: hidden again on flush (see DatasetWriter.hideVersionJobs). */
    final Set<String> versionJobs = ConcurrentHashMap.newKeySet();
    /** The newest event time sent about each dataset in this session. */
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

    private final Set<String> warned = Collections.synchronizedSet(new HashSet<>());
    private ExecutorService prep;

    MarquezSession(MarquezSettings settings, PluginContext context, PrintStream console) {
        this.settings = settings;
        this.naming = new MarquezNames(settings.namespace(), settings.jobNamespace());
        this.mapper = new FacetMapper(new OpenLineage(settings.producer()), settings.producer());
        this.events = new OpenLineageBuilders(mapper, naming);
        this.writer = new EventWriter(mapper);
        this.reporter = context.reporter();
        this.clock = context.clock();
        this.sessionTime = clock.instant();
        this.cache = Collections.synchronizedMap(bounded(settings.cacheSize()));
        this.lastRead = Collections.synchronizedMap(bounded(settings.cacheSize()));
        HttpClient client = settings.url() == null
                ? null
                : HttpClient.newBuilder()
                        .connectTimeout(settings.timeout())
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
        this.http = client == null ? null : new MarquezHttp(client, settings);
        DeadLetterFile dead = new DeadLetterFile(settings.deadLetter());
        String name = MarquezAdapter.NAME;
        this.emitter = switch (settings.transport()) {
            case HTTP -> new HttpEmitter(name, dead, settings);
            case FILE -> LineEmitter.toFile(name, dead, settings.file());
            case CONSOLE -> LineEmitter.toConsole(name, dead, console);
            case KAFKA -> new KafkaEmitter(name, dead, settings);
        };
    }

    /** An access-ordered map that forgets its eldest entry beyond {@code size}. */
    private static <K, V> Map<K, V> bounded(int size) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }

    /**
     * Over http Lumos reads what Marquez holds before it writes: an unchanged dataset sends nothing,
     * and a change is stamped later than every version Marquez has of it (Marquez merges a version's
     * facets ordered by event time, and which of two equal times wins is not defined). False for the
     * other transports, and when Marquez did not answer the session's first call (writes then go
     * to the dead-letter file as they are).
     */
    boolean readsBeforeWrites() {
        return settings.transport() == MarquezSettings.Transport.HTTP
                && http != null
                && http.checkApi() == MarquezHttp.Api.MARQUEZ;
    }

    /** The HTTP reader for a read that needs {@code c}, once what was written before has landed. */
    MarquezHttp reader(Capability c) {
        if (http == null) {
            throw new LumosException(
                    ErrorCode.UNSUPPORTED_OPERATION,
                    "the marquez catalog cannot " + c.describe()
                            + " without platforms.marquez.url; set the Marquez URL");
        }
        http.checkApi();
        emitter.awaitIdle();
        return http;
    }

    static String datasetPath(MarquezNames.Ref r) {
        return "/namespaces/" + MarquezNames.segment(r.namespace()) + "/datasets/" + MarquezNames.segment(r.name());
    }

    /** The path of a job of ours (lineage or version job) in the job namespace. */
    String jobPath(String job) {
        return "/namespaces/" + MarquezNames.segment(naming.jobNamespace()) + "/jobs/" + MarquezNames.segment(job);
    }

    void warnOnce(String key, String message) {
        if (warned.add(key)) {
            reporter.warn(message);
        }
    }

    /** Whether this session sent an event about the dataset. */
    boolean sentBefore(MarquezNames.Ref ref) {
        return lastSent.containsKey(ref.key());
    }

    void noteSent(MarquezNames.Ref ref, Instant t) {
        lastSent.merge(ref.key(), t, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * The event time of a write that changes what Marquez shows: not before {@code floor}, later
     * than the newest version Marquez has of the dataset ({@code createdAt} is the event time that
     * made it) and later than what this session sent about it.
     */
    Instant editTime(MarquezNames.Ref ref, Instant floor) {
        Instant t = floor;
        Instant last = lastSent.get(ref.key());
        if (last != null && !last.isBefore(t)) {
            t = last.plusMillis(1);
        }
        try {
            JsonNode page = http.get(datasetPath(ref) + "/versions?limit=1").orElse(null);
            if (page != null) {
                for (JsonNode v : page.path("versions")) {
                    if (v.hasNonNull("createdAt")) {
                        Instant created = OffsetDateTime.parse(
                                        v.get("createdAt").asText())
                                .toInstant();
                        if (!created.isBefore(t)) {
                            t = created.plusMillis(1);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // the POST will tell whether Marquez is there; the floor stands
        }
        noteSent(ref, t);
        return t;
    }

    /** Without reading Marquez: later than what this session sent about the dataset. */
    Instant after(MarquezNames.Ref ref, Instant floor) {
        Instant last = lastSent.get(ref.key());
        Instant t = last != null && !last.isBefore(floor) ? last.plusMillis(1) : floor;
        noteSent(ref, t);
        return t;
    }

    /** Threads for reads that can run side by side (lineage merges, namespace listings). */
    synchronized ExecutorService prepPool() {
        if (prep == null) {
            // reads: at most 16 at once whatever the write cap, as before max_in_flight became a cap
            prep = Executors.newFixedThreadPool(Math.min(16, settings.maxInFlight()), r -> {
                Thread t = new Thread(r, "lumos-marquez-read");
                t.setDaemon(true);
                return t;
            });
        }
        return prep;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (prep != null) {
                prep.shutdownNow();
            }
        }
        emitter.close();
    }
}
