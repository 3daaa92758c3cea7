package io.lumos.cli.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.spi.SourceHandlerFactory;
import io.lumos.spi.file.FileFormatReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins loaded on a second thread are the same plugins, and their problems are told once, in the
 * order found, to whoever takes the registry.
 */
class PluginPrefetchTest {
    @TempDir
    Path dir;

    private Path brokenFolder(Path root, String name) throws IOException {
        Path folder = root.resolve(name);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(name + ".jar"), "PK this is not a zip", UTF_8);
        return folder;
    }

    @Test
    void theProblemsFoundOnTheSecondThreadAreToldOnceInOrderToTheTaker() throws IOException {
        Path root = dir.resolve("plugins");
        brokenFolder(root, "a");
        brokenFolder(root, "b");
        Path missing = dir.resolve("nowhere");
        List<Path> roots = List.of(missing, root);

        List<String> direct = new ArrayList<>();
        PluginRegistry.load(roots, direct::add);

        PluginPrefetch prefetch =
                PluginPrefetch.start(roots, List.of(SourceHandlerFactory.class, FileFormatReader.class));
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        PluginRegistry registry = prefetch.take(heard::add);

        assertThat(direct).hasSize(3);
        assertThat(heard).containsExactlyElementsOf(direct);
        assertThat(heard.get(0)).contains("nowhere").contains("does not exist");
        assertThat(heard.get(1)).contains("a.jar: broken jar");
        assertThat(heard.get(2)).contains("b.jar: broken jar");
        // the plugins of the class path (this module's tests have none of a source's) are there
        assertThat(registry.names(SourceHandlerFactory.class))
                .isEqualTo(PluginRegistry.load(roots).names(SourceHandlerFactory.class));
    }

    @Test
    void aPrefetchServesOnlyTheRootsItLoaded() {
        PluginPrefetch prefetch = PluginPrefetch.start(List.of(dir), List.of());
        assertThat(prefetch.covers(List.of(dir))).isTrue();
        assertThat(prefetch.covers(List.of(dir, dir.resolve("more")))).isFalse();
        assertThat(prefetch.covers(List.of())).isFalse();
    }
}
