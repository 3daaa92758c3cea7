package io.lumos.platform.marquez;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code platforms.marquez}, bound and checked. {@link #toString()} masks the API key.
 *
 * @param url Marquez base URL (reads, and writes with transport http)
 * @param namespace a fixed namespace for every dataset, or null for one namespace per platform
 * @param jobNamespace the namespace of the synthetic lineage jobs and of pipeline runs
 * @param maxInFlight how many requests run at once (per-dataset order is kept)
 * @param retryBackoff the first retry's wait; it doubles on each retry, with jitter
 * @param cacheSize how many written datasets are remembered to describe lineage ends (bounded memory)
 * @param lineageBuffer with http, lineage into this many downstreams is sent early (merged with what
 *     Marquez has, so splitting is safe), which keeps memory flat
 */
public record MarquezSettings(
        URI url,
        String namespace,
        String jobNamespace,
        Transport transport,
        Path file,
        String apiKey,
        Duration timeout,
        int retries,
        int maxInFlight,
        Duration retryBackoff,
        String kafkaTopic,
        String kafkaMessageKey,
        Map<String, String> kafkaProperties,
        Path deadLetter,
        int cacheSize,
        int lineageBuffer,
        URI producer) {

    public enum Transport {
        HTTP,
        FILE,
        CONSOLE,
        KAFKA
    }

    public static final Set<String> KEYS = Set.of(
            "url",
            "namespace",
            "job_namespace",
            "transport",
            "file",
            "api_key",
            "timeout",
            "retries",
            "max_in_flight",
            "retry_backoff",
            "kafka",
            "dead_letter",
            "cache_size",
            "lineage_buffer",
            "producer");

    static final Set<String> KAFKA_KEYS = Set.of("topic", "message_key", "properties", "bootstrap_servers");

    public static MarquezSettings from(Settings s, PluginContext context) {
        List<String> problems = new java.util.ArrayList<>(s.unknownKeys(KEYS));
        Transport transport;
        String t = s.string("transport", "http").strip().toUpperCase(Locale.ROOT);
        try {
            transport = Transport.valueOf(t);
        } catch (IllegalArgumentException e) {
            throw s.invalid(
                    "transport", "must be http, file, console or kafka, not '" + s.string("transport", "") + "'");
        }
        URI url = null;
        String rawUrl = s.string("url", transport == Transport.HTTP ? "http://localhost:5000" : null);
        if (rawUrl != null) {
            try {
                url = URI.create(rawUrl.strip().replaceAll("/+$", ""));
                if (url.getScheme() == null || url.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
            } catch (IllegalArgumentException e) {
                throw s.invalid("url", "must be an http(s) URL such as http://localhost:5000, not '" + rawUrl + "'");
            }
            if (url.getPath() != null && url.getPath().endsWith("/api/v1")) {
                url = URI.create(rawUrl.strip().replaceAll("/+$", "").replaceAll("/api/v1$", ""));
            }
        }
        Path file = null;
        if (transport == Transport.FILE) {
            file = context.resolve(s.require("file"));
        } else if (s.has("file")) {
            problems.add(s.where("file") + ": 'file' is only used with transport: file");
        }
        Settings kafka = s.child("kafka");
        problems.addAll(kafka.unknownKeys(KAFKA_KEYS));
        Map<String, String> kafkaProps = new LinkedHashMap<>();
        Object props = kafka.raw("properties");
        if (props instanceof Map<?, ?> m) {
            m.forEach((k, v) -> kafkaProps.put(String.valueOf(k), String.valueOf(v)));
        }
        if (kafka.has("bootstrap_servers")) {
            kafkaProps.put("bootstrap.servers", kafka.string("bootstrap_servers", null));
        }
        String topic = kafka.string("topic", null);
        if (transport == Transport.KAFKA) {
            if (topic == null) {
                problems.add(s.scope() + ".kafka: 'topic' is required with transport: kafka");
            }
            if (!kafkaProps.containsKey("bootstrap.servers")) {
                problems.add(s.scope() + ".kafka: 'bootstrap_servers' (or properties.bootstrap.servers) is required"
                        + " with transport: kafka");
            }
        }
        int retries = s.integer("retries", 4);
        int inFlight = s.integer("max_in_flight", 16);
        int cache = s.integer("cache_size", 10_000);
        if (retries < 0) {
            problems.add(s.where("retries") + ": 'retries' must be 0 or more");
        }
        if (inFlight < 1) {
            problems.add(s.where("max_in_flight") + ": 'max_in_flight' must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
        String ns = s.string("namespace", null);
        Path deadLetter = s.has("dead_letter")
                ? context.resolve(s.string("dead_letter", null))
                : context.stateDirectory().resolve("dead-letters").resolve("marquez.jsonl");
        return new MarquezSettings(
                url,
                ns == null || ns.isBlank() ? null : ns.strip(),
                s.string("job_namespace", "lumos"),
                transport,
                file,
                s.string("api_key", null),
                s.duration("timeout", Duration.ofSeconds(10)),
                retries,
                inFlight,
                s.duration("retry_backoff", Duration.ofMillis(200)),
                topic,
                kafka.string("message_key", null),
                Map.copyOf(kafkaProps),
                deadLetter,
                Math.max(0, cache),
                Math.max(1, s.integer("lineage_buffer", 10_000)),
                URI.create(s.string("producer", "https://github.com/lumos-metadata/lumos/platform-marquez")));
    }

    public boolean canRead() {
        return url != null;
    }

    @Override
    public String toString() {
        return "MarquezSettings[url=" + url + ", namespace=" + namespace + ", jobNamespace=" + jobNamespace
                + ", transport=" + transport + ", file=" + file + ", apiKey=" + (apiKey == null ? "null" : "****")
                + ", timeout=" + timeout + ", retries=" + retries + ", maxInFlight=" + maxInFlight + ", kafkaTopic="
                + kafkaTopic + ", deadLetter=" + deadLetter + "]";
    }
}
