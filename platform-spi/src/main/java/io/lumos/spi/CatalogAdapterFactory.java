package io.lumos.spi;

import java.util.Set;

/** Makes catalog adapters; found by {@link java.util.ServiceLoader} in each plugin's class loader. */
public interface CatalogAdapterFactory extends PluginFactory {
    Set<Capability> capabilities();

    /** Opens the catalog. Settings come from {@code platforms.<name>} in the config. */
    CatalogAdapter create(Settings settings, PluginContext context);
}
