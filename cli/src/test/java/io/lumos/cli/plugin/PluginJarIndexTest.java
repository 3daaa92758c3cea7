package io.lumos.cli.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.spi.PluginFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin folder's jars are opened once: what the registry needs of them is kept in the folder's
 * index while each jar keeps its size and time, and read again from a jar that changed.
 */
class PluginJarIndexTest {
    @TempDir
    Path dir;

    private Path pluginJar(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path jar = folder.resolve("hello.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .putValue(PluginFactory.MANIFEST_ATTRIBUTE, String.valueOf(PluginFactory.SPI_VERSION));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("META-INF/services/io.lumos.spi.SourceHandlerFactory"));
            out.write("com.example.hello.HelloSource\n".getBytes(UTF_8));
        }
        return jar;
    }

    private List<String> load(Path root) {
        List<String> problems = new ArrayList<>();
        PluginRegistry.load(List.of(root), problems::add);
        return problems;
    }

    @Test
    void aJarIsOpenedAgainOnlyWhenItChanged() throws IOException {
        Path root = dir.resolve("plugins");
        Path jar = pluginJar(root.resolve("hello"));
        assertThat(load(root)).isEmpty();
        Path index = root.resolve("hello").resolve(PluginJarIndex.FILE);
        assertThat(Files.readAllLines(index, UTF_8)).anySatisfy(line -> assertThat(line)
                .startsWith("hello.jar\t" + Files.size(jar) + "\t")
                .endsWith("\t" + PluginFactory.SPI_VERSION + "\tio.lumos.spi.SourceHandlerFactory"));

        // the same size and time: the index answers and the jar is not opened (it is garbage now)
        FileTime time = Files.getLastModifiedTime(jar);
        byte[] garbage = new byte[(int) Files.size(jar)];
        Arrays.fill(garbage, (byte) 'x');
        Files.write(jar, garbage);
        Files.setLastModifiedTime(jar, time);
        assertThat(load(root)).isEmpty();

        // a new time: the jar is read again, and found broken
        Files.setLastModifiedTime(jar, FileTime.fromMillis(time.toMillis() + 2_000));
        assertThat(load(root)).singleElement().asString().contains("hello.jar: broken jar");
    }

    @Test
    void anIndexThatIsNotOursIsIgnored() throws IOException {
        Path root = dir.resolve("plugins");
        pluginJar(root.resolve("hello"));
        Files.writeString(root.resolve("hello").resolve(PluginJarIndex.FILE), "hello.jar\t1\t2\n", UTF_8);
        assertThat(load(root)).isEmpty();
        assertThat(Files.readString(root.resolve("hello").resolve(PluginJarIndex.FILE), UTF_8))
                .contains("io.lumos.spi.SourceHandlerFactory");
    }
}
