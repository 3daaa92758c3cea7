package io.lumos.testing.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real Apache Kafka broker (3.9, KRaft, broker and controller in one node) for tests, in a child
 * JVM on its own class path: the broker's Scala and Jackson never meet the test's, and {@link
 * #kill()} takes it away the way a crash does (connections reset, the port refuses). 3.9 is the
 * newest broker that still accepts the kafka-clients 2.1 inside DataHub's client jar (4.x drops
 * the old request versions). Start one per test class: a start takes a few seconds.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *     kafka.createTopic("openlineage", 3);
 *     ... produce to kafka.bootstrapServers() ...
 *     List<KafkaBroker.Message> got = kafka.read("openlineage");
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    static {
        // the tests' own admin clients and consumers: only what goes wrong, where slf4j-simple binds
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    }

    private final Path dir;
    private final int port;
    private volatile Process process;
    private final Thread reaper;

    /** One message as a consumer reads it back. */
    // tests read its parts (valueAsString()); none compares two messages, whose value is raw bytes
    @SuppressWarnings("ArrayRecordComponent")
    public record Message(String topic, int partition, long offset, String key, byte[] value) {
        public String valueAsString() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private KafkaBroker(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.reaper = new Thread(() -> this.process.destroyForcibly(), "kafka-broker-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts a broker on free loopback ports and returns once it answers a client. */
    public static KafkaBroker start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("lumos-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = freePort();
        int controllerPort = freePort();
        configure(dir, port, controllerPort);
        KafkaBroker broker = new KafkaBroker(dir, port, launch(dir));
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The broker's own log (stdout and stderr), for a failing test's message. */
    public Path logFile() {
        return dir.resolve("broker.log");
    }

    /** Creates a topic with this many partitions (replication 1); an existing topic is left as it is. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not create topic " + name + " within 30 s", e);
        }
    }

    /** The topic names on the broker, internal ones left out. */
    public Set<String> topics() {
        try (Admin admin = Admin.create(clientProperties())) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not list topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Every message the topic holds now, from the first offset to the end offsets taken when the
     * call starts, in partition then offset order. A topic that does not exist reads as empty.
     */
    public List<Message> read(String topic) {
        return readFrom(topic, Map.of());
    }

    /** Where each partition of the topic ends now (partition to next offset): for {@link #readFrom}. */
    public Map<Integer, Long> endOffsets(String topic) {
        if (!topics().contains(topic)) {
            return Map.of();
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<Integer, Long> out = new HashMap<>();
            consumer.endOffsets(partitions(consumer, topic), Duration.ofSeconds(30))
                    .forEach((tp, offset) -> out.put(tp.partition(), offset));
            return out;
        }
    }

    /**
     * Like {@link #read}, from these offsets on (partition to offset, as {@link #endOffsets} answered
     * earlier; a partition not named is read from its start): what was written since.
     */
    public List<Message> readFrom(String topic, Map<Integer, Long> from) {
        if (!topics().contains(topic)) {
            return List.of();
        }
        List<Message> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (TopicPartition tp : partitions) {
                Long offset = from.get(tp.partition());
                if (offset != null) {
                    consumer.seek(tp, offset);
                }
            }
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end offsets " + end);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp)) {
                        out.add(new Message(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
                    }
                }
            }
        }
        out.sort(Comparator.comparingInt(Message::partition).thenComparingLong(Message::offset));
        return out;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "lumos-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .toList();
    }

    /**
     * Starts a killed broker again on the same ports with the data it had (what it acknowledged
     * survives a kill), and returns once it answers a client.
     */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker is running; kill() it first");
        }
        process = launch(dir);
        awaitReady();
    }

    /** Takes the broker away the way a crash does (SIGKILL), and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the broker and deletes its data. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is not worth failing a test for
        }
    }

    private Properties clientProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return p;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        // first the port, quietly: a client logs a warning for every refused connection
        while (!accepts(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the Kafka broker exited with " + process.exitValue() + ": " + tail(logFile()));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the Kafka broker did not listen within " + START_TIMEOUT + ": " + tail(logFile()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        Properties p = clientProperties();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "100");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        try (Admin admin = Admin.create(p)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "the Kafka broker exited with " + process.exitValue() + ": " + tail(logFile()));
                }
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(2, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not up yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the Kafka broker did not start within " + START_TIMEOUT + ": " + tail(logFile()));
                }
            }
        }
    }

    private static void configure(Path dir, int port, int controllerPort) {
        try {
            Path logs = dir.resolve("data");
            Files.createDirectories(logs);
            // what `kafka-storage.sh format` writes; without a bootstrap checkpoint the broker
            // bootstraps with the newest production metadata version
            String clusterId = clusterId();
            Files.writeString(
                    logs.resolve("meta.properties"),
                    "version=1\ncluster.id=%s\nnode.id=1\ndirectory.id=%s\n".formatted(clusterId, clusterId()));
            Path config = dir.resolve("server.properties");
            Files.writeString(
                    config,
                    String.join(
                                    "\n",
                                    "process.roles=broker,controller",
                                    "node.id=1",
                                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:"
                                            + controllerPort,
                                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                                    "controller.listener.names=CONTROLLER",
                                    "inter.broker.listener.name=PLAINTEXT",
                                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                                    "log.dirs="
                                            + logs.toAbsolutePath().toString().replace("\\", "/"),
                                    "num.partitions=1",
                                    "auto.create.topics.enable=true",
                                    "offsets.topic.replication.factor=1",
                                    "offsets.topic.num.partitions=1",
                                    "transaction.state.log.replication.factor=1",
                                    "transaction.state.log.min.isr=1",
                                    "group.initial.rebalance.delay.ms=0",
                                    "")
                            .replace("\\", "/"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not configure the Kafka broker", e);
        }
    }

    private static Process launch(Path dir) {
        try {
            Path config = dir.resolve("server.properties");
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Djava.awt.headless=true",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-cp",
                    brokerClassPath(),
                    "kafka.Kafka",
                    config.toString());
            return new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("broker.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker", e);
        }
    }

    /** Written by this module's build (maven-dependency-plugin build-classpath). */
    private static String brokerClassPath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("broker.classpath is missing: build lumos-test-support with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String clusterId() {
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
