package io.lumos.cli.plugin;

import io.lumos.spi.PluginFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What the registry needs of each jar of a plugin folder (the service files it declares, its
 * {@code Lumos-SPI-Version}), remembered in the folder's {@value #FILE} so that a run does not open
 * every jar: opening the hundred-odd jars of the distribution's plugin folders (one of 70 MB) was
 * about a tenth of a second of each command's start. An entry counts only while its jar has the
 * same size and modification time; a folder that cannot be written is read as before.
 */
final class PluginJarIndex {
    static final String FILE = ".lumos-plugin-index";
    private static final String HEADER = "# lumos plugin jar index 1: jar, size, modified ms, SPI version, services";
    private static final String SERVICES = "META-INF/services/";

    /** One jar: its size and time when read, its SPI version ("" when none) and service files. */
    record Entry(String jar, long size, long modified, String spiVersion, Set<String> services) {
        boolean matches(BasicFileAttributes attrs) {
            return attrs.size() == size && attrs.lastModifiedTime().toMillis() == modified;
        }
    }

    private PluginJarIndex() {}

    /** The folder's index by jar name; empty when it has none or it cannot be read. */
    static Map<String, Entry> read(Path folder) {
        Map<String, Entry> out = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(folder.resolve(FILE), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return out;
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return out;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                return new HashMap<>(); // not ours, or cut short: read the jars
            }
            try {
                Set<String> services = new TreeSet<>();
                for (String s : f[4].split(",", -1)) {
                    if (!s.isEmpty()) {
                        services.add(s);
                    }
                }
                out.put(f[0], new Entry(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], services));
            } catch (NumberFormatException e) {
                return new HashMap<>();
            }
        }
        return out;
    }

    /** Opens the jar: its service files and SPI version. */
    static Entry scan(Path jar, BasicFileAttributes attrs) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Set<String> services = new TreeSet<>();
            file.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith(SERVICES) && n.length() > SERVICES.length() && !n.endsWith("/"))
                    .forEach(n -> services.add(n.substring(SERVICES.length())));
            Manifest manifest = file.getManifest();
            String v =
                    manifest == null ? null : manifest.getMainAttributes().getValue(PluginFactory.MANIFEST_ATTRIBUTE);
            return new Entry(
                    jar.getFileName().toString(),
                    attrs.size(),
                    attrs.lastModifiedTime().toMillis(),
                    v == null ? "" : v.strip(),
                    services);
        }
    }

    /** Writes the index when the folder can be written; silently leaves it otherwise. */
    static void write(Path folder, Collection<Entry> entries) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Entry e : entries) {
            if (e.jar().contains("\t")
                    || e.jar().contains("\n")
                    || e.spiVersion().contains("\t")) {
                return; // a name the format cannot hold: no index
            }
            lines.add(e.jar() + "\t" + e.size() + "\t" + e.modified() + "\t" + e.spiVersion() + "\t"
                    + String.join(",", e.services()));
        }
        Path tmp = null;
        try {
            if (!Files.isWritable(folder)) {
                return;
            }
            tmp = Files.createTempFile(folder, FILE, ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try {
                Files.move(
                        tmp, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            // a read-only installation: every run reads the jars, as without an index
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // left for the next run to overwrite
                }
            }
        }
    }
}
