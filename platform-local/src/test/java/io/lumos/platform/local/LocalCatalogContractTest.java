package io.lumos.platform.local;

import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.spi.contract.CatalogAdapterContractTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class LocalCatalogContractTest extends CatalogAdapterContractTest {
    @Override
    protected CatalogAdapter openAdapter(Path dir) {
        return open(dir);
    }

    @Override
    protected CatalogAdapter reopen(CatalogAdapter current, Path dir) {
        current.close();
        return open(dir);
    }

    private static CatalogAdapter open(Path dir) {
        return new LocalCatalogFactory()
                .create(
                        Settings.of(
                                "platforms.local",
                                Map.of("path", dir.resolve("catalog.db").toString())),
                        PluginContext.basic(dir, List.of()));
    }
}
