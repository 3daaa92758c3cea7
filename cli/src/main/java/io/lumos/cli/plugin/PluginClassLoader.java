package io.lumos.cli.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * One class loader per plugin folder, as Trino's: only the model, the SPI, the JDK and logging come
 * from the core (parent first), so that plugin objects speak the core's types; every other class
 * comes from the plugin's own jars, so that a plugin's dependencies (DataHub's bundled Avro, say)
 * never clash with another's or the core's. Nothing else of the core is visible: not its Jackson
 * (the SPI names none of its types), not its JSON codec, not picocli. A plugin bundles the Jackson
 * it was built with, and {@code lumos-model-json} when it uses the model's JSON.
 */
final class PluginClassLoader extends URLClassLoader {
    private static final String[] SHARED = {
        "java.",
        "javax.",
        "jdk.",
        "sun.",
        "com.sun.",
        "org.w3c.",
        "org.xml.",
        "io.lumos.domain.",
        "io.lumos.spi.",
        "org.slf4j."
    };

    static {
        ClassLoader.registerAsParallelCapable();
    }

    PluginClassLoader(String name, URL[] jars, ClassLoader parent) {
        super(name, jars, parent);
    }

    private static boolean shared(String name) {
        for (String prefix : SHARED) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (shared(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException e) {
                    // the JDK's packages SHARED does not name (org.ietf., ...), never the core's libraries
                    c = ClassLoader.getPlatformClassLoader().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    /** Service files of the plugin's own jars only, so the core's services are not found twice. */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith("META-INF/services/")) {
            return findResources(name);
        }
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
