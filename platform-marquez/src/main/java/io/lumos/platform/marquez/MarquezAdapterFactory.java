package io.lumos.platform.marquez;

import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.CatalogAdapterFactory;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.util.EnumSet;
import java.util.Set;

/** {@code platform: marquez}: Marquez over OpenLineage (http, file, console or kafka). */
public final class MarquezAdapterFactory implements CatalogAdapterFactory {
    @Override
    public String name() {
        return MarquezAdapter.NAME;
    }

    @Override
    public String description() {
        return "Marquez over OpenLineage: datasets, versions, lineage to the column, pipeline runs";
    }

    /** The most an adapter can do; reads need {@code url}, owners and deletes need transport http. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(
                Capability.WRITE,
                Capability.LINEAGE,
                Capability.COLUMN_LINEAGE,
                Capability.OWNERSHIP,
                Capability.VERSIONS,
                Capability.READ,
                Capability.SEARCH,
                Capability.LINEAGE_READ,
                Capability.EXPORT,
                Capability.DELETE,
                Capability.RUNS,
                Capability.ASSERTION_EVENTS);
    }

    @Override
    public Set<String> settingNames() {
        return MarquezSettings.KEYS;
    }

    @Override
    public CatalogAdapter create(Settings settings, PluginContext context) {
        return new MarquezAdapter(MarquezSettings.from(settings, context), context, System.out);
    }
}
