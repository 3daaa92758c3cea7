package io.lumos.platform.marquez;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lumos.spi.DeadLetterFile;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.KafkaConfig;
import io.openlineage.client.transports.KafkaTransport;
import io.openlineage.client.transports.Transport;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * OpenLineage's KafkaTransport (kafka-clients is our dependency: openlineage-java does not bring
 * it). What the broker did not acknowledge after retries is dead-lettered.
 */
final class KafkaEmitter extends Emitter {
    private final Transport transport;
    private final CheckedProducer producer;
    private final int retries;
    private final long timeoutMillis;

    KafkaEmitter(String platform, DeadLetterFile deadLetters, MarquezSettings s) {
        super(platform, deadLetters);
        this.producer = new CheckedProducer(s.kafkaProducerProperties());
        this.transport = new KafkaTransport(producer, kafkaConfig(s));
        this.retries = s.retries();
        this.timeoutMillis = s.timeout().toMillis();
    }

    /**
     * KafkaTransport sends without waiting and only logs failures; we keep the send's future and
     * wait for the broker's answer ourselves, so that a lost event is dead-lettered, not counted as sent.
     */
    static final class CheckedProducer extends KafkaProducer<String, String> {
        final ThreadLocal<Future<RecordMetadata>> last = new ThreadLocal<>();

        CheckedProducer(Properties p) {
            super(p);
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<String, String> record) {
            Future<RecordMetadata> f = super.send(record);
            last.set(f);
            return f;
        }
    }

    static KafkaConfig kafkaConfig(MarquezSettings s) {
        return new KafkaConfig(s.kafkaTopic(), s.kafkaMessageKey(), s.kafkaProducerProperties());
    }

    @Override
    synchronized void submit(Envelope e) {
        RuntimeException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                retried.incrementAndGet();
            }
            try {
                producer.last.remove();
                send(transport, e.json());
                Future<RecordMetadata> f = producer.last.get();
                if (f == null) {
                    throw new IllegalStateException("the Kafka transport did not send the event");
                }
                f.get(timeoutMillis, TimeUnit.MILLISECONDS);
                sent.incrementAndGet();
                return;
            } catch (RuntimeException ex) {
                last = ex;
            } catch (ExecutionException ex) {
                last = new IllegalStateException(String.valueOf(ex.getCause()), ex.getCause());
            } catch (TimeoutException ex) {
                last = new IllegalStateException("no answer from the broker within " + timeoutMillis + " ms");
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                last = new IllegalStateException("interrupted");
                break;
            }
        }
        deadLetter(e, "Kafka: " + last);
    }

    /** Sends a JSON event through a typed OpenLineage transport, by the type its schemaURL names. */
    static void send(Transport transport, String json) {
        switch (EventJson.typeOf(json)) {
            case "DatasetEvent" ->
                transport.emit(OpenLineageClientUtils.fromJson(json, new TypeReference<OpenLineage.DatasetEvent>() {}));
            case "JobEvent" ->
                transport.emit(OpenLineageClientUtils.fromJson(json, new TypeReference<OpenLineage.JobEvent>() {}));
            default -> transport.emit(OpenLineageClientUtils.runEventFromJson(json));
        }
    }

    @Override
    void awaitIdle() {}

    @Override
    public void close() {
        try {
            transport.close();
        } catch (Exception e) {
            throw new io.lumos.spi.LumosException(
                    io.lumos.spi.ErrorCode.EMIT_FAILED, "could not close the Kafka producer: " + e.getMessage(), e);
        } finally {
            super.close();
        }
    }
}
