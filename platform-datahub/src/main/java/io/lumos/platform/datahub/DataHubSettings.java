package io.lumos.platform.datahub;

import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Setting;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
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
    /** The keys as written under {@code platforms.datahub}, with their defaults. */
    record Keys(
            @Setting(name = "server") String server,
            @Setting(name = "token", secret = true) String token,
            @Setting(name = "transport", fallback = "rest") String transport,
            @Setting(name = "file") String file,
            @Setting(name = "batch_size", fallback = "100") int batchSize,
            @Setting(name = "max_batch_bytes", fallback = "" + GMS_LIMIT_BYTES) long maxBatchBytes,
            @Setting(name = "max_in_flight", fallback = "8") int maxInFlight,
            @Setting(name = "retries", fallback = "5") int retries,
            @Setting(name = "timeout", fallback = "30s") Duration timeout,
            @Setting(name = "retry_backoff", fallback = "250ms") Duration retryBackoff,
            @Setting(name = "disable_ssl_verification", fallback = "false") boolean disableSslVerification,
            @Setting(name = "kafka") KafkaKeys kafka,
            @Setting(name = "dead_letter") String deadLetter,
            @Setting(name = "semantics", fallback = "patch") String semantics) {
        @Override
        public String toString() {
            return SettingsBinder.describe(this);
        }
    }

    /** {@code platforms.datahub.kafka}. */
    record KafkaKeys(
            @Setting(name = "bootstrap") String bootstrap,
            @Setting(name = "schema_registry_url") String schemaRegistryUrl,
            @Setting(name = "producer_config") Map<String, String> producerConfig) {}

    static final Set<String> KEYS = SettingsBinder.keys(Keys.class);

    static DataHubSettings from(Settings s, PluginContext context) {
        Keys k = SettingsBinder.bind(Keys.class, s);
        Transport transport = transport(s, k.transport());
        URI server = server(
                s, k.server() != null ? k.server() : transport == Transport.REST ? "http://localhost:8080" : null);
        String token = k.token();
        if (token != null && token.isBlank()) {
            token = null;
        }
        Path file = null;
        if (transport == Transport.FILE) {
            file = context.resolve(s.require("file"));
        } else if (s.has("file")) {
            throw s.invalid("file", "is only read with transport: file");
        }
        checkLimits(s, k);
        String bootstrap = k.kafka().bootstrap();
        String registry = k.kafka().schemaRegistryUrl();
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
            semantics = Semantics.valueOf(k.semantics().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw s.invalid(
                    "semantics",
                    "must be patch (add owners, tags and terms to what DataHub has) or overwrite (replace"
                            + " them), not '" + k.semantics() + "'");
        }
        Path deadLetter = k.deadLetter() != null
                ? context.resolve(k.deadLetter())
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
                k.batchSize(),
                k.maxBatchBytes(),
                k.maxInFlight(),
                k.retries(),
                k.timeout(),
                k.retryBackoff(),
                k.disableSslVerification(),
                bootstrap,
                registry,
                new java.util.TreeMap<>(k.kafka().producerConfig()),
                deadLetter,
                semantics);
    }

    private static Transport transport(Settings s, String text) {
        try {
            return Transport.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw s.invalid("transport", "must be rest, file or kafka, not '" + text + "'");
        }
    }

    private static URI server(Settings s, String serverText) {
        if (serverText == null) {
            return null;
        }
        URI server;
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
        return server;
    }

    private static void checkLimits(Settings s, Keys k) {
        if (k.batchSize() < 1 || k.batchSize() > 10_000) {
            throw s.invalid("batch_size", "must be between 1 and 10000");
        }
        if (k.maxBatchBytes() < 1024 || k.maxBatchBytes() > GMS_LIMIT_BYTES) {
            throw s.invalid(
                    "max_batch_bytes",
                    "must be between 1024 and " + GMS_LIMIT_BYTES + " (GMS refuses requests over about 16 MB)");
        }
        if (k.maxInFlight() < 1 || k.maxInFlight() > 64) {
            throw s.invalid("max_in_flight", "must be between 1 and 64");
        }
        if (k.retries() < 0 || k.retries() > 20) {
            throw s.invalid("retries", "must be between 0 and 20");
        }
        if (k.timeout().isNegative() || k.timeout().isZero()) {
            throw s.invalid("timeout", "must be positive");
        }
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
