package io.lumos.platform.marquez;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lumos.spi.DeadLetterFile;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.KafkaConfig;
import io.openlineage.client.transports.KafkaTransport;
import io.openlineage.client.transports.Transport;

/**
 * OpenLineage's KafkaTransport (kafka-clients is our dependency: openlineage-java does not bring
 * it). Its emit is synchronous; what throws after retries is dead-lettered.
 */
final class KafkaEmitter extends Emitter {
    private final Transport transport;
    private final int retries;

    KafkaEmitter(String platform, DeadLetterFile deadLetters, MarquezSettings s) {
        this(platform, deadLetters, new KafkaTransport(kafkaConfig(s)), s.retries());
    }

    KafkaEmitter(String platform, DeadLetterFile deadLetters, Transport transport, int retries) {
        super(platform, deadLetters);
        this.transport = transport;
        this.retries = retries;
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
                send(transport, e.json());
                sent.incrementAndGet();
                return;
            } catch (RuntimeException ex) {
                last = ex;
            }
        }
        deadLetter(e, "Kafka: " + last);
    }

    /** Sends a JSON event through a typed OpenLineage transport, by the type its schemaURL names. */
    static void send(Transport transport, String json) {
        switch (EventJson.typeOf(json)) {
            case "DatasetEvent" -> transport.emit(
                    OpenLineageClientUtils.fromJson(json, new TypeReference<OpenLineage.DatasetEvent>() {}));
            case "JobEvent" -> transport.emit(
                    OpenLineageClientUtils.fromJson(json, new TypeReference<OpenLineage.JobEvent>() {}));
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
