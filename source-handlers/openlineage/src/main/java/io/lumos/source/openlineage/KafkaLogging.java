package io.lumos.source.openlineage;

/**
 * kafka-clients logs its config dump and every rebalance and reconnect at INFO. Lumos says what
 * matters itself (the partitions it holds, dead letters, outages), so the Kafka loggers are
 * switched off before the first one is made, as the Marquez and DataHub Kafka transports do: the
 * core's slf4j-simple reads a logger's level from these system properties when the logger is made.
 * A level set on the command line (-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info) wins.
 */
final class KafkaLogging {
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private KafkaLogging() {}

    static void quiet() {
        if (System.getProperty(PREFIX + "org.apache.kafka") == null) {
            System.setProperty(PREFIX + "org.apache.kafka", "off");
        }
    }
}
