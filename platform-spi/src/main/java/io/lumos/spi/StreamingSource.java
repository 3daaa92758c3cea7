package io.lumos.spi;

import io.lumos.domain.Dataset;
import io.lumos.domain.LineageEdge;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A source that is read continuously ({@code lumos consume}): events from a log such as a Kafka
 * topic, mapped to the model one polled batch at a time. The caller writes each batch to the
 * catalogs and then {@link #commit commits} it; a batch that was not committed is read again after
 * {@link #rewind} or after a crash, so writes of a batch must be idempotent. One thread polls,
 * commits and rewinds; only {@link #wakeup} may be called from another.
 */
public interface StreamingSource extends AutoCloseable {
    /** The source's name in config, for messages. */
    String name();

    /** Where it reads from, for people: {@code topic openlineage at host:9092, group lumos}. */
    String describe();

    /**
     * The next batch, mapped; an empty batch when nothing came within {@code timeout} or after
     * {@link #wakeup}. Events that cannot be read are in {@link Batch#poison}, not thrown.
     */
    Batch poll(Duration timeout);

    /**
     * As {@link #poll(Duration)}, for a source that merges what it read with what the catalogs hold
     * by the time its facts were stated (OpenLineage's event time): {@code catalog} is read once per
     * batch, never per event. The default ignores it.
     */
    default Batch poll(Duration timeout, CatalogView catalog) {
        return poll(timeout);
    }

    /** Marks the batch done, so that no consumer of the group reads it again. */
    void commit(Batch batch);

    /** Reads the batch again on the next poll (its catalogs did not take it). */
    void rewind(Batch batch);

    /** Makes a blocking {@link #poll} return at once; safe from any thread. */
    void wakeup();

    /** The partitions this consumer holds now, for people: {@code openlineage-0, openlineage-2}. */
    List<String> assignment();

    /**
     * Whether the consumer is in its group now: the group gave it its partitions (possibly none)
     * and no rebalance is under way. While it joins or the group rebalances it is not idle, for
     * at most {@link #rebalanceTimeout}.
     */
    default boolean inGroup() {
        return true;
    }

    /** How long the group may take to take this consumer in (Kafka's {@code max.poll.interval.ms}). */
    default Duration rebalanceTimeout() {
        return Duration.ZERO;
    }

    @Override
    void close();

    /**
     * One polled batch: how many events it held, what they map to, the events that could not be
     * read, and how many events came from each partition.
     *
     * @param position the source's own record of where the batch starts and ends, for commit and rewind
     * @param runs the run state changes the batch's events stated, in the order read
     * @param merge how the catalog merges each of {@code datasets} with what it holds inside its
     *     write ({@link DatasetMerge}; {@link DatasetMerge#NONE} for a source that does not merge)
     */
    record Batch(
            int events,
            List<Dataset> datasets,
            List<LineageEdge> lineage,
            List<Poison> poison,
            Map<String, Integer> perPartition,
            Object position,
            List<io.lumos.spi.run.RunEvent> runs,
            DatasetMerge merge) {
        public Batch {
            runs = runs == null ? List.of() : runs;
            merge = merge == null ? DatasetMerge.NONE : merge;
        }

        /** A batch whose datasets are written as built. */
        public Batch(
                int events,
                List<Dataset> datasets,
                List<LineageEdge> lineage,
                List<Poison> poison,
                Map<String, Integer> perPartition,
                Object position,
                List<io.lumos.spi.run.RunEvent> runs) {
            this(events, datasets, lineage, poison, perPartition, position, runs, DatasetMerge.NONE);
        }

        /** A batch without runs. */
        public Batch(
                int events,
                List<Dataset> datasets,
                List<LineageEdge> lineage,
                List<Poison> poison,
                Map<String, Integer> perPartition,
                Object position) {
            this(events, datasets, lineage, poison, perPartition, position, List.of());
        }

        public boolean isEmpty() {
            return events == 0;
        }
    }

    /** An event that could not be read, with where it sits in the log. */
    record Poison(String topic, int partition, long offset, String payload, String error) {}
}
