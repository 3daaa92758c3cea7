package io.lumos.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
    @Test
    void messagesGoInComeBackOutAndSurviveAKill() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start()) {
            kafka.createTopic("t", 3);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("t", "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            List<KafkaBroker.Message> got = kafka.read("t");
            assertThat(got).hasSize(10);
            assertThat(got.stream().map(KafkaBroker.Message::valueAsString))
                    .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
            assertThat(got.stream().map(KafkaBroker.Message::partition).distinct())
                    .hasSizeGreaterThan(1);
            assertThat(kafka.read("absent")).isEmpty();

            kafka.kill();
            assertThat(kafka.isRunning()).isFalse();
            String[] hostPort = kafka.bootstrapServers().split(":");
            assertThatThrownBy(() -> {
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
                        }
                    })
                    .isInstanceOf(IOException.class);

            kafka.restart();
            assertThat(kafka.read("t")).hasSize(10);
        }
    }
}
