package io.lumos.spi;

import java.util.Set;

/** What every plugin factory has: a name users write in config, and the SPI it was built for. */
public interface PluginFactory {
    /**
     * Bump only on an incompatible change of the SPI, together with {@code lumos.spi.version} in the
     * parent pom. A plugin's build writes the version it was built against into its jar manifest as
     * {@value #MANIFEST_ATTRIBUTE}; the loader reads it there, before running any plugin code (a
     * method here would run from the core's copy of this interface and always answer the core's
     * version).
     */
    int SPI_VERSION = 1;

    /** The jar manifest attribute that names the SPI version a plugin was built against. */
    String MANIFEST_ATTRIBUTE = "Lumos-SPI-Version";

    /** The name users write: {@code platform: NAME} or {@code type: NAME}. */
    String name();

    /** Other names that select this factory (e.g. {@code postgresql} for {@code postgres}). */
    default Set<String> aliases() {
        return Set.of();
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
     * The settings keys this plugin reads, for `lumos plugins` and for checking a source's keys as
     * the config is loaded: {@code SettingsBinder.keys(TheSettingsRecord.class)}, so that the keys
     * are declared once, where {@link SettingsBinder#bind} rejects others with "did you mean".
     * Empty means the keys are not checked before the plugin reads them.
     */
    default Set<String> settingNames() {
        return Set.of();
    }
}
