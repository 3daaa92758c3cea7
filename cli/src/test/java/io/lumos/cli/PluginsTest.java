package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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

    /**
     * Compiles the plugin against the SPI on this class path and packs it as a jar whose manifest
     * says it was built against {@code spiVersion}, as a plugin's build writes it (none when null).
     * The factory overrides nothing about versions: what an older SPI's plugin looks like to us.
     */
    private Path buildPlugin(Path pluginFolder, String name, Integer spiVersion) throws IOException {
        Path src = dir.resolve("src-" + name + "/com/example/hello/HelloSource.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE.formatted(name));
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
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (spiVersion != null) {
            manifest.getMainAttributes().putValue("Lumos-SPI-Version", String.valueOf(spiVersion));
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
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

    private static final String JACKSON_SOURCE =
            """
            package com.example.ownjackson;

            import com.fasterxml.jackson.core.JsonFactory;
            import com.fasterxml.jackson.core.JsonParser;
            import com.fasterxml.jackson.core.JsonToken;
            import io.lumos.domain.*;
            import io.lumos.spi.*;
            import java.util.*;

            /** Parses its target's JSON with the jackson-core it bundles and says which one that is. */
            public final class OwnJacksonSource implements SourceHandlerFactory {
                @Override public String name() { return "ownjackson"; }
                @Override public String description() { return "reads JSON with its own Jackson"; }
                @Override public Optional<Map<String, Object>> settingsForTarget(String target) {
                    return target.startsWith("ownjackson://") ? Optional.of(Map.of("json", target.substring(13))) : Optional.empty();
                }
                @Override public SourceHandler create(Settings settings, PluginContext context) {
                    String json = settings.require("json");
                    return new SourceHandler() {
                        @Override public String name() { return "ownjackson"; }
                        @Override public void scan(ScanSink sink) {
                            List<Field> fields = new ArrayList<>();
                            try (JsonParser p = new JsonFactory().createParser(json)) {
                                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                                    if (t == JsonToken.FIELD_NAME) {
                                        fields.add(Field.of(p.currentName(), DataTypes.parse("string"), true));
                                    }
                                }
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            boolean own = JsonFactory.class.getClassLoader() == OwnJacksonSource.class.getClassLoader();
                            sink.dataset(Dataset.builder(new DatasetId("ownjackson", "doc", context.environment()))
                                    .description("jackson-core "
                                            + com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString()
                                            + (own ? " from the plugin" : " from elsewhere"))
                                    .fields(fields)
                                    .build());
                        }
                    };
                }
            }
            """;

    private static final String PEEKING_SOURCE =
            """
            package com.example.peek;

            import io.lumos.domain.*;
            import io.lumos.spi.*;
            import java.util.*;

            /** Bundles nothing but itself and says which of the core's libraries it can load. */
            public final class PeekSource implements SourceHandlerFactory {
                @Override public String name() { return "peek"; }
                @Override public String description() { return "looks around"; }
                @Override public Optional<Map<String, Object>> settingsForTarget(String target) {
                    return target.startsWith("peek://") ? Optional.of(Map.of()) : Optional.empty();
                }
                @Override public SourceHandler create(Settings settings, PluginContext context) {
                    return new SourceHandler() {
                        @Override public String name() { return "peek"; }
                        @Override public void scan(ScanSink sink) {
                            List<String> seen = new ArrayList<>();
                            for (String c : List.of("com.fasterxml.jackson.core.JsonFactory",
                                    "com.fasterxml.jackson.databind.ObjectMapper", "io.lumos.json.ModelJson",
                                    "picocli.CommandLine", "io.lumos.cli.Main")) {
                                try {
                                    Class.forName(c, false, PeekSource.class.getClassLoader());
                                    seen.add(c);
                                } catch (ClassNotFoundException e) {
                                    // not visible: what the plugin class loader promises
                                }
                            }
                            sink.dataset(Dataset.builder(new DatasetId("peek", "core", context.environment()))
                                    .description(seen.isEmpty() ? "sees none of the core's libraries" : "sees " + seen)
                                    .fields(List.of(Field.of("x", DataTypes.parse("string"), true)))
                                    .build());
                        }
                    };
                }
            }
            """;

    /**
     * A plugin shares the model, the SPI and the JDK with the core, nothing else: one that bundles no
     * Jackson cannot load the core's, nor its JSON codec or command line.
     */
    @Test
    void aPluginSeesNoneOfTheCoresLibraries() throws Exception {
        Path src = dir.resolve("src-peek/com/example/peek/PeekSource.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, PEEKING_SOURCE);
        Path classes = dir.resolve("classes-peek");
        Files.createDirectories(classes);
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        src.toString());
        assertThat(rc).isZero();
        jar(dir.resolve("plugins/peek/peek.jar"), classes, "com.example.peek.PeekSource");
        env.put("LUMOS_PLUGIN_PATH", dir.resolve("plugins").toString());

        Result scan = run(dir, "scan", "peek://here", "-f", "json");
        assertThat(scan.code()).as(scan.toString()).isZero();
        assertThat(scan.out()).contains("sees none of the core's libraries");
    }

    /** Packs {@code classes} as a plugin jar of the current SPI version declaring one source. */
    private static void jar(Path jar, Path classes, String source) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .putValue(
                        io.lumos.spi.PluginFactory.MANIFEST_ATTRIBUTE,
                        String.valueOf(io.lumos.spi.PluginFactory.SPI_VERSION));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("META-INF/services/io.lumos.spi.SourceHandlerFactory"));
            out.write((source + "\n").getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(
                            new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, (OutputStream) out);
                }
            }
        }
    }

    /**
     * A plugin that bundles a jackson-core other than the core's (copied to target/test-plugin-libs
     * by the build) sees its own, parses with it, and works: the plugin class loader shares the SPI
     * and the model, not Jackson.
     */
    @Test
    void aPluginThatBundlesItsOwnJacksonCoreGetsIt() throws Exception {
        Path bundled;
        try (Stream<Path> libs = Files.list(Path.of("target/test-plugin-libs"))) {
            bundled = libs.filter(p -> p.getFileName().toString().startsWith("jackson-core-"))
                    .findFirst()
                    .orElseThrow();
        }
        String bundledVersion =
                bundled.getFileName().toString().replace("jackson-core-", "").replace(".jar", "");
        String coreVersion = com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString();
        assertThat(bundledVersion).isNotEqualTo(coreVersion);

        Path src = dir.resolve("src-ownjackson/com/example/ownjackson/OwnJacksonSource.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, JACKSON_SOURCE);
        Path classes = dir.resolve("classes-ownjackson");
        Files.createDirectories(classes);
        // compiled against the bundled jackson-core first, as the plugin's own build would be
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        "-cp",
                        bundled + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                        src.toString());
        assertThat(rc).isZero();
        Path folder = dir.resolve("plugins/ownjackson");
        jar(folder.resolve("ownjackson.jar"), classes, "com.example.ownjackson.OwnJacksonSource");
        Files.copy(bundled, folder.resolve(bundled.getFileName()));
        env.put("LUMOS_PLUGIN_PATH", dir.resolve("plugins").toString());

        Result scan = run(dir, "scan", "ownjackson://{\"order_id\":1,\"amount\":2.5}", "-f", "json");
        assertThat(scan.code()).as(scan.toString()).isZero();
        assertThat(scan.out())
                .contains("urn:li:dataset:(urn:li:dataPlatform:ownjackson,doc,PROD)")
                .contains("\"order_id\"")
                .contains("\"amount\"")
                .contains("jackson-core " + bundledVersion + " from the plugin")
                .doesNotContain(coreVersion);
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
    void aScanLoadsItsPluginsOnASecondThreadAndTellsEachProblemOnce() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path broken = plugins.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("truncated.jar"), "PK this is not a zip");
        buildPlugin(plugins.resolve("fine"), "fine", 1);
        env.put("LUMOS_PLUGIN_PATH", plugins.toString());

        // `scan` is a command whose plugins Main starts loading before its command line is built
        assertThat(Main.prefetchKinds(List.of("scan", "fine://y"))).isNotEmpty();
        Result scan = run(dir, "scan", "fine://y", "-f", "json");
        assertThat(scan.code()).as(scan.toString()).isZero();
        assertThat(scan.out()).contains("dataPlatform:hello,y,");
        assertThat(scan.err().split("truncated.jar: broken jar", -1))
                .as(scan.err())
                .hasSize(2);
        // a chain's second step in the same session loads nothing again and tells nothing again
        Result chain = run(dir, "scan", "fine://y", "-f", "json", "+", "scan", "fine://z", "-f", "json");
        assertThat(chain.code()).as(chain.toString()).isZero();
        assertThat(chain.out()).contains("dataPlatform:hello,y,").contains("dataPlatform:hello,z,");
        assertThat(chain.err().split("truncated.jar: broken jar", -1))
                .as(chain.err())
                .hasSize(2);
    }

    @Test
    void onlyAScanOrAnIngestStartsLoadingPluginsEarly() {
        assertThat(Main.prefetchKinds(List.of("-v", "scan", "x"))).hasSize(2);
        assertThat(Main.prefetchKinds(List.of("-c", "lumos.yaml", "ingest"))).hasSize(3);
        assertThat(Main.prefetchKinds(List.of("scan", "--help"))).isEmpty();
        assertThat(Main.prefetchKinds(List.of("help", "scan"))).isEmpty();
        assertThat(Main.prefetchKinds(List.of("datasets", "list", "--owner", "scan")))
                .isEmpty();
        assertThat(Main.prefetchKinds(List.of("run", "--", "lumos", "scan"))).isEmpty();
        assertThat(Main.prefetchKinds(List.of("--version"))).isEmpty();
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
                .contains("plugin 'old' (" + plugins.resolve("old") + ") was built against Lumos SPI version 99");
        assertThat(list.out()).contains("fine");
        Result dup = run(dir, "scan", "hello://x");
        assertThat(dup.code()).as(dup.toString()).isEqualTo(3);
        assertThat(dup.err()).contains("two source plugins are named 'hello'");
        assertThat(List.of(list.out().split("\n"))).noneMatch(l -> l.contains(" old "));
        Result fine = run(dir, "scan", "fine://y");
        assertThat(fine.code()).as(fine.toString()).isZero();
        assertThat(fine.out()).contains("hello:y");
    }

    @Test
    void aPluginBuiltAgainstAnOlderSpiIsRefusedBeforeItsCodeRuns() throws Exception {
        Path plugins = dir.resolve("plugins");
        buildPlugin(plugins.resolve("legacy"), "legacy", 0);
        buildPlugin(plugins.resolve("unversioned"), "unversioned", null);
        buildPlugin(plugins.resolve("current"), "current", 1);
        env.put("LUMOS_PLUGIN_PATH", plugins.toString());

        Result list = run(dir, "plugins");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.err())
                .contains("plugin 'legacy' (" + plugins.resolve("legacy")
                        + ") was built against Lumos SPI version 0 (hello-legacy.jar), but this Lumos accepts SPI version 1;"
                        + " rebuild the plugin against this Lumos's lumos-platform-spi")
                .contains("plugin 'unversioned' (" + plugins.resolve("unversioned")
                        + ") does not say which Lumos SPI it was built against");
        assertThat(list.out()).contains("current");
        assertThat(List.of(list.out().split("\n"))).noneMatch(l -> l.contains("legacy") || l.contains("unversioned"));
        Result scan = run(dir, "scan", "legacy://x");
        assertThat(scan.code()).as(scan.toString()).isNotZero();
    }

    @Test
    void aCommandLoadsOnlyTheKindsOfPluginItUses() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path catalog = plugins.resolve("missing-catalog");
        Files.createDirectories(catalog);
        // declares a catalog adapter whose class is not there: loading catalog adapters names it
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .putValue(
                        io.lumos.spi.PluginFactory.MANIFEST_ATTRIBUTE,
                        String.valueOf(io.lumos.spi.PluginFactory.SPI_VERSION));
        try (JarOutputStream out =
                new JarOutputStream(Files.newOutputStream(catalog.resolve("catalog.jar")), manifest)) {
            out.putNextEntry(new JarEntry("META-INF/services/io.lumos.spi.CatalogAdapterFactory"));
            out.write("com.example.MissingCatalog\n".getBytes(StandardCharsets.UTF_8));
        }
        env.put("LUMOS_PLUGIN_PATH", plugins.toString());
        Files.writeString(dir.resolve("orders.csv"), "id,amount\n1,2.5\n");

        Result scan = run(dir, "scan", dir.resolve("orders.csv").toString(), "-f", "json");
        assertThat(scan.code()).as(scan.toString()).isZero();
        assertThat(scan.out()).contains("orders");
        assertThat(scan.err()).doesNotContain("MissingCatalog");

        Result list = run(dir, "plugins");
        assertThat(list.err()).contains("broken catalog plugin").contains("MissingCatalog");
    }
}
