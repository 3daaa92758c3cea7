package io.lumos.cli;

import io.lumos.cli.config.ConfigLoader;
import io.lumos.cli.config.LumosConfig;
import io.lumos.cli.plugin.PluginPrefetch;
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
    private CatalogAdapter reader;
    private List<CatalogAdapter> existing;
    private PluginContext context;
    private PluginPrefetch prefetch;

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
            List<Path> roots =
                    PluginRegistry.defaultRoots(System.getProperty("lumos.home"), env.get("LUMOS_PLUGIN_PATH"));
            registry = prefetch != null && prefetch.covers(roots)
                    ? prefetch.take(reporter::warn)
                    : PluginRegistry.load(roots, reporter::warn);
            prefetch = null;
        }
        return registry;
    }

    /** The plugins a second thread started loading for this session's first step. */
    synchronized void prefetched(PluginPrefetch loading) {
        this.prefetch = loading;
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
                    // catalogs read no files: a catalogs-only session loads no format plugins for them
                    registry == null && catalogRegistry != null
                            ? List.of()
                            : plugins().all(FileFormatReader.class),
                    reporter);
        }
        return context;
    }

    /**
     * The catalogs, opening no plugin but theirs when nothing has loaded the plugins yet: for
     * commands that only write to catalogs ({@code lumos run}), whose start-up is part of every
     * wrapped command's time. The plugin folders are named after their platform; a catalog found
     * nowhere else still falls back to every plugin.
     */
    public synchronized List<CatalogAdapter> catalogsOnly() {
        if (catalogs == null && registry == null && options.config() == null) {
            Set<String> wanted = new HashSet<>();
            for (String name : platformNames()) {
                wanted.add(name.strip().toLowerCase(java.util.Locale.ROOT));
            }
            catalogRegistry = PluginRegistry.loadOnly(
                    PluginRegistry.defaultRoots(System.getProperty("lumos.home"), env.get("LUMOS_PLUGIN_PATH")),
                    wanted::contains);
        }
        return catalogs();
    }

    private PluginRegistry catalogRegistry;

    private List<String> platformNames() {
        return options.platform() != null ? List.of(options.platform().split(",")) : config().platforms();
    }

    private CatalogAdapterFactory catalogFactory(String name) {
        if (registry == null && catalogRegistry != null) {
            java.util.Optional<CatalogAdapterFactory> found = catalogRegistry.find(CatalogAdapterFactory.class, name);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return plugins().require(CatalogAdapterFactory.class, name, "platform");
    }

    /** The catalogs this session writes to: --platform, else the config's platform list. */
    public synchronized List<CatalogAdapter> catalogs() {
        if (catalogs == null) {
            catalogs = openEach(
                    name -> java.util.Optional.of(factory(name).create(catalogSettings(name), pluginContext())));
        }
        return catalogs;
    }

    /** Each configured catalog, once, as {@code open} opens it (empty: left out); all closed if one fails. */
    private List<CatalogAdapter> openEach(
            java.util.function.Function<String, java.util.Optional<CatalogAdapter>> open) {
        List<CatalogAdapter> opened = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            for (String raw : platformNames()) {
                String name = raw.strip();
                if (seen.add(name)) {
                    open.apply(name).ifPresent(opened::add);
                }
            }
        } catch (RuntimeException e) {
            opened.forEach(CatalogAdapter::close);
            throw e;
        }
        return opened;
    }

    /** The factory; its settings are checked as it binds them (io.lumos.spi.SettingsBinder). */
    private CatalogAdapterFactory factory(String name) {
        return catalogFactory(name);
    }

    /**
     * The catalog read commands use: the first configured, opened so that a read never creates it.
     * A catalog named on purpose (--catalog-path, platforms.local.path) that is not there is a user
     * error; the default one not there yet is an empty catalog, with a hint to run `lumos ingest`.
     */
    public synchronized CatalogAdapter catalog() {
        if (catalogs != null) {
            return catalogs.get(0);
        }
        if (reader == null) {
            String name = platformNames().get(0).strip();
            CatalogAdapterFactory factory = factory(name);
            Settings settings = catalogSettings(name);
            reader = factory.openExisting(settings, pluginContext()).orElseGet(() -> absent(factory, name, settings));
        }
        return reader;
    }

    /**
     * The configured catalogs that exist, opened as read commands open them: nothing is created
     * and nothing written (a local catalog is opened read-only). For {@code ingest --dry-run},
     * which reads what is stored to show what an ingest would change; a catalog not there yet is
     * left out, as an empty one would answer the same.
     */
    public synchronized List<CatalogAdapter> existingCatalogs() {
        if (catalogs != null) {
            return catalogs;
        }
        if (existing == null) {
            existing = openEach(name -> factory(name).openExisting(catalogSettings(name), pluginContext()));
        }
        return existing;
    }

    private CatalogAdapter absent(CatalogAdapterFactory factory, String name, Settings settings) {
        if (!"local".equals(name)) {
            throw new LumosException(
                    ErrorCode.USAGE,
                    "the " + name + " catalog does not exist (" + settings + "); check platforms." + name);
        }
        Object path = settings.asMap().get("path");
        if (options.catalogPath() != null) {
            throw new LumosException(
                    ErrorCode.USAGE,
                    "no catalog at " + path + "; check --catalog-path, or run `lumos ingest` to make one there");
        }
        if (config().platformSettings(name).has("path")) {
            throw new LumosException(
                    ErrorCode.USAGE,
                    "no catalog at " + path + "; check platforms.local.path in " + config().file()
                            + ", or run `lumos ingest` to make one there");
        }
        if (!options.quiet()) {
            reporter.warn("no catalog yet at " + workingDirectory.relativize(Path.of(path.toString()))
                    + ", so there is nothing to show; `lumos ingest -c CONFIG` makes one");
        }
        // An empty catalog in memory: every read answers as from a new catalog, and nothing is written.
        Map<String, Object> values = new LinkedHashMap<>(settings.asMap());
        values.put("path", ":memory:");
        return factory.create(new Settings(settings.scope(), values, Map.of()), pluginContext());
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

    /**
     * Closes the catalogs; the first failure wins. Nothing is flushed here: an adapter that buffers
     * (DataHub, Marquez) sends what it still holds in its own {@code close()}.
     */
    @Override
    public synchronized void close() {
        List<CatalogAdapter> open = new ArrayList<>();
        if (catalogs != null) {
            open.addAll(catalogs);
        }
        if (reader != null) {
            open.add(reader);
        }
        if (existing != null) {
            open.addAll(existing);
        }
        RuntimeException failure = null;
        for (CatalogAdapter c : open) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        catalogs = null;
        reader = null;
        existing = null;
        if (failure != null) {
            throw failure;
        }
    }
}
