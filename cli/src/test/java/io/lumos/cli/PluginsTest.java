package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party plugin, compiled here outside the source tree and dropped into a folder named by
 * LUMOS_PLUGIN_PATH: `lumos plugins` lists it and `scan` uses it; broken, duplicate and
 * wrong-version plugins are named without stopping the others.
 */
class PluginsTest extends CliTestSupport {
    @TempDir
    Path dir;

    private static final String SOURCE =
            """
            package com.example.hello;

            import io.lumos.domain.*;
            import io.lumos.spi.*;
            import java.util.*;

            public final class HelloSource implements SourceHandlerFactory {
                @Override public String name() { return "%s"; }
                @Override public String description() { return "greets the catalog"; }
                @Override public int spiVersion() { return %d; }
                @Override public Optional<Map<String, Object>> settingsForTarget(String target) {
                    return target.startsWith(name() + "://") ? Optional.of(Map.of("who", target.substring(name().length() + 3))) : Optional.empty();
                }
                @Override public SourceHandler create(Settings settings, PluginContext context) {
                    String who = settings.require("who");
                    return new SourceHandler() {
                        @Override public String name() { return "hello"; }
                        @Override public void scan(ScanSink sink) {
                            sink.dataset(Dataset.builder(new DatasetId("hello", who, context.environment()))
                                    .fields(List.of(Field.of("greeting", DataTypes.parse("map<string,array<int32>>"), false)))
                                    .build());
                        }
                    };
                }
            }
            """;

    /** Compiles the plugin against the SPI on this class path and packs it as a jar. */
    private Path buildPlugin(Path pluginFolder, String name, int spiVersion) throws IOException {
        Path src = dir.resolve("src-" + name + "/com/example/hello/HelloSource.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE.formatted(name, spiVersion));
        Path classes = dir.resolve("classes-" + name);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                src.toString());
        assertThat(rc).isZero();
        Files.createDirectories(pluginFolder);
        Path jar = pluginFolder.resolve("hello-" + name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/io.lumos.spi.SourceHandlerFactory"));
            out.write("com.example.hello.HelloSource\n".getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(
                            new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, (OutputStream) out);
                }
            }
        }
        return jar;
    }

    @Test
    void aThirdPartyPluginIsListedAndUsed() throws Exception {
        Path plugins = dir.resolve("third-party");
        buildPlugin(plugins.resolve("hello"), "hello", 1);
        env.put("LUMOS_PLUGIN_PATH", plugins.toString());
        Result list = run(dir, "plugins");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).containsPattern("source\\s+hello\\s+dev\\s+.*hello\\s+greets the catalog");
        Result scan = run(dir, "scan", "hello://world", "-f", "json");
        assertThat(scan.code()).as(scan.toString()).isZero();
        assertThat(scan.out())
                .contains("urn:li:dataset:(urn:li:dataPlatform:hello,world,PROD)")
                .contains("map<string,array<int32>>");
    }

    @Test
    void aWorldWritablePluginFolderIsNamedOnce() throws Exception {
        Path plugins = dir.resolve("shared-plugins");
        buildPlugin(plugins.resolve("hello"), "hello", 1);
        Path folder = plugins.resolve("hello");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        env.put("LUMOS_PLUGIN_PATH", plugins.toString());

        Result scan = run(dir, "scan", "hello://world");
        assertThat(scan.code()).as(scan.toString()).isZero();
        assertThat(scan.err())
                .containsOnlyOnce("is writable by every user")
                .contains("plugin folder " + folder + " is writable by every user, and Lumos runs the code in it;"
                        + " run `chmod o-w " + folder + "`");

        Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(run(dir, "scan", "hello://world").err()).doesNotContain("writable");
    }

    @Test
    void brokenDuplicateAndMismatchedPluginsAreNamedAndTheRestStillWork() throws Exception {
        Path plugins = dir.resolve("plugins");
        buildPlugin(plugins.resolve("hello"), "hello", 1);
        buildPlugin(plugins.resolve("hello-copy"), "hello", 1);
        buildPlugin(plugins.resolve("old"), "old", 99);
        Path broken = plugins.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("truncated.jar"), "PK this is not a zip");
        buildPlugin(plugins.resolve("fine"), "fine", 1);
        env.put("LUMOS_PLUGIN_PATH", plugins.toString());

        Result list = run(dir, "plugins");
        assertThat(list.code()).isZero();
        assertThat(list.err())
                .contains("truncated.jar: broken jar")
                .contains("two source plugins are named 'hello'")
                .contains("plugin 'old' was built for SPI version 99");
        assertThat(list.out()).contains("fine");
        Result dup = run(dir, "scan", "hello://x");
        assertThat(dup.code()).as(dup.toString()).isEqualTo(3);
        assertThat(dup.err()).contains("two source plugins are named 'hello'");
        assertThat(List.of(list.out().split("\n"))).noneMatch(l -> l.contains(" old "));
        Result fine = run(dir, "scan", "fine://y");
        assertThat(fine.code()).as(fine.toString()).isZero();
        assertThat(fine.out()).contains("hello:y");
    }
}
