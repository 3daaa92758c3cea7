package io.lumos.platform.datahub;

import datahub.client.Callback;
import datahub.client.MetadataWriteResponse;
import datahub.client.kafka.KafkaEmitter;
import datahub.client.kafka.KafkaEmitterConfig;
import datahub.shaded.org.apache.kafka.common.errors.RetriableException;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.EmitReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The jar's {@link KafkaEmitter}: Avro MCPs to {@code MetadataChangeProposal_v1} through a schema
 * registry, for deployments where GMS consumes from Kafka. Failures arrive as
 * {@code onCompletion(success=false)} (never {@code onFailure}), and the callback must not be null.
 * Sends are asynchronous and every wait is bounded by {@code timeout}; once the broker is found
 * unreachable, the rest of the run goes to the dead-letter file at once instead of waiting for the
 * broker again for each proposal.
 */
final class KafkaTransport implements Transport {
    private static final int MAX_PENDING = 10_000;

    private final KafkaEmitter emitter;
    private final DeadLetterFile deadLetters;
    private final Semaphore pending = new Semaphore(MAX_PENDING);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final String bootstrap;
    /** Why the broker counts as unreachable for the rest of the run, or null while it answers. */
    private final AtomicReference<String> unreachable = new AtomicReference<>();

    KafkaTransport(DataHubSettings settings, DeadLetterFile deadLetters) {
        this.deadLetters = deadLetters;
        this.bootstrap = settings.kafkaBootstrap();
        Map<String, String> producer = new TreeMap<>(producerDefaults(settings));
        producer.putAll(settings.kafkaProducerConfig());
        if (!settings.kafkaProducerConfig().containsKey("delivery.timeout.ms")) {
            // Kafka refuses a delivery timeout below linger + request timeout
            producer.put(
                    "delivery.timeout.ms",
                    Long.toString(Long.parseLong(
                                    producer.getOrDefault("linger.ms", "0").strip())
                            + Long.parseLong(producer.get("request.timeout.ms").strip())));
        }
        KafkaLogging.quiet();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // the shaded Kafka resolves configured class names (and starts its I/O thread) with the
        // context class loader, which in the distribution is the core's, not this plugin's
        thread.setContextClassLoader(KafkaTransport.class.getClassLoader());
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
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * Waits bounded by {@code timeout}, so a missing broker fails a send instead of blocking for a
     * minute (Kafka's default); the delivery timeout (linger + request timeout) is added after the
     * user's {@code producer_config}. Kafka retries within it.
     */
    static Map<String, String> producerDefaults(DataHubSettings s) {
        long ms = Math.max(1, s.timeout().toMillis());
        return Map.of(
                "max.block.ms", Long.toString(ms),
                "request.timeout.ms", Long.toString(ms),
                "retries", Integer.toString(s.retries()),
                "client.id", "lumos-datahub");
    }

    java.util.Properties producerProperties() {
        return emitter.getKafkaConfigProperties();
    }

    @Override
    public void send(Proposal p) {
        String down = unreachable.get();
        if (down != null) {
            fail(p, "Kafka at " + bootstrap + " not reached earlier in this run: " + down);
            return;
        }
        pending.acquireUninterruptibly();
        try {
            // the callback counts and dead-letters each outcome; the Future would only repeat it
            var unused = emitter.emit(p.mcp(), new Callback() {
                @Override
                public void onCompletion(MetadataWriteResponse response) {
                    try {
                        if (response.isSuccess()) {
                            sent.incrementAndGet();
                        } else {
                            if (response.getUnderlyingResponse() instanceof RetriableException) {
                                unreachable.compareAndSet(null, response.getResponseContent());
                            }
                            fail(
                                    p,
                                    "Kafka at " + bootstrap + " did not take the proposal: "
                                            + response.getResponseContent());
                        }
                    } finally {
                        pending.release();
                    }
                }

                @Override
                public void onFailure(Throwable e) {
                    try {
                        fail(p, "Kafka at " + bootstrap + ": send failed: " + e);
                    } finally {
                        pending.release();
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            // thrown, not called back: the record could not be serialised (schema registry), ...
            pending.release();
            fail(p, "Kafka at " + bootstrap + ": send failed: " + e);
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
