package io.lumos.platform.marquez;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Setting;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
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
 * @param maxInFlight how many requests run at once at most (per-dataset order is kept)
 * @param adaptiveInFlight whether how many run at once adapts to the server's answers, from 4 up to
 *     {@code maxInFlight} (see {@link AdaptiveConcurrency}); false: always {@code maxInFlight}
 * @param retryBackoff the ceiling of the first retry's wait; it doubles on each retry, with full
 *     jitter (see {@link io.lumos.spi.Backoff})
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
        boolean adaptiveInFlight,
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

    /** The keys as written under {@code platforms.marquez}, with their defaults. */
    record Keys(
            @Setting(name = "url") String url,
            @Setting(name = "namespace") String namespace,
            @Setting(name = "job_namespace", fallback = "lumos") String jobNamespace,
            @Setting(name = "transport", fallback = "http") String transport,
            @Setting(name = "file") String file,
            @Setting(name = "api_key", secret = true) String apiKey,
            @Setting(name = "timeout", fallback = "10s") Duration timeout,
            @Setting(name = "retries", fallback = "4") int retries,
            // a cap: with adaptive_in_flight (the default) fewer run at once while the server is slow or refuses
            @Setting(name = "max_in_flight", fallback = "64") int maxInFlight,
            @Setting(name = "adaptive_in_flight", fallback = "true") boolean adaptiveInFlight,
            @Setting(name = "retry_backoff", fallback = "200ms") Duration retryBackoff,
            @Setting(name = "kafka") KafkaKeys kafka,
            @Setting(name = "dead_letter") String deadLetter,
            @Setting(name = "cache_size", fallback = "10000") int cacheSize,
            @Setting(name = "lineage_buffer", fallback = "10000") int lineageBuffer,
            @Setting(name = "producer", fallback = "https://github.com/lumos-metadata/lumos/platform-marquez")
                    String producer) {
        @Override
        public String toString() {
            return SettingsBinder.describe(this);
        }
    }

    /** {@code platforms.marquez.kafka}: the Kafka transport's keys. */
    record KafkaKeys(
            @Setting(name = "topic") String topic,
            @Setting(name = "message_key") String messageKey,
            @Setting(name = "properties") Map<String, String> properties,
            @Setting(name = "bootstrap_servers") String bootstrapServers) {}

    public static final Set<String> KEYS = SettingsBinder.keys(Keys.class);

    public static MarquezSettings from(Settings s, PluginContext context) {
        Keys k = SettingsBinder.bind(Keys.class, s);
        List<String> problems = new java.util.ArrayList<>();
        Transport transport = transport(s, k.transport());
        URI url = url(s, k.url() != null ? k.url() : transport == Transport.HTTP ? "http://localhost:5000" : null);
        Path file = null;
        if (transport == Transport.FILE) {
            file = context.resolve(s.require("file"));
        } else if (k.file() != null) {
            problems.add(s.where("file") + ": 'file' is only used with transport: file");
        }
        Map<String, String> kafkaProps = new LinkedHashMap<>(k.kafka().properties());
        kafkaProps.replaceAll((key, v) -> String.valueOf(v));
        if (k.kafka().bootstrapServers() != null) {
            kafkaProps.put("bootstrap.servers", k.kafka().bootstrapServers());
        }
        String topic = k.kafka().topic();
        if (transport == Transport.KAFKA) {
            if (topic == null) {
                problems.add(s.scope() + ".kafka: 'topic' is required with transport: kafka");
            }
            if (!kafkaProps.containsKey("bootstrap.servers")) {
                problems.add(s.scope() + ".kafka: 'bootstrap_servers' (or properties.bootstrap.servers) is required"
                        + " with transport: kafka");
            }
        }
        if (k.retries() < 0) {
            problems.add(s.where("retries") + ": 'retries' must be 0 or more");
        }
        if (k.maxInFlight() < 1) {
            problems.add(s.where("max_in_flight") + ": 'max_in_flight' must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
        String ns = k.namespace();
        Path deadLetter = k.deadLetter() != null
                ? context.resolve(k.deadLetter())
                : context.stateDirectory().resolve("dead-letters").resolve("marquez.jsonl");
        return new MarquezSettings(
                url,
                ns == null || ns.isBlank() ? null : ns.strip(),
                k.jobNamespace(),
                transport,
                file,
                k.apiKey(),
                k.timeout(),
                k.retries(),
                k.maxInFlight(),
                k.adaptiveInFlight(),
                k.retryBackoff(),
                topic,
                k.kafka().messageKey(),
                Map.copyOf(kafkaProps),
                deadLetter,
                Math.max(0, k.cacheSize()),
                Math.max(1, k.lineageBuffer()),
                URI.create(k.producer()));
    }

    private static Transport transport(Settings s, String text) {
        try {
            return Transport.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw s.invalid("transport", "must be http, file, console or kafka, not '" + text + "'");
        }
    }

    private static URI url(Settings s, String rawUrl) {
        if (rawUrl == null) {
            return null;
        }
        URI url;
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
        return url;
    }

    public boolean canRead() {
        return url != null;
    }

    @Override
    public String toString() {
        return "MarquezSettings[url=" + url + ", namespace=" + namespace + ", jobNamespace=" + jobNamespace
                + ", transport=" + transport + ", file=" + file + ", apiKey=" + (apiKey == null ? "null" : "****")
                + ", timeout=" + timeout + ", retries=" + retries + ", maxInFlight=" + maxInFlight
                + ", adaptiveInFlight=" + adaptiveInFlight + ", kafkaTopic="
                + kafkaTopic + ", deadLetter=" + deadLetter + "]";
    }
}
