package io.lumos.cli.consume;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.cli.CliTestSupport;
import io.lumos.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A real Kafka broker (a child JVM) for the test class, and a folder for each test. */
abstract class BrokerTestSupport extends CliTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Each test's topics get names no other test of the class uses. */
    static final AtomicInteger TOPICS = new AtomicInteger();

    static KafkaBroker kafka;

    @TempDir
    Path dir;

    /** The config's head: the local catalog and one openlineage source, whose settings follow. */
    static final String LINEAGE_SOURCE =
            """
            lumos_config:
              platform: local
              sources:
                - name: lineage
                  type: openlineage
            """;

    /**
     * A config in the test's folder that reads {@code topic} as consumer group {@code group},
     * {@code batchEvents} events a batch (and a poll), then {@code more} (YAML lines of the
     * source's Kafka properties).
     */
    Path kafkaConfig(String name, String topic, String group, int batchEvents, String more) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(
                file,
                LINEAGE_SOURCE
                        + """
                      kafka:
                        bootstrap_servers: %s
                        topic: %s
                        group: %s
                        batch_events: %d
                        properties:
                          max.poll.records: %d
                """
                                .formatted(kafka.bootstrapServers(), topic, group, batchEvents, batchEvents)
                        + more);
        return file;
    }

    @BeforeAll
    static void startBroker() {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
