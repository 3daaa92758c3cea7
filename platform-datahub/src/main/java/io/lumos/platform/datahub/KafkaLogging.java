package io.lumos.platform.datahub;

/**
 * The Kafka client and Confluent serializer inside DataHub's jar (shaded under datahub.shaded) log
 * 80 to 200 INFO and WARN lines a run (their config dumps, every reconnect). Lumos reports what
 * matters itself (dead letters, the exit code), so the Kafka loggers are switched off
 * before the first one is created. This plugin shares slf4j with the core, whose binding is
 * slf4j-simple: it reads a logger's level from these system properties when the logger is made.
 * A level the user set on the command line (-Dorg.slf4j.simpleLogger.log.datahub.shaded=info) wins.
 */
final class KafkaLogging {
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private KafkaLogging() {}

    static void quiet() {
        for (String logger : new String[] {"datahub.shaded.org.apache.kafka", "datahub.shaded.io.confluent"}) {
            if (System.getProperty(PREFIX + logger) == null) {
                System.setProperty(PREFIX + logger, "off");
            }
        }
    }
}
