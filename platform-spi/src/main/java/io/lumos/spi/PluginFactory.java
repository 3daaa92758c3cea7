package io.lumos.spi;

import java.util.Set;

/** What every plugin factory has: a name users write in config, and the SPI it was built for. */
public interface PluginFactory {
    /** Bump only on an incompatible change of the SPI. */
    int SPI_VERSION = 1;

    /** The name users write: {@code platform: NAME} or {@code type: NAME}. */
    String name();

    /** Other names that select this factory (e.g. {@code postgresql} for {@code postgres}). */
    default Set<String> aliases() {
        return Set.of();
    }

    /** Inlined at the plugin's compile time, so it tells which SPI the plugin was built against. */
    default int spiVersion() {
        return SPI_VERSION;
    }

    /** One line for `lumos plugins`. */
    default String description() {
        return "";
    }

    /** The plugin's version, from its jar manifest when present. */
    default String version() {
        String v = getClass().getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * The settings keys this plugin reads; config with other keys is rejected with "did you mean".
     * Empty means the plugin takes no settings beyond {@code name} and {@code type}.
     */
    default Set<String> settingNames() {
        return Set.of();
    }
}
