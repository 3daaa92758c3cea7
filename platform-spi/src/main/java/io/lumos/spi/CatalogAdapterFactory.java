package io.lumos.spi;

import java.util.Optional;
import java.util.Set;

/** Makes catalog adapters; found by {@link java.util.ServiceLoader} in each plugin's class loader. */
public interface CatalogAdapterFactory extends PluginFactory {
    Set<Capability> capabilities();

    /** Opens the catalog. Settings come from {@code platforms.<name>} in the config. */
    CatalogAdapter create(Settings settings, PluginContext context);

    /**
     * Opens the catalog for a read command, which must never create one: empty when the catalog
     * these settings name does not exist (nothing is created, no folder either). Catalogs that are
     * servers exist or fail to connect, so the default opens as {@link #create} does.
     */
    default Optional<CatalogAdapter> openExisting(Settings settings, PluginContext context) {
        return Optional.of(create(settings, context));
    }
}
