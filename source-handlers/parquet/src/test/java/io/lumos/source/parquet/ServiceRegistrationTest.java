package io.lumos.source.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.spi.file.FileFormatReader;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {
    @Test
    void theReaderIsFoundByServiceLoaderAndChosenByExtension() {
        List<FileFormatReader> readers = ServiceLoader.load(FileFormatReader.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        assertThat(readers).extracting(FileFormatReader::name).contains("parquet");
        assertThat(FileFormatReader.find(readers, "s3://b/dt=2024-01-01/part-0.PARQUET"))
                .get()
                .isInstanceOf(ParquetFormatReader.class);
        assertThat(FileFormatReader.find(readers, "x.parq")).get().isInstanceOf(ParquetFormatReader.class);
    }
}
