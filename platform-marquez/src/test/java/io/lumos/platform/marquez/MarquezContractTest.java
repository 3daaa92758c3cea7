package io.lumos.platform.marquez;

import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.contract.CatalogAdapterContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SPI contract against the in-process Marquez fake, which applies events with Marquez's quirks. */
class MarquezContractTest extends CatalogAdapterContractTest {
    static FakeMarquez fake;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeMarquez();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Override
    protected CatalogAdapter openAdapter(Path dir) {
        fake.reset();
        return new Adapters().open(Adapters.httpSettings(fake, dir), dir);
    }
}
