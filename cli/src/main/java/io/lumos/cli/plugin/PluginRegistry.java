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
 * folder gets its own class loader. The plugins of a kind are loaded when that kind is first asked
 * for, and only from the folders whose jars declare it: a scan never loads a catalog adapter. A broken jar is named, not fatal; a duplicate name and an SPI
 * version mismatch are rejected with a message that says what to do. A folder's SPI version comes
 * from its jars' {@code Lumos-SPI-Version} manifest entries, read before any plugin code runs.
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
    private final java.util.function.Consumer<String> onProblem;
    /** The plugin folders, in order; each kind is looked for in them when first asked for. */
    private final List<Folder> folders = new ArrayList<>();

    private final Set<Class<?>> loaded = new java.util.HashSet<>();
    private final java.util.Set<Path> warnedWritable = new java.util.HashSet<>();
    private java.util.function.Predicate<String> folderFilter = folder -> true;

    /**
     * A plugin folder: its jars (each opened once to check it and to see which kinds of plugin it
     * declares in {@code META-INF/services}) and its class loader, made when a kind it declares is
     * first asked for. So `lumos scan` does not load the catalog adapters' jars.
     */
    private static final class Folder {
        final Path path;
        final List<URL> jars;
        final Set<String> services;
        PluginClassLoader loader;

        Folder(Path path, List<URL> jars, Set<String> services) {
            this.path = path;
            this.jars = jars;
            this.services = services;
        }

        PluginClassLoader loader() {
            if (loader == null) {
                loader = new PluginClassLoader(
                        "lumos-plugin-" + path.getFileName(),
                        jars.toArray(new URL[0]),
                        PluginRegistry.class.getClassLoader());
            }
            return loader;
        }
    }

    /** A plugin factory and where it came from. */
    public record Found<T extends PluginFactory>(T factory, String kind, String origin) {}

    private PluginRegistry(java.util.function.Consumer<String> onProblem) {
        this.onProblem = onProblem;
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
        return load(pluginRoots, problem -> {});
    }

    /**
     * Finds the plugin folders and checks their jars; the plugins of each kind are loaded when that
     * kind is first asked for. {@code onProblem} hears each problem when it is found.
     */
    public static PluginRegistry load(List<Path> pluginRoots, java.util.function.Consumer<String> onProblem) {
        return load(pluginRoots, onProblem, folder -> true);
    }

    /**
     * The class path and only the plugin folders whose name {@code folders} accepts: a command that
     * needs one catalog ({@code lumos run}) opens no other plugin's jars.
     */
    public static PluginRegistry loadOnly(List<Path> pluginRoots, java.util.function.Predicate<String> folders) {
        return load(pluginRoots, problem -> {}, folders);
    }

    private static PluginRegistry load(
            List<Path> pluginRoots,
            java.util.function.Consumer<String> onProblem,
            java.util.function.Predicate<String> folders) {
        PluginRegistry registry = new PluginRegistry(onProblem);
        registry.folderFilter = folders;
        for (Path root : pluginRoots) {
            registry.loadRoot(root);
        }
        return registry;
    }

    private void problem(String message) {
        problems.add(message);
        onProblem.accept(message);
    }

    /** Loads the plugins of a kind, from the class path and then each folder that declares it. */
    private synchronized void ensure(Class<?> kind) {
        if (!loaded.add(kind)) {
            return;
        }
        byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        conflicts.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        @SuppressWarnings("unchecked")
        Class<? extends PluginFactory> k = (Class<? extends PluginFactory>) kind;
        load(k, PluginRegistry.class.getClassLoader(), "classpath");
        for (Folder f : folders) {
            if (f.services.contains(kind.getName())) {
                load(k, f.loader(), f.path.toString());
            }
        }
    }

    private void ensureAll() {
        for (Class<?> kind : List.copyOf(KINDS)) {
            ensure(kind);
        }
    }

    /** The plugin roots: {@code <home>/plugins} and every entry of LUMOS_PLUGIN_PATH. */
    public static List<Path> defaultRoots(String home, String pluginPath) {
        List<Path> roots = new ArrayList<>();
        if (home != null && !home.isBlank()) {
            roots.add(Path.of(home, "plugins"));
        }
        if (pluginPath != null && !pluginPath.isBlank()) {
            for (String entry : pluginPath.split(File.pathSeparator, -1)) {
                if (!entry.isBlank()) {
                    roots.add(Path.of(entry.strip()));
                }
            }
        }
        return roots;
    }

    private void loadRoot(Path root) {
        if (!Files.isDirectory(root)) {
            problem(root + ": plugin folder does not exist; check LUMOS_PLUGIN_PATH");
            return;
        }
        List<Path> folders = new ArrayList<>();
        if (hasJars(root)) {
            folders.add(root);
        }
        try (Stream<Path> children = Files.list(root)) {
            children.filter(Files::isDirectory).sorted().forEach(folders::add);
        } catch (IOException e) {
            problem(root + ": cannot list plugin folder: " + e.getMessage());
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
        Set<String> services = new java.util.HashSet<>();
        Map<String, String> declared = new LinkedHashMap<>(); // jar name -> Lumos-SPI-Version
        Map<String, PluginJarIndex.Entry> index = PluginJarIndex.read(folder);
        List<PluginJarIndex.Entry> entries = new ArrayList<>();
        boolean changed = false;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList()) {
                PluginJarIndex.Entry known = index.get(jar.getFileName().toString());
                java.nio.file.attribute.BasicFileAttributes attrs =
                        Files.readAttributes(jar, java.nio.file.attribute.BasicFileAttributes.class);
                boolean upToDate = known != null && known.matches(attrs);
                PluginJarIndex.Entry entry = upToDate ? known : readJar(jar, attrs);
                if (entry == null) {
                    continue;
                }
                changed |= !upToDate;
                entries.add(entry);
                for (Class<?> kind : KINDS) {
                    if (entry.services().contains(kind.getName())) {
                        services.add(kind.getName());
                    }
                }
                if (!entry.spiVersion().isBlank()) {
                    declared.put(entry.jar(), entry.spiVersion());
                }
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            problem("plugin folder " + folder + ": " + io.lumos.spi.IoProblems.describe(e));
            return;
        }
        if (changed || entries.size() != index.size()) {
            PluginJarIndex.write(folder, entries);
        }
        if (jars.isEmpty() || !spiVersionFits(folder, declared)) {
            return;
        }
        warnIfWorldWritable(folder);
        folders.add(new Folder(folder, jars, services));
    }

    /**
     * Opens a jar for the service interfaces it declares and its {@code Lumos-SPI-Version} (a library
     * the plugin bundles has none); null (and a problem) when broken.
     */
    private PluginJarIndex.Entry readJar(Path jar, java.nio.file.attribute.BasicFileAttributes attrs) {
        try {
            return PluginJarIndex.scan(jar, attrs);
        } catch (IOException e) {
            problem(jar + ": broken jar (" + e.getMessage() + "); remove it or rebuild the plugin");
            return null;
        } catch (RuntimeException e) {
            problem(jar + ": broken jar (" + e + "); remove it or rebuild the plugin");
            return null;
        }
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
        problem(what + " is writable by every user, and Lumos runs the code in it; run `chmod o-w "
                + String.join(" ", writable.stream().map(Path::toString).toList()) + "`");
    }

    private static boolean worldWritable(Path p) {
        try {
            return Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no POSIX permissions (Windows): nothing to judge
        }
    }

    /**
     * Whether a plugin folder was built against this SPI, read from its jars' manifests before any of
     * its code runs; when not, says which plugin, which SPI it was built against, what this Lumos
     * accepts and what to do.
     */
    private boolean spiVersionFits(Path folder, Map<String, String> declared) {
        String plugin = "plugin '" + folder.getFileName() + "' (" + folder + ")";
        String accepts = "this Lumos accepts SPI version " + PluginFactory.SPI_VERSION;
        if (declared.isEmpty()) {
            problem(plugin + " does not say which Lumos SPI it was built against (no "
                    + PluginFactory.MANIFEST_ATTRIBUTE + " entry in the manifest of any of its jars); " + accepts
                    + ": rebuild the plugin with '" + PluginFactory.MANIFEST_ATTRIBUTE + ": "
                    + PluginFactory.SPI_VERSION + "' in its jar's manifest, or remove it");
            return false;
        }
        for (Map.Entry<String, String> e : declared.entrySet()) {
            if (!e.getValue().equals(String.valueOf(PluginFactory.SPI_VERSION))) {
                problem(plugin + " was built against Lumos SPI version " + e.getValue() + " (" + e.getKey()
                        + "), but " + accepts + "; rebuild the plugin against this Lumos's lumos-platform-spi, "
                        + "or use a Lumos release with SPI version " + e.getValue());
                return false;
            }
        }
        return true;
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
                problem(origin + ": broken " + kindName(kind) + " plugin (" + rootMessage(e)
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
                problem(origin + ": " + provider.type().getName() + " could not be created (" + rootMessage(e)
                        + "); remove the plugin or rebuild it against this Lumos");
                continue;
            }
            register(kind, factory, origin);
        }
    }

    private <T extends PluginFactory> void register(Class<T> kind, T factory, String origin) {
        String name;
        try {
            name = factory.name().toLowerCase(Locale.ROOT);
        } catch (LinkageError | RuntimeException e) {
            problem(origin + ": " + factory.getClass().getName() + " is broken (" + rootMessage(e) + ")");
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
                    problem(message);
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
    public synchronized List<String> problems() {
        ensureAll();
        return List.copyOf(problems);
    }

    /** The factory of a kind with a name or alias. */
    public <T extends PluginFactory> Optional<T> find(Class<T> kind, String name) {
        ensure(kind);
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
        ensure(kind);
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
        ensure(kind);
        return new TreeSet<>(byKind.getOrDefault(kind, Map.of()).keySet());
    }

    /** Every plugin once, for `lumos plugins`. */
    public List<Found<?>> found() {
        ensureAll();
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
