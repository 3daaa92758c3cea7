package io.lumos.platform.datahub;

import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.contract.CatalogAdapterContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SPI contract against the fake GMS: what the adapter writes it must read back. */
class DataHubContractTest extends CatalogAdapterContractTest {
    private static FakeGms gms;

    @BeforeAll
    static void start() throws Exception {
        gms = new FakeGms();
    }

    @AfterAll
    static void stop() {
        gms.close();
    }

    @Override
    protected CatalogAdapter openAdapter(Path dir) {
        gms.reset();
        return Adapters.open(dir, Adapters.rest(gms));
    }
}
