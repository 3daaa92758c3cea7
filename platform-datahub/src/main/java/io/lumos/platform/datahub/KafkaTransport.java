package io.lumos.platform.datahub;

import datahub.client.Callback;
import datahub.client.MetadataWriteResponse;
import datahub.client.kafka.KafkaEmitter;
import datahub.client.kafka.KafkaEmitterConfig;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.DeadLetterFile;
import io.lumos.spi.EmitReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jar's {@link KafkaEmitter}: Avro MCPs to {@code MetadataChangeProposal_v1} through a schema
 * registry, for deployments where GMS consumes from Kafka. Failures arrive as
 * {@code onCompletion(success=false)} (never {@code onFailure}), and the callback must not be null.
 */
final class KafkaTransport implements Transport {
    private static final int MAX_PENDING = 10_000;

    private final KafkaEmitter emitter;
    private final DeadLetterFile deadLetters;
    private final Semaphore pending = new Semaphore(MAX_PENDING);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    KafkaTransport(DataHubSettings settings, DeadLetterFile deadLetters) {
        this.deadLetters = deadLetters;
        Map<String, String> producer = new TreeMap<>(producerDefaults(settings));
        producer.putAll(settings.kafkaProducerConfig());
        try {
            this.emitter = new KafkaEmitter(KafkaEmitterConfig.builder()
                    .bootstrap(settings.kafkaBootstrap())
                    .schemaRegistryUrl(settings.schemaRegistryUrl())
                    .producerConfig(producer)
                    .build());
        } catch (IOException | RuntimeException e) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    "cannot set up DataHub's Kafka emitter for " + settings.kafkaBootstrap() + ": " + e.getMessage()
                            + "; check platforms.datahub.kafka",
                    e);
        }
    }

    /** Bounded waits, so a missing broker fails the emit instead of hanging for a minute. */
    static Map<String, String> producerDefaults(DataHubSettings s) {
        long ms = s.timeout().toMillis();
        return Map.of(
                "max.block.ms", Long.toString(ms),
                "request.timeout.ms", Long.toString(ms),
                "delivery.timeout.ms", Long.toString(Math.max(ms * 2, ms + 1000)),
                "retries", Integer.toString(s.retries()));
    }

    java.util.Properties producerProperties() {
        return emitter.getKafkaConfigProperties();
    }

    @Override
    public void send(Proposal p) {
        pending.acquireUninterruptibly();
        try {
            emitter.emit(p.mcp(), new Callback() {
                @Override
                public void onCompletion(MetadataWriteResponse response) {
                    if (response.isSuccess()) {
                        sent.incrementAndGet();
                    } else {
                        fail(p, "Kafka refused the proposal: " + response.getResponseContent());
                    }
                    pending.release();
                }

                @Override
                public void onFailure(Throwable e) {
                    fail(p, "Kafka send failed: " + e);
                    pending.release();
                }
            });
        } catch (IOException | RuntimeException e) {
            pending.release();
            fail(p, "Kafka send failed: " + e);
        }
    }

    private void fail(Proposal p, String error) {
        failed.incrementAndGet();
        deadLetters.append(new DeadLetter("datahub", "mcp", p.urn() + "#" + p.aspectName(), p.json(), error));
    }

    @Override
    public void drain() {
        pending.acquireUninterruptibly(MAX_PENDING);
        pending.release(MAX_PENDING);
    }

    @Override
    public EmitReport report() {
        return new EmitReport(sent.get(), 0, failed.get(), deadLetters.count() > 0 ? deadLetters.path() : null);
    }

    @Override
    public void close() {
        try {
            drain();
            emitter.close();
        } catch (IOException e) {
            throw new LumosException(ErrorCode.EMIT_FAILED, "could not close the Kafka emitter: " + e.getMessage(), e);
        }
    }
}
