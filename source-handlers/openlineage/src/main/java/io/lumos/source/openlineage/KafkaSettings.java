package io.lumos.source.openlineage;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Setting;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source's {@code kafka:} block, with the key names of the Marquez Kafka transport
 * ({@code bootstrap_servers}, {@code topic}, {@code properties}; DataHub's {@code bootstrap} is
 * read too) plus {@code group}. {@code properties} go to the consumer as they are (SASL, TLS,
 * {@code max.poll.records}, {@code auto.offset.reset}); the keys win over the same properties.
 * {@code batch_events} and {@code batch_wait} bound a batch (several polls folded together): each
 * batch rewrites every dataset its events touch, so larger batches write less.
 */
record KafkaSettings(
        String topic, String group, Map<String, String> properties, int batchEvents, java.time.Duration batchWait) {
    /** The block as written. */
    record Keys(
            @Setting(name = "bootstrap_servers") String bootstrapServers,
            @Setting(name = "bootstrap") String bootstrap,
            @Setting(name = "topic") String topic,
            @Setting(name = "group") String group,
            @Setting(name = "properties") Object properties,
            @Setting(name = "batch_events", fallback = "20000") int batchEvents,
            @Setting(name = "batch_wait", fallback = "2s") java.time.Duration batchWait) {}

    /** The consumer's settings unless the user's {@code properties} say otherwise. */
    static final Map<String, String> DEFAULTS = Map.of(
            "auto.offset.reset", "earliest",
            "max.poll.records", "2000",
            "client.id", "lumos-consume");

    /** The block, or null when the source has none. */
    static KafkaSettings of(Settings source) {
        if (!source.has("kafka")) {
            return null;
        }
        Settings kafka = source.child("kafka");
        Keys keys = SettingsBinder.bind(Keys.class, kafka);
        List<String> problems = new ArrayList<>();
        Map<String, String> props = new LinkedHashMap<>(DEFAULTS);
        Object raw = keys.properties();
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        } else if (raw != null) {
            problems.add(kafka.scope() + ".properties: a map of Kafka consumer settings expected"
                    + " (security.protocol: SASL_SSL, ...)");
        }
        String servers = keys.bootstrapServers() != null ? keys.bootstrapServers() : keys.bootstrap();
        if (servers != null) {
            props.put("bootstrap.servers", servers);
        }
        if (!props.containsKey("bootstrap.servers")) {
            problems.add(kafka.scope() + ": 'bootstrap_servers' is required (host:9092[,host2:9092])");
        }
        String topic = keys.topic();
        if (topic == null || topic.isBlank()) {
            problems.add(kafka.scope() + ": 'topic' is required (the topic the OpenLineage events are sent to)");
        }
        String group = keys.group() != null ? keys.group() : props.getOrDefault("group.id", "lumos");
        props.put("group.id", group);
        // Offsets are committed by Lumos once the catalogs took a batch, never in the background.
        if ("true".equalsIgnoreCase(props.get("enable.auto.commit"))) {
            problems.add(kafka.scope() + ".properties: enable.auto.commit cannot be true; Lumos commits offsets"
                    + " itself once the catalogs took a batch");
        }
        props.put("enable.auto.commit", "false");
        if (!problems.isEmpty()) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
        int batchEvents = keys.batchEvents();
        if (batchEvents < 1) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID, kafka.scope() + ".batch_events: 1 or more, not " + batchEvents);
        }
        return new KafkaSettings(topic.strip(), group, Map.copyOf(props), batchEvents, keys.batchWait());
    }

    String bootstrapServers() {
        return properties.get("bootstrap.servers");
    }
}
