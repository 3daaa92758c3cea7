package io.lumos.source.openlineage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.lumos.domain.Dataset;
import io.lumos.domain.LineageEdge;
import io.lumos.spi.CatalogView;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.StreamingSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * OpenLineage events from a Kafka topic, in a consumer group: each polled batch is folded with the
 * same {@link Event} reader, {@link Intake} and {@link DatasetBuilder} as event files, so a topic
 * and a file of the same events give the same datasets and lineage. Offsets are committed only
 * when the caller says the catalogs took the batch ({@link #commit}); auto-commit is off.
 *
 * <p>kafka-clients lives in this plugin's class loader, which the distribution's core does not
 * see: deserializers are passed as instances, and the context class loader is this plugin's around
 * every consumer call, because Kafka resolves configured class names (assignors, SASL callbacks)
 * through it.
 */
final class KafkaEventSource implements StreamingSource {
    private final String sourceName;
    private final KafkaSettings settings;
    private final boolean preferSymlinks;
    private final boolean datasetsWithoutSchema;
    private final boolean runs;
    private final DatasetBuilder builder;
    private final JsonFactory factory;
    private final PluginContext context;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** What the catalogs took from the batches before: a batch hands over only what changed. */
    private final Written written = new Written();
    /** The group gave this consumer its partitions (maybe none), and no rebalance is under way. */
    private volatile boolean inGroup;

    KafkaEventSource(
            String sourceName,
            KafkaSettings settings,
            boolean preferSymlinks,
            boolean datasetsWithoutSchema,
            boolean runs,
            DatasetBuilder builder,
            JsonFactory factory,
            PluginContext context) {
        this.sourceName = sourceName;
        this.settings = settings;
        this.preferSymlinks = preferSymlinks;
        this.datasetsWithoutSchema = datasetsWithoutSchema;
        this.runs = runs;
        this.builder = builder;
        this.factory = factory;
        this.context = context;
        KafkaLogging.quiet();
        Properties props = new Properties();
        props.putAll(settings.properties());
        try {
            this.consumer = inPlugin(
                    () -> new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        } catch (KafkaException e) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    sourceName + ": cannot set up a Kafka consumer for " + settings.bootstrapServers() + ": "
                            + rootMessage(e) + "; check the source's kafka: block",
                    e);
        }
        inPlugin(() -> {
            consumer.subscribe(List.of(settings.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    inGroup = false; // until the rebalance assigns again
                    // batches are committed before the next poll, so nothing is pending here; but
                    // another member may write these partitions' datasets from now on
                    if (!partitions.isEmpty()) {
                        written.clear();
                    }
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    inGroup = false;
                    written.clear();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // called after every rebalance, with no partitions too (more members than partitions)
                    inGroup = true;
                    if (!partitions.isEmpty()) {
                        context.reporter().debug(sourceName + ": assigned " + partitions);
                    }
                }
            });
            return null;
        });
    }

    private <T> T inPlugin(Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaEventSource.class.getClassLoader());
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }

    @Override
    public String name() {
        return sourceName;
    }

    @Override
    public String describe() {
        return "topic " + settings.topic() + " at " + settings.bootstrapServers() + ", group " + settings.group();
    }

    /**
     * Polls until the batch holds {@code batch_events} events, {@code batch_wait} passed, a poll
     * came back empty, or {@link #wakeup}; each poll's records are folded at once, so memory holds
     * the fold (one entry per dataset and edge), not the batch's messages.
     */
    @Override
    public Batch poll(Duration timeout) {
        return poll(timeout, CatalogView.NONE);
    }

    /**
     * As above, each dataset merged with what {@code catalog} holds (read once for the batch's
     * datasets): a fact from an event older than the one the catalog holds stays out, whatever
     * batch or run wrote the newer one, so a restarted consumer keeps to it too.
     */
    @Override
    public Batch poll(Duration timeout, CatalogView catalog) {
        Intake intake = new Intake(preferSymlinks);
        List<io.lumos.spi.run.RunEvent> runEvents = new ArrayList<>();
        if (runs) {
            intake.recordRuns(builder, runEvents::add);
        }
        List<Poison> poison = new ArrayList<>();
        Map<TopicPartition, long[]> position = new HashMap<>();
        Map<String, Integer> perPartition = new TreeMap<>();
        int events = 0;
        long until = System.nanoTime() + settings.batchWait().toNanos();
        Duration wait = timeout;
        while (events < settings.batchEvents()) {
            ConsumerRecords<byte[], byte[]> records;
            Duration w = wait;
            try {
                records = inPlugin(() -> consumer.poll(w));
            } catch (WakeupException e) {
                break;
            } catch (KafkaException e) {
                if (events > 0) {
                    break; // write what is in hand; the next poll says what is wrong
                }
                throw new LumosException(
                        ErrorCode.SOURCE_FAILED,
                        sourceName + ": reading " + describe() + " failed: " + rootMessage(e),
                        e);
            }
            if (records.isEmpty()) {
                break;
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                events++;
                fold(r, intake, poison, position, perPartition);
            }
            if (System.nanoTime() >= until) {
                break;
            }
            wait = Duration.ZERO.plusMillis(50); // more only if it is there already
        }
        if (events == 0) {
            return new Batch(0, List.of(), List.of(), List.of(), Map.of(), new Position(Map.of(), written.pending()));
        }
        List<Dataset> datasets = new ArrayList<>();
        List<LineageEdge> edges = new ArrayList<>();
        Written.Pending pending = written.pending();
        io.lumos.spi.DatasetMerge merge = intake.finish(
                builder,
                datasetsWithoutSchema,
                pending,
                catalog,
                (id, message) -> context.reporter().warn(sourceName + ": " + message),
                (where, message) -> context.reporter().warn(sourceName + ": " + where + ": " + message),
                datasets::add,
                edges::add);
        return new Batch(
                events, datasets, edges, poison, perPartition, new Position(position, pending), runEvents, merge);
    }

    /** Where a batch sits in each partition, and the fingerprints it counts once committed. */
    private record Position(Map<TopicPartition, long[]> offsets, Written.Pending pending) {}

    private void fold(
            ConsumerRecord<byte[], byte[]> r,
            Intake intake,
            List<Poison> poison,
            Map<TopicPartition, long[]> position,
            Map<String, Integer> perPartition) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        long[] range = position.computeIfAbsent(tp, k -> new long[] {r.offset(), r.offset()});
        range[0] = Math.min(range[0], r.offset());
        range[1] = Math.max(range[1], r.offset());
        perPartition.merge(r.topic() + "-" + r.partition(), 1, Integer::sum);
        byte[] value = r.value();
        String where = r.topic() + "/" + r.partition() + "@" + r.offset();
        if (value == null) {
            poison.add(poison(r, "an empty message (a tombstone); each message must be one OpenLineage event"));
            return;
        }
        Event event;
        try {
            event = Event.read(factory, value, value.length);
        } catch (JsonProcessingException e) {
            poison.add(poison(r, "not a JSON event: " + EventReader.reason(e)));
            return;
        } catch (IOException e) {
            poison.add(poison(r, "cannot be read: " + e.getMessage()));
            return;
        }
        if (event == null) {
            poison.add(poison(r, "not a JSON object; each message must be one OpenLineage event"));
            return;
        }
        List<String> problems = new ArrayList<>(1);
        intake.accept(event, where, (at, message) -> problems.add(message));
        if (!problems.isEmpty()) {
            poison.add(poison(r, String.join("; ", problems)));
        }
    }

    private static Poison poison(ConsumerRecord<byte[], byte[]> r, String error) {
        String payload = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
        return new Poison(r.topic(), r.partition(), r.offset(), payload, error);
    }

    private static Map<TopicPartition, long[]> positionOf(Batch batch) {
        return ((Position) batch.position()).offsets();
    }

    @Override
    public void commit(Batch batch) {
        // the catalogs took it (whether or not the offsets can be committed below)
        ((Position) batch.position()).pending().apply();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        java.util.Set<TopicPartition> assigned = inPlugin(consumer::assignment);
        positionOf(batch).forEach((tp, range) -> {
            // a partition lost to a rebalance while the batch was written: its new owner reads
            // those events again, which changes nothing (the writes are idempotent)
            if (assigned.contains(tp)) {
                offsets.put(tp, new OffsetAndMetadata(range[1] + 1));
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                inPlugin(() -> {
                    consumer.commitSync(offsets);
                    return null;
                });
                return;
            } catch (WakeupException e) {
                // a wakeup (SIGTERM) meant for the next poll: the batch is still to be committed
                if (attempt > 0) {
                    throw e;
                }
            } catch (org.apache.kafka.clients.consumer.CommitFailedException
                    | org.apache.kafka.common.errors.RebalanceInProgressException e) {
                context.reporter()
                        .debug(sourceName + ": the group rebalanced before the commit; the partitions' new owners"
                                + " read the batch again: " + e.getMessage());
                return;
            } catch (KafkaException e) {
                throw new LumosException(
                        ErrorCode.SOURCE_FAILED,
                        sourceName + ": could not commit offsets " + offsets.keySet() + " of " + describe() + ": "
                                + rootMessage(e) + "; the batch will be read again (writes are idempotent)",
                        e);
            }
        }
    }

    @Override
    public void rewind(Batch batch) {
        inPlugin(() -> {
            var assigned = consumer.assignment();
            positionOf(batch).forEach((tp, range) -> {
                if (assigned.contains(tp)) {
                    consumer.seek(tp, range[0]);
                }
            });
            return null;
        });
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public List<String> assignment() {
        List<String> out = new ArrayList<>();
        inPlugin(() -> consumer.assignment()).stream()
                .sorted(java.util.Comparator.comparing(TopicPartition::topic)
                        .thenComparingInt(TopicPartition::partition))
                .forEach(tp -> out.add(tp.topic() + "-" + tp.partition()));
        return out;
    }

    @Override
    public boolean inGroup() {
        return inGroup;
    }

    /** The consumer's {@code max.poll.interval.ms}: the group waits that long for its members to rejoin. */
    @Override
    public Duration rebalanceTimeout() {
        try {
            return Duration.ofMillis(Long.parseLong(settings.properties()
                    .getOrDefault("max.poll.interval.ms", "300000")
                    .strip()));
        } catch (NumberFormatException e) {
            return Duration.ofMinutes(5); // Kafka refused it already when the consumer was made
        }
    }

    @Override
    public void close() {
        inPlugin(() -> {
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (KafkaException e) {
                context.reporter().warn(sourceName + ": closing the Kafka consumer: " + rootMessage(e));
            }
            return null;
        });
    }
}
