package io.lumos.platform.datahub;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code platforms.datahub} bound to a typed value. {@link #toString()} never prints the token.
 *
 * @param file output of the file transport
 * @param maxBatchBytes a batch is cut before it would pass this (GMS refuses bodies over ~16 MB)
 * @param deadLetter where proposals that still failed after retries go
 * @param semantics how an ingest writes owners, tags and terms: as DataHub's transformers,
 *     {@code patch} adds to what DataHub has (people's edits in the UI stay), {@code overwrite}
 *     replaces it with what the source says
 */
record DataHubSettings(
        URI server,
        String token,
        Transport transport,
        Path file,
        int batchSize,
        long maxBatchBytes,
        int maxInFlight,
        int retries,
        Duration timeout,
        Duration retryBackoff,
        boolean disableSslVerification,
        String kafkaBootstrap,
        String schemaRegistryUrl,
        Map<String, String> kafkaProducerConfig,
        Path deadLetter,
        Semantics semantics) {

    enum Transport {
        REST,
        FILE,
        KAFKA
    }

    enum Semantics {
        PATCH,
        OVERWRITE
    }

    static final long GMS_LIMIT_BYTES = 15L * 1024 * 1024;
    static final Set<String> KEYS = Set.of(
            "server",
            "token",
            "transport",
            "file",
            "batch_size",
            "max_batch_bytes",
            "max_in_flight",
            "retries",
            "timeout",
            "retry_backoff",
            "disable_ssl_verification",
            "kafka",
            "dead_letter",
            "semantics");
    private static final Set<String> KAFKA_KEYS = Set.of("bootstrap", "schema_registry_url", "producer_config");

    static DataHubSettings from(Settings s, PluginContext context) {
        List<String> problems = new ArrayList<>(s.unknownKeys(KEYS));
        Settings kafka = s.child("kafka");
        problems.addAll(kafka.unknownKeys(KAFKA_KEYS));
        if (!problems.isEmpty()) {
            throw new LumosException(ErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
        String transportText = s.string("transport", "rest").strip().toUpperCase(Locale.ROOT);
        Transport transport;
        try {
            transport = Transport.valueOf(transportText);
        } catch (IllegalArgumentException e) {
            throw s.invalid("transport", "must be rest, file or kafka, not '" + s.string("transport", "") + "'");
        }
        URI server = null;
        String serverText = s.string("server", transport == Transport.REST ? "http://localhost:8080" : null);
        if (serverText != null) {
            try {
                server = URI.create(serverText.strip().replaceAll("/+$", ""));
            } catch (IllegalArgumentException e) {
                throw s.invalid("server", "is not a URL: " + e.getMessage());
            }
            if (server.getScheme() == null
                    || !(server.getScheme().equals("http") || server.getScheme().equals("https"))
                    || server.getHost() == null) {
                throw s.invalid("server", "must be an http:// or https:// URL such as http://localhost:8080");
            }
        }
        String token = s.string("token", null);
        if (token != null && token.isBlank()) {
            token = null;
        }
        Path file = null;
        if (transport == Transport.FILE) {
            file = context.resolve(s.require("file"));
        } else if (s.has("file")) {
            throw s.invalid("file", "is only read with transport: file");
        }
        int batchSize = s.integer("batch_size", 100);
        if (batchSize < 1 || batchSize > 10_000) {
            throw s.invalid("batch_size", "must be between 1 and 10000");
        }
        long maxBatchBytes = s.longValue("max_batch_bytes", GMS_LIMIT_BYTES);
        if (maxBatchBytes < 1024 || maxBatchBytes > GMS_LIMIT_BYTES) {
            throw s.invalid(
                    "max_batch_bytes",
                    "must be between 1024 and " + GMS_LIMIT_BYTES + " (GMS refuses requests over about 16 MB)");
        }
        int maxInFlight = s.integer("max_in_flight", 8);
        if (maxInFlight < 1 || maxInFlight > 64) {
            throw s.invalid("max_in_flight", "must be between 1 and 64");
        }
        int retries = s.integer("retries", 5);
        if (retries < 0 || retries > 20) {
            throw s.invalid("retries", "must be between 0 and 20");
        }
        Duration timeout = s.duration("timeout", Duration.ofSeconds(30));
        if (timeout.isNegative() || timeout.isZero()) {
            throw s.invalid("timeout", "must be positive");
        }
        Duration backoff = s.duration("retry_backoff", Duration.ofMillis(250));
        String bootstrap = kafka.string("bootstrap", null);
        String registry = kafka.string("schema_registry_url", null);
        Map<String, String> producer = Map.of();
        if (kafka.raw("producer_config") instanceof Map<?, ?> m) {
            java.util.TreeMap<String, String> copy = new java.util.TreeMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), String.valueOf(v)));
            producer = copy;
        }
        if (transport == Transport.KAFKA) {
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new LumosException(
                        ErrorCode.CONFIG_INVALID,
                        s.scope() + ".kafka: 'bootstrap' is required with transport: kafka (e.g. broker:9092)");
            }
            if (registry == null || registry.isBlank()) {
                throw new LumosException(
                        ErrorCode.CONFIG_INVALID,
                        s.scope() + ".kafka: 'schema_registry_url' is required with transport: kafka: DataHub's"
                                + " Kafka emitter writes Avro through a schema registry (e.g. http://registry:8081)");
            }
        }
        Semantics semantics;
        try {
            semantics = Semantics.valueOf(s.string("semantics", "patch").strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw s.invalid(
                    "semantics",
                    "must be patch (add owners, tags and terms to what DataHub has) or overwrite (replace"
                            + " them), not '" + s.string("semantics", "") + "'");
        }
        Path deadLetter = s.has("dead_letter")
                ? context.resolve(s.string("dead_letter", null))
                : context.stateDirectory()
                        .resolve("dead-letters")
                        .resolve("datahub-"
                                + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                                        .withZone(java.time.ZoneOffset.UTC)
                                        .format(context.clock().instant())
                                + ".jsonl");
        return new DataHubSettings(
                server,
                token,
                transport,
                file,
                batchSize,
                maxBatchBytes,
                maxInFlight,
                retries,
                timeout,
                backoff,
                s.bool("disable_ssl_verification", false),
                bootstrap,
                registry,
                producer,
                deadLetter,
                semantics);
    }

    @Override
    public String toString() {
        return "DataHubSettings{server=" + server + ", token=" + (token == null ? "none" : "****") + ", transport="
                + transport.name().toLowerCase(Locale.ROOT) + ", file=" + file + ", batchSize=" + batchSize
                + ", maxBatchBytes=" + maxBatchBytes + ", maxInFlight=" + maxInFlight + ", retries=" + retries
                + ", timeout=" + timeout + ", disableSslVerification=" + disableSslVerification + ", kafkaBootstrap="
                + kafkaBootstrap + ", schemaRegistryUrl=" + schemaRegistryUrl + ", deadLetter=" + deadLetter
                + ", semantics="
                + semantics.name().toLowerCase(Locale.ROOT) + "}";
    }
}
