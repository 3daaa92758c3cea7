package io.lumos.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The build writes {@code lumos.spi.version} into every plugin jar as {@code Lumos-SPI-Version}, and
 * the loader compares it with {@link PluginFactory#SPI_VERSION}: the two must move together.
 */
class SpiVersionTest {
    @Test
    void thePomsSpiVersionIsTheInterfacesOne() throws IOException {
        Properties p = new Properties();
        try (InputStream in = SpiVersionTest.class.getResourceAsStream("spi-version.properties")) {
            assertThat(in).isNotNull();
            p.load(in);
        }
        assertThat(p.getProperty("lumos.spi.version"))
                .as("lumos.spi.version in the parent pom")
                .isEqualTo(String.valueOf(PluginFactory.SPI_VERSION));
    }
}
