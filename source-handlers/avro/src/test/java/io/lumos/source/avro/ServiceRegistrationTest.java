package io.lumos.source.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.spi.file.FileFormatReader;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {
    @Test
    void bothReadersAreFoundByServiceLoaderAndChosenByExtension() {
        List<FileFormatReader> readers = ServiceLoader.load(FileFormatReader.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        assertThat(readers).extracting(FileFormatReader::name).contains("avro", "avsc");
        assertThat(FileFormatReader.find(readers, "events/part-0.avro")).get().isInstanceOf(AvroFormatReader.class);
        FileFormatReader avsc =
                FileFormatReader.find(readers, "schemas/Order.avsc").orElseThrow();
        assertThat(avsc).isInstanceOf(AvscFormatReader.class);
        assertThat(avsc.subtype()).isEqualTo("schema");
    }
}
