package io.lumos.cli.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.cli.Session;
import io.lumos.cli.config.LumosConfig.SourceConfig;
import io.lumos.json.ModelJson;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import io.lumos.spi.SourceHandlerFactory;
import io.lumos.spi.StreamingSource;
import io.lumos.spi.StreamingSource.Batch;
import io.lumos.spi.StreamingSource.Poison;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code lumos consume}: polls a {@link StreamingSource} (a source's Kafka topic, in its consumer
 * group), writes each batch to the configured catalogs with {@link IngestService#writeBatch} (the
 * ingest's rules and versioning), and commits the batch's offsets only once the catalogs took it.
 * A catalog outage keeps the batch uncommitted: the source rewinds and the batch is written again
 * after a backoff. Events that cannot be read go to the dead-letter file with where they sat in
 * the log; the rest goes on. {@link #stop} (SIGTERM, Ctrl-C) ends after the current batch.
 */
public final class ConsumeService {
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Session session;
    private final IngestService ingest;
    private volatile boolean stopping;
    private volatile StreamingSource current;
    private final CountDownLatch done = new CountDownLatch(1);

    public ConsumeService(Session session, IngestService ingest) {
        this.session = session;
        this.ingest = ingest;
    }

    /** When to stop on its own (for scripts and tests); nulls for never. */
    public record Limits(Long maxEvents, Duration idleTimeout) {}

    /** What a consume did. */
    public record Result(
            long events,
            long datasets,
            long newVersions,
            long lineageEdges,
            long poison,
            long batches,
            Map<String, Long> perPartition,
            Path deadLetterFile,
            boolean drained,
            Duration untilLastCommit) {}

    /** Ends the loop after the batch in hand, which is still written and committed; any thread. */
    public void stop() {
        stopping = true;
        StreamingSource s = current;
        if (s != null) {
            s.wakeup();
        }
    }

    /** Waits until the loop has ended (for a shutdown hook). */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The default dead-letter file of a source: {@code .lumos/dead-letters/consume-NAME.jsonl}. */
    public Path defaultDeadLetterFile(SourceConfig source) {
        return session.pluginContext()
                .stateDirectory()
                .resolve("dead-letters")
                .resolve("consume-" + source.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl");
    }

    public Result consume(SourceConfig source, Limits limits, Path deadLetterFile, PrintWriter err, boolean quiet) {
        try {
            return run(source, limits, deadLetterFile, err, quiet);
        } finally {
            done.countDown();
        }
    }

    private Result run(SourceConfig source, Limits limits, Path deadLetterFile, PrintWriter err, boolean quiet) {
        SourceHandlerFactory factory =
                session.plugins().require(SourceHandlerFactory.class, source.type(), "source type");
        Settings settings = source.settings();
        if (!settings.has("type")) {
            Map<String, Object> values = new LinkedHashMap<>(settings.asMap());
            values.put("type", source.type());
            settings = new Settings(settings.scope(), values, Map.of());
        }
        // the catalogs first: a config error there should not leave a consumer in the group
        List<CatalogAdapter> catalogs = session.catalogs();
        Map<String, Long> perPartition = new TreeMap<>();
        long events = 0;
        long datasets = 0;
        long versions = 0;
        long edges = 0;
        long poison = 0;
        long batches = 0;
        boolean drained = true;
        long started = System.nanoTime();
        long lastCommit = started;
        try (StreamingSource stream = factory.stream(settings, session.pluginContext());
                PoisonFile dead = new PoisonFile(deadLetterFile)) {
            current = stream;
            if (stopping) {
                stream.wakeup();
            }
            say(
                    err,
                    quiet,
                    "consuming " + stream.describe() + " into "
                            + String.join(
                                    ", ",
                                    catalogs.stream().map(CatalogAdapter::name).toList())
                            + "; stop with Ctrl-C or SIGTERM (the batch in hand is written and committed first)");
            List<String> assigned = List.of();
            IdleClock idle = new IdleClock(limits.idleTimeout(), stream.rebalanceTimeout(), System.nanoTime());
            Duration backoff = FIRST_BACKOFF;
            while (!stopping) {
                // what the catalog holds of the batch's datasets, read once while the batch is
                // built (OpenLineage merges by event time with it) and not again when it is written
                io.lumos.spi.CatalogView view = ingest.catalogView();
                Batch batch = stream.poll(POLL, view);
                List<String> now = stream.assignment();
                boolean inGroup = stream.inGroup();
                if (!now.equals(assigned)) {
                    assigned = now;
                    say(err, quiet, "partitions: " + (now.isEmpty() ? "none" : String.join(", ", now)));
                    idle.reset(System.nanoTime());
                }
                if (batch.isEmpty()) {
                    String why = idle.expired(inGroup, System.nanoTime());
                    if (why != null) {
                        say(err, quiet, why + "; stopping");
                        break;
                    }
                    continue;
                }
                IngestService.BatchResult written;
                try {
                    written = ingest.writeBatch(batch.datasets(), batch.lineage(), batch.runs(), view, batch.merge());
                } catch (RuntimeException e) {
                    if (e instanceof LumosException le && le.code().kind() == ErrorCode.Kind.USER) {
                        throw le;
                    }
                    err.println("error: the catalogs did not take a batch of " + batch.events() + " event(s) ("
                            + e.getMessage() + "); its offsets are not committed; trying again in "
                            + backoff.toSeconds() + " s");
                    err.flush();
                    stream.rewind(batch);
                    if (pause(backoff)) {
                        drained = false;
                        break;
                    }
                    backoff =
                            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                    continue;
                }
                if (!backoff.equals(FIRST_BACKOFF)) {
                    say(err, quiet, "the catalogs took the batch again; consuming on");
                    backoff = FIRST_BACKOFF;
                }
                for (Poison p : batch.poison()) {
                    dead.append(p);
                    session.reporter()
                            .warn(source.name() + ": " + p.topic() + "/" + p.partition() + "@" + p.offset() + ": "
                                    + p.error() + "; the event is in " + deadLetterFile + ", the rest goes on");
                }
                stream.commit(batch);
                lastCommit = System.nanoTime();
                batches++;
                events += batch.events();
                datasets += written.datasets();
                versions += written.newVersions();
                edges += written.lineageEdges();
                poison += batch.poison().size();
                batch.perPartition().forEach((k, v) -> perPartition.merge(k, (long) v, Long::sum));
                idle.reset(System.nanoTime());
                session.reporter()
                        .debug("batch " + batches + ": " + batch.events() + " event(s) " + batch.perPartition()
                                + ", " + written.datasets() + " dataset(s), " + written.newVersions()
                                + " new version(s), committed");
                if (limits.maxEvents() != null && events >= limits.maxEvents()) {
                    break;
                }
            }
        } finally {
            current = null;
        }
        return new Result(
                events,
                datasets,
                versions,
                edges,
                poison,
                batches,
                perPartition,
                deadLetterFile,
                drained,
                Duration.ofNanos(lastCommit - started));
    }

    /**
     * When {@code --idle-timeout} ends the consume. Idleness counts only while the consumer is in
     * its group (it was given its partitions, possibly none, and no rebalance is under way), from
     * then or from the last event, whichever is later: a consumer that is still joining, or whose
     * group waits for a busy member to rejoin, is not idle. Joining counts as idle once it took
     * longer than the group's rebalance timeout (or the idle timeout, when that is longer), so a
     * consumer that never gets into its group still ends.
     */
    static final class IdleClock {
        private final Duration timeout;
        private final Duration joinBound;
        private long since;
        private long joiningSince = -1;

        IdleClock(Duration timeout, Duration rebalanceTimeout, long now) {
            this.timeout = timeout;
            this.joinBound = timeout == null || rebalanceTimeout.compareTo(timeout) < 0 ? timeout : rebalanceTimeout;
            this.since = now;
            this.joiningSince = now;
        }

        /** An event came, or the partitions changed: idleness counts from now. */
        void reset(long now) {
            since = now;
        }

        /** Why to stop now (the batch was empty), or null. */
        String expired(boolean inGroup, long now) {
            if (timeout == null) {
                return null;
            }
            if (!inGroup) {
                if (joiningSince < 0) {
                    joiningSince = now;
                }
                since = now; // in the group, idleness counts from when it got in
                return now - joiningSince >= joinBound.toNanos()
                        ? "not in the consumer group after " + joinBound.toSeconds() + " s (no partitions given)"
                        : null;
            }
            joiningSince = -1;
            return now - since >= timeout.toNanos() ? "no event for " + timeout.toSeconds() + " s" : null;
        }
    }

    /** Sleeps the backoff; true when a stop came meanwhile. */
    private boolean pause(Duration backoff) {
        long until = System.nanoTime() + backoff.toNanos();
        while (!stopping && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return stopping;
    }

    private static void say(PrintWriter err, boolean quiet, String line) {
        if (!quiet) {
            err.println(line);
            err.flush();
        }
    }

    /** Poison events, one JSON object a line: topic, partition, offset, error, and the event as it came. */
    private static final class PoisonFile implements AutoCloseable {
        private final Path path;
        private BufferedWriter writer;

        PoisonFile(Path path) {
            this.path = path;
        }

        void append(Poison p) {
            try {
                if (writer == null) {
                    Files.createDirectories(path.toAbsolutePath().getParent());
                    writer = Files.newBufferedWriter(
                            path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                ObjectNode n = ModelJson.mapper().createObjectNode();
                n.put("kind", "openlineage-event");
                n.put("topic", p.topic());
                n.put("partition", p.partition());
                n.put("offset", p.offset());
                n.put("error", p.error());
                n.put("payload", p.payload());
                writer.write(ModelJson.mapper().writeValueAsString(n));
                writer.write('\n');
                writer.flush();
            } catch (IOException e) {
                throw new LumosException(
                        ErrorCode.INTERNAL, "could not write the dead-letter file " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }
}
