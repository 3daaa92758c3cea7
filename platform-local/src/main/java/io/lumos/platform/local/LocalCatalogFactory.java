package io.lumos.platform.local;

import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.CatalogAdapterFactory;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** The embedded catalog: one SQLite file, the default platform. */
public final class LocalCatalogFactory implements CatalogAdapterFactory {
    static final Set<Capability> CAPABILITIES = EnumSet.allOf(Capability.class);

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String description() {
        return "embedded catalog in a SQLite file (.lumos/catalog.db)";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> settingNames() {
        return Set.of("path", "busy_timeout");
    }

    @Override
    public CatalogAdapter create(Settings settings, PluginContext context) {
        Path path = context.resolve(settings.string("path", ".lumos/catalog.db"));
        Duration busy = settings.duration("busy_timeout", Duration.ofSeconds(30));
        return new LocalCatalog(path, busy, context.clock());
    }
}
