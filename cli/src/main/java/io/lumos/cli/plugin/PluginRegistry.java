package io.lumos.cli.plugin;

import io.lumos.spi.CatalogAdapterFactory;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.ExporterFactory;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginFactory;
import io.lumos.spi.SourceHandlerFactory;
import io.lumos.spi.file.FileFormatReader;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every plugin found: on the class path (tests, embedding) and in plugin folders (the
 * distribution's {@code plugins/<name>/}, and each folder named by {@code LUMOS_PLUGIN_PATH}). Each
 * folder gets its own class loader. A broken jar is named, not fatal; a duplicate name and an SPI
 * version mismatch are rejected with a message that says what to do.
 */
public final class PluginRegistry {
    /** The kinds of plugin, each an SPI interface. */
    public static final List<Class<? extends PluginFactory>> KINDS = new ArrayList<>(List.of(
            CatalogAdapterFactory.class,
            SourceHandlerFactory.class,
            FileFormatReader.class,
            ExporterFactory.class,
            io.lumos.spi.report.DiffReportWriter.class));

    private final Map<Class<?>, Map<String, Found<?>>> byKind = new LinkedHashMap<>();
    private final Map<Class<?>, Map<String, String>> conflicts = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final java.util.Set<Path> warnedWritable = new java.util.HashSet<>();

    /** A plugin factory and where it came from. */
    public record Found<T extends PluginFactory>(T factory, String kind, String origin) {}

    private PluginRegistry() {
        for (Class<?> kind : KINDS) {
            byKind.put(kind, new LinkedHashMap<>());
            conflicts.put(kind, new LinkedHashMap<>());
        }
    }

    /** Registers an extra plugin kind (an SPI interface added later), before {@link #load}. */
    public static void addKind(Class<? extends PluginFactory> kind) {
        if (!KINDS.contains(kind)) {
            KINDS.add(kind);
        }
    }

    public static PluginRegistry load(List<Path> pluginRoots) {
        return load(pluginRoots, folder -> true);
    }

    /**
     * The class path and only the plugin folders whose name {@code folders} accepts: a command that
     * needs one catalog ({@code lumos run}) opens no other plugin's jars.
     */
    public static PluginRegistry load(List<Path> pluginRoots, java.util.function.Predicate<String> folders) {
        PluginRegistry registry = new PluginRegistry();
        registry.folderFilter = folders;
        registry.loadFrom(PluginRegistry.class.getClassLoader(), "classpath");
        for (Path root : pluginRoots) {
            registry.loadRoot(root);
        }
        return registry;
    }

    private java.util.function.Predicate<String> folderFilter = folder -> true;

    /** The plugin roots: {@code <home>/plugins} and every entry of LUMOS_PLUGIN_PATH. */
    public static List<Path> defaultRoots(String home, String pluginPath) {
        List<Path> roots = new ArrayList<>();
        if (home != null && !home.isBlank()) {
            roots.add(Path.of(home, "plugins"));
        }
        if (pluginPath != null && !pluginPath.isBlank()) {
            for (String entry : pluginPath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    roots.add(Path.of(entry.strip()));
                }
            }
        }
        return roots;
    }

    private void loadRoot(Path root) {
        if (!Files.isDirectory(root)) {
            problems.add(root + ": plugin folder does not exist; check LUMOS_PLUGIN_PATH");
            return;
        }
        if (worldWritable(root)) {
            warnedWritable.add(root);
            problems.add("plugin folder " + root + " is writable by every user, and Lumos runs the code in it;"
                    + " run `chmod o-w " + root + "`");
        }
        List<Path> folders = new ArrayList<>();
        if (hasJars(root)) {
            folders.add(root);
        }
        try (Stream<Path> children = Files.list(root)) {
            children.filter(Files::isDirectory).sorted().forEach(folders::add);
        } catch (IOException e) {
            problems.add("plugin folder " + root + ": " + io.lumos.spi.IoProblems.describe(e));
        }
        for (Path folder : folders) {
            if (folder.equals(root) || folderFilter.test(folder.getFileName().toString())) {
                loadFolder(folder);
            }
        }
    }

    private static boolean hasJars(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }

    private void loadFolder(Path folder) {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList()) {
                if (!validJar(jar)) {
                    continue;
                }
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            problems.add("plugin folder " + folder + ": " + io.lumos.spi.IoProblems.describe(e));
            return;
        }
        if (jars.isEmpty()) {
            return;
        }
        warnIfWorldWritable(folder);
        PluginClassLoader loader = new PluginClassLoader(
                "lumos-plugin-" + folder.getFileName(),
                jars.toArray(new URL[0]),
                PluginRegistry.class.getClassLoader());
        loadFrom(loader, folder.toString());
    }

    /**
     * A plugin runs inside Lumos with the user's rights: a folder (or jar) that every user may
     * write to lets any of them put code there. Said once per folder; the plugin still loads.
     */
    private void warnIfWorldWritable(Path folder) {
        List<Path> writable = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : java.util.stream.Stream.concat(Stream.of(folder), files.sorted())
                    .toList()) {
                if ((p.equals(folder) || p.getFileName().toString().endsWith(".jar"))
                        && !warnedWritable.contains(p)
                        && worldWritable(p)) {
                    writable.add(p);
                }
            }
        } catch (IOException e) {
            return;
        }
        if (writable.isEmpty()) {
            return;
        }
        warnedWritable.addAll(writable);
        String what = writable.get(0).equals(folder) ? "plugin folder " + folder : "plugin jar " + writable.get(0);
        problems.add(what + " is writable by every user, and Lumos runs the code in it; run `chmod o-w "
                + String.join(" ", writable.stream().map(Path::toString).toList()) + "`");
    }

    private static boolean worldWritable(Path p) {
        try {
            return Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no POSIX permissions (Windows): nothing to judge
        }
    }

    private boolean validJar(Path jar) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            return zip.size() >= 0;
        } catch (IOException e) {
            problems.add(jar + ": broken jar (" + e.getMessage() + "); remove it or rebuild the plugin");
            return false;
        } catch (RuntimeException e) {
            problems.add(jar + ": broken jar (" + e + "); remove it or rebuild the plugin");
            return false;
        }
    }

    private void loadFrom(ClassLoader loader, String origin) {
        for (Class<? extends PluginFactory> kind : KINDS) {
            load(kind, loader, origin);
        }
    }

    private <T extends PluginFactory> void load(Class<T> kind, ClassLoader loader, String origin) {
        ServiceLoader<T> services = ServiceLoader.load(kind, loader);
        var it = services.stream().iterator();
        while (true) {
            ServiceLoader.Provider<T> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(origin + ": broken " + kindName(kind) + " plugin (" + rootMessage(e)
                        + "); remove it or rebuild it against this Lumos");
                break;
            }
            if (!"classpath".equals(origin) && provider.type().getClassLoader() != loader) {
                continue; // found through the parent: already registered from the class path
            }
            T factory;
            try {
                factory = provider.get();
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                problems.add(origin + ": " + provider.type().getName() + " could not be created (" + rootMessage(e)
                        + "); remove the plugin or rebuild it against this Lumos");
                continue;
            }
            register(kind, factory, origin);
        }
    }

    private <T extends PluginFactory> void register(Class<T> kind, T factory, String origin) {
        String name;
        int spi;
        try {
            name = factory.name().toLowerCase(Locale.ROOT);
            spi = factory.spiVersion();
        } catch (LinkageError | RuntimeException e) {
            problems.add(origin + ": " + factory.getClass().getName() + " is broken (" + rootMessage(e) + ")");
            return;
        }
        if (spi != PluginFactory.SPI_VERSION) {
            problems.add(origin + ": " + kindName(kind) + " plugin '" + name + "' was built for SPI version " + spi
                    + " but this Lumos has SPI version " + PluginFactory.SPI_VERSION + "; rebuild the plugin");
            return;
        }
        Map<String, Found<?>> known = byKind.get(kind);
        List<String> names = new ArrayList<>();
        names.add(name);
        factory.aliases().forEach(a -> names.add(a.toLowerCase(Locale.ROOT)));
        Found<T> found = new Found<>(factory, kindName(kind), origin);
        for (String n : names) {
            Found<?> existing = known.get(n);
            if (existing != null
                    && existing.factory()
                            .getClass()
                            .getName()
                            .equals(factory.getClass().getName())
                    && existing.origin().equals(origin)) {
                continue;
            }
            if (existing != null) {
                if (n.equals(name) || existing.factory().name().equalsIgnoreCase(n)) {
                    String message = "two " + kindName(kind) + " plugins are named '" + n + "': one in "
                            + existing.origin() + ", one in " + origin + "; remove one of them";
                    conflicts.get(kind).put(n, message);
                    problems.add(message);
                }
                continue;
            }
            known.put(n, found);
        }
    }

    private static String kindName(Class<?> kind) {
        if (kind == CatalogAdapterFactory.class) {
            return "catalog";
        }
        if (kind == SourceHandlerFactory.class) {
            return "source";
        }
        if (kind == FileFormatReader.class) {
            return "format";
        }
        if (kind == ExporterFactory.class) {
            return "exporter";
        }
        if (kind == io.lumos.spi.report.DiffReportWriter.class) {
            return "report";
        }
        String simple = kind.getSimpleName();
        return simple.replace("Factory", "").toLowerCase(Locale.ROOT);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Problems found while loading: broken jars, duplicates, SPI mismatches. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The factory of a kind with a name or alias. */
    public <T extends PluginFactory> Optional<T> find(Class<T> kind, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String conflict = conflicts.getOrDefault(kind, Map.of()).get(n);
        if (conflict != null) {
            throw new LumosException(ErrorCode.PLUGIN_BROKEN, conflict);
        }
        Found<?> found = byKind.getOrDefault(kind, Map.of()).get(n);
        return found == null ? Optional.empty() : Optional.of(kind.cast(found.factory()));
    }

    public <T extends PluginFactory> T require(Class<T> kind, String name, String what) {
        return find(kind, name).orElseThrow(() -> {
            Set<String> names = names(kind);
            String hint = io.lumos.spi.Settings.didYouMean(name, names);
            return new LumosException(
                    ErrorCode.UNKNOWN_PLATFORM,
                    "unknown " + what + " '" + name + "'" + (hint != null ? "; did you mean '" + hint + "'?" : "")
                            + " (installed: " + String.join(", ", names) + "; see `lumos plugins`)");
        });
    }

    /** Every factory of a kind, each once, by name. */
    public <T extends PluginFactory> List<T> all(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (Found<?> f : byKind.getOrDefault(kind, Map.of()).values()) {
            T t = kind.cast(f.factory());
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        out.sort(Comparator.comparing(PluginFactory::name));
        return out;
    }

    /** Names and aliases of a kind. */
    public Set<String> names(Class<? extends PluginFactory> kind) {
        return new TreeSet<>(byKind.getOrDefault(kind, Map.of()).keySet());
    }

    /** Every plugin once, for `lumos plugins`. */
    public List<Found<?>> found() {
        List<Found<?>> out = new ArrayList<>();
        for (Map<String, Found<?>> m : byKind.values()) {
            for (Found<?> f : m.values()) {
                if (out.stream().noneMatch(o -> o.factory() == f.factory())) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}
