import io.lumos.testing.kafka.KafkaBroker;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The benchmark's broker: starts the test-support {@link KafkaBroker} (a child JVM, Kafka 3.9.1),
 * creates TOPIC with PARTITIONS partitions, sends every line of EVENTS.jsonl to it (keyed by the
 * event's job name, so a run's START and COMPLETE share a partition and keep their order), writes
 * the bootstrap servers to DIR/bootstrap, then serves until DIR/stop exists.
 *
 * <p>Usage: {@code java -cp TEST_SUPPORT_CLASSPATH Broker.java DIR TOPIC PARTITIONS EVENTS.jsonl}
 */
public final class Broker {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String topic = args[1];
        int partitions = Integer.parseInt(args[2]);
        Path events = Path.of(args[3]);
        try (KafkaBroker kafka = KafkaBroker.start()) {
            kafka.createTopic(topic, partitions);
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            p.put("linger.ms", "20");
            p.put("batch.size", "1048576");
            p.put("compression.type", "lz4");
            p.put("max.request.size", "4194304");
            long n = 0;
            long start = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> producer =
                            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
                    BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    int at = line.indexOf("\"job\"");
                    int name = at < 0 ? -1 : line.indexOf("\"name\"", at);
                    String key = name < 0 ? "none" : line.substring(name, Math.min(line.length(), name + 60));
                    producer.send(new ProducerRecord<>(
                            topic, key.getBytes(StandardCharsets.UTF_8), line.getBytes(StandardCharsets.UTF_8)));
                    n++;
                }
                producer.flush();
            }
            System.err.printf("broker: %d events sent to %s (%d partitions) in %.1f s%n",
                    n, topic, partitions, (System.nanoTime() - start) / 1e9);
            Files.writeString(dir.resolve("bootstrap"), kafka.bootstrapServers());
            while (!Files.exists(dir.resolve("stop"))) {
                Thread.sleep(200);
            }
        }
    }
}
