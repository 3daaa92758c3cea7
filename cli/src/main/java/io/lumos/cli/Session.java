package io.lumos.cli;

import io.lumos.cli.config.ConfigLoader;
import io.lumos.cli.config.LumosConfig;
import io.lumos.cli.plugin.PluginRegistry;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.CatalogAdapterFactory;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.spi.SourceHandlerFactory;
import io.lumos.spi.file.FileFormatReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the steps of one chain share: the config, the plugins and the open catalogs. Everything is
 * opened on first use, so `lumos --help` loads nothing.
 */
public final class Session implements AutoCloseable {
    private final GlobalOptions.Effective options;
    private final Path workingDirectory;
    private final Map<String, String> env;
    private final ConsoleReporter reporter;
    private final Clock clock;
    private PluginRegistry registry;
    private LumosConfig config;
    private List<CatalogAdapter> catalogs;
    private PluginContext context;

    public Session(
            GlobalOptions.Effective options,
            Path workingDirectory,
            Map<String, String> env,
            ConsoleReporter reporter,
            Clock clock) {
        this.options = options;
        this.workingDirectory = workingDirectory;
        this.env = env;
        this.reporter = reporter;
        this.clock = clock;
    }

    public GlobalOptions.Effective options() {
        return options;
    }

    public ConsoleReporter reporter() {
        return reporter;
    }

    public Map<String, String> env() {
        return env;
    }

    public Clock clock() {
        return clock;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public synchronized PluginRegistry plugins() {
        if (registry == null) {
            // problems are told as they are found: a broken plugin of a kind this command does not
            // use is not even opened
            registry = PluginRegistry.load(
                    PluginRegistry.defaultRoots(System.getProperty("lumos.home"), env.get("LUMOS_PLUGIN_PATH")),
                    reporter::warn);
        }
        return registry;
    }

    public synchronized LumosConfig config() {
        if (config == null) {
            if (options.config() == null) {
                config = LumosConfig.defaults(workingDirectory);
            } else {
                PluginRegistry plugins = plugins();
                Path file = workingDirectory.resolve(options.config()).normalize();
                config = new ConfigLoader(env)
                        .sourceTypes(plugins.names(SourceHandlerFactory.class))
                        .load(file, plugins.names(CatalogAdapterFactory.class), type -> plugins.find(
                                        SourceHandlerFactory.class, type)
                                .map(SourceHandlerFactory::settingNames)
                                .orElse(null));
            }
        }
        return config;
    }

    /** The ENV part of dataset ids. */
    public String environment() {
        return config().environment();
    }

    public synchronized PluginContext pluginContext() {
        if (context == null) {
            LumosConfig c = config();
            context = new PluginContext(
                    c.baseDirectory(),
                    workingDirectory.resolve(".lumos"),
                    c.environment(),
                    clock,
                    env,
                    plugins().all(FileFormatReader.class),
                    reporter);
        }
        return context;
    }

    /** The catalogs this session writes to: --platform, else the config's platform list. */
    public synchronized List<CatalogAdapter> catalogs() {
        if (catalogs == null) {
            List<String> names =
                    options.platform() != null ? List.of(options.platform().split(",")) : config().platforms();
            List<CatalogAdapter> opened = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            try {
                for (String raw : names) {
                    String name = raw.strip();
                    if (!seen.add(name)) {
                        continue;
                    }
                    CatalogAdapterFactory factory = plugins().require(CatalogAdapterFactory.class, name, "platform");
                    Settings settings = catalogSettings(name);
                    if (!factory.settingNames().isEmpty()) {
                        List<String> problems = settings.unknownKeys(factory.settingNames());
                        if (!problems.isEmpty()) {
                            throw new LumosException(ErrorCode.CONFIG_INVALID, String.join("; ", problems));
                        }
                    }
                    opened.add(factory.create(settings, pluginContext()));
                }
            } catch (RuntimeException e) {
                opened.forEach(CatalogAdapter::close);
                throw e;
            }
            catalogs = opened;
        }
        return catalogs;
    }

    /** The catalog read commands use: the first configured. */
    public CatalogAdapter catalog() {
        return catalogs().get(0);
    }

    private Settings catalogSettings(String name) {
        Settings configured = config().platformSettings(name);
        if (!"local".equals(name)) {
            return configured;
        }
        // The local catalog's file: --catalog-path, then platforms.local.path, then .lumos/catalog.db.
        Map<String, Object> values = new LinkedHashMap<>(configured.asMap());
        if (options.catalogPath() != null) {
            values.put("path", workingDirectory.resolve(options.catalogPath()).toString());
        } else if (values.get("path") != null) {
            values.put(
                    "path",
                    config().baseDirectory()
                            .resolve(values.get("path").toString())
                            .toString());
        } else {
            values.put("path", workingDirectory.resolve(".lumos/catalog.db").toString());
        }
        return new Settings(configured.scope(), values, Map.of());
    }

    /** Flushes and closes the catalogs; the first failure wins. */
    @Override
    public synchronized void close() {
        if (catalogs == null) {
            return;
        }
        RuntimeException failure = null;
        for (CatalogAdapter c : catalogs) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        catalogs = null;
        if (failure != null) {
            throw failure;
        }
    }
}
