package io.lumos.platform.local;

import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.CatalogAdapterFactory;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
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
        return SettingsBinder.keys(LocalSettings.class);
    }

    @Override
    public CatalogAdapter create(Settings settings, PluginContext context) {
        LocalSettings local = SettingsBinder.bind(LocalSettings.class, settings);
        return new LocalCatalog(path(local, context), local.busyTimeout(), context.clock());
    }

    /** The catalog file when it exists, opened read-only; empty, with nothing created, when it does not. */
    @Override
    public Optional<CatalogAdapter> openExisting(Settings settings, PluginContext context) {
        LocalSettings local = SettingsBinder.bind(LocalSettings.class, settings);
        Path path = path(local, context);
        if (path.toString().equals(LocalCatalog.IN_MEMORY)) {
            return Optional.of(new LocalCatalog(path, local.busyTimeout(), context.clock()));
        }
        return LocalCatalog.openExisting(path, local.busyTimeout(), context.clock())
                .map(CatalogAdapter.class::cast);
    }

    /** {@code path: ":memory:"} is an empty catalog that lives as long as the process. */
    private static Path path(LocalSettings local, PluginContext context) {
        String path = local.path();
        return path.equals(LocalCatalog.IN_MEMORY) ? Path.of(path) : context.resolve(path);
    }
}
