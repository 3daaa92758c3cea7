package io.lumos.platform.marquez;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events to a Kafka topic the way OpenLineage's KafkaTransport writes them (the event's JSON as a
 * string value, its key {@code run:|job:|dataset:<namespace>/<name>} unless {@code message_key}
 * fixes one), with kafka-clients directly: the JSON goes out byte for byte as the {@code file}
 * transport writes it, and every send is asynchronous with a callback, so the timeout bounds a whole
 * batch rather than each event. What the broker did not acknowledge within the timeout is
 * dead-lettered; once the broker is found unreachable the rest of the run is dead-lettered at once
 * instead of waiting for it again per event.
 */
final class KafkaEmitter extends Emitter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final String messageKey;
    private final String bootstrap;
    private final Duration timeout;
    /** Why the broker counts as unreachable for the rest of the run, or null while it answers. */
    private final AtomicReference<String> unreachable = new AtomicReference<>();

    private final Object idle = new Object();
    private long pending;

    KafkaEmitter(String platform, DeadLetterFile deadLetters, MarquezSettings s) {
        super(platform, deadLetters);
        this.topic = s.kafkaTopic();
        this.messageKey = s.kafkaMessageKey();
        this.timeout = s.timeout();
        Properties p = producerProperties(s);
        this.bootstrap = String.valueOf(p.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        KafkaLogging.quiet();
        try {
            this.producer =
                    withPluginClassLoader(() -> new KafkaProducer<>(p, new StringSerializer(), new StringSerializer()));
        } catch (KafkaException e) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    "cannot set up the Kafka producer for " + bootstrap + ": " + message(e)
                            + "; check platforms.marquez.kafka",
                    e);
        }
    }

    /**
     * The producer's settings: the user's {@code properties}, then waits bounded by {@code timeout}
     * (Kafka's own defaults block for a minute per send when the broker is away). Serializers are
     * passed as objects: Kafka loads class names through the thread's context class loader, which
     * in the distribution is not this plugin's.
     */
    static Properties producerProperties(MarquezSettings s) {
        Properties p = new Properties();
        p.putAll(s.kafkaProperties());
        p.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        p.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        long ms = Math.max(1, s.timeout().toMillis());
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ms));
        p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(ms));
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Kafka refuses a delivery timeout below linger + request timeout
        long floor = Long.parseLong(
                        String.valueOf(p.get(ProducerConfig.LINGER_MS_CONFIG)).strip())
                + Long.parseLong(String.valueOf(p.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG))
                        .strip());
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(floor));
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "lumos-marquez");
        return p;
    }

    /** Kafka resolves configured classes (and starts its I/O thread) with the context class loader. */
    static <T> T withPluginClassLoader(Supplier<T> create) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(KafkaEmitter.class.getClassLoader());
        try {
            return create.get();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // the callback sees every outcome, the future adds nothing
    synchronized void submit(Envelope e) {
        String down = unreachable.get();
        if (down != null) {
            deadLetter(e, "Kafka at " + bootstrap + " not reached earlier in this run: " + down);
            return;
        }
        started();
        try {
            producer.send(new ProducerRecord<>(topic, key(e.json()), e.json()), (metadata, error) -> {
                try {
                    if (error == null) {
                        sent.incrementAndGet();
                    } else {
                        if (error instanceof RetriableException) {
                            unreachable.compareAndSet(null, message(error));
                        }
                        deadLetter(e, "Kafka at " + bootstrap + ": " + message(error));
                    }
                } finally {
                    finished();
                }
            });
        } catch (RuntimeException ex) {
            // thrown (not called back): the producer is closed, the record cannot be serialised, ...
            deadLetter(e, "Kafka at " + bootstrap + ": " + message(ex));
            finished();
        }
    }

    /** OpenLineage KafkaTransport's key: the parent's (root) job for runs, else the event's own subject. */
    String key(String json) {
        if (messageKey != null) {
            return messageKey;
        }
        try {
            JsonNode n = JSON.readTree(json);
            return switch (EventJson.typeOf(json)) {
                case "DatasetEvent" -> "dataset:" + path(n.path("dataset"));
                case "JobEvent" -> "job:" + path(n.path("job"));
                default -> {
                    JsonNode parent = n.path("run").path("facets").path("parent");
                    JsonNode job = parent.path("root").path("job");
                    if (job.isMissingNode()) {
                        job = parent.path("job");
                    }
                    yield "run:" + path(job.isMissingNode() ? n.path("job") : job);
                }
            };
        } catch (IOException ex) {
            return null;
        }
    }

    private static String path(JsonNode n) {
        return n.path("namespace").asText() + "/" + n.path("name").asText();
    }

    private static String message(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void started() {
        synchronized (idle) {
            pending++;
        }
    }

    private void finished() {
        synchronized (idle) {
            pending--;
            idle.notifyAll();
        }
    }

    /** Every callback comes within delivery.timeout.ms of its send: Kafka fails what it cannot deliver. */
    @Override
    void awaitIdle() {
        synchronized (idle) {
            while (pending > 0) {
                try {
                    idle.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            awaitIdle();
            // bounded: what is still queued after the timeout is failed back to its callback (dead letters)
            producer.close(timeout);
        } catch (KafkaException e) {
            throw new LumosException(ErrorCode.EMIT_FAILED, "could not close the Kafka producer: " + message(e), e);
        } finally {
            super.close();
        }
    }
}
