package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datahub.client.kafka.AvroSerializer;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka transport without a broker: config validation, construction, the Avro form of our
 * proposals (what the client's serializer puts on MetadataChangeProposal_v1), and that a send to
 * a broker that is not there ends in the dead-letter file instead of hanging. Delivery to a real
 * broker is {@link DataHubKafkaIT}.
 */
class DataHubKafkaTransportTest {
    @TempDir
    Path dir;

    @Test
    void kafkaNeedsBootstrapAndASchemaRegistry() {
        assertThatThrownBy(() -> DataHubSettings.from(
                        Settings.of(
                                "platforms.datahub",
                                Map.of("transport", "kafka", "kafka", Map.of("bootstrap", "b:9092"))),
                        Adapters.context(dir)))
                .isInstanceOf(LumosException.class)
                .hasMessageContaining("schema_registry_url")
                .matches(e -> ((LumosException) e).code() == ErrorCode.CONFIG_INVALID);
        assertThatThrownBy(() -> DataHubSettings.from(
                        Settings.of("platforms.datahub", Map.of("transport", "kafka")), Adapters.context(dir)))
                .hasMessageContaining("'bootstrap' is required");
    }

    @Test
    void proposalsSerialiseToTheAvroRecordOfTheTopic() throws Exception {
        AvroSerializer avro = new AvroSerializer();
        for (DatasetMapping.Aspect a : new DatasetMapping(new com.fasterxml.jackson.databind.ObjectMapper())
                .aspects(DataHubWriteTest.orders())) {
            Proposal p = Proposal.upsert("dataset", a.urn(), a.name(), a.value());
            GenericRecord r = avro.serialize(p.mcp());
            assertThat(r.get("entityUrn").toString()).isEqualTo(DataHubWriteTest.ORDERS.urn());
            assertThat(r.get("aspectName").toString()).isEqualTo(a.name());
            GenericRecord aspect = (GenericRecord) r.get("aspect");
            ByteBuffer value = (ByteBuffer) aspect.get("value");
            assertThat(StandardCharsets.UTF_8.decode(value).toString()).isEqualTo(p.aspectJson());
        }
    }

    @Test
    void aMissingBrokerEndsInTheDeadLetterFile() {
        Map<String, Object> settings = Map.of(
                "transport",
                "kafka",
                "timeout",
                "300ms",
                "retries",
                0,
                "kafka",
                Map.of("bootstrap", "127.0.0.1:1", "schema_registry_url", "http://127.0.0.1:1"));
        Path letters;
        try (CatalogAdapter a = Adapters.open(dir, settings)) {
            a.writeDatasets(List.of(DataHubWriteTest.flat(DataHubWriteTest.DAILY, 1)));
            a.flush();
            assertThat(a.report().sent()).isZero();
            assertThat(a.report().failed()).isEqualTo(5);
            letters = a.report().deadLetterFile();
        }
        assertThat(DeadLetterFile.read(letters)).hasSize(5);
    }
}
