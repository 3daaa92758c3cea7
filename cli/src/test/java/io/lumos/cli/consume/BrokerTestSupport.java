package io.lumos.cli.consume;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.cli.CliTestSupport;
import io.lumos.testing.kafka.KafkaBroker;
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
