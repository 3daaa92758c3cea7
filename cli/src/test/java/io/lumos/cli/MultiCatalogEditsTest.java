package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.json.DeadLetterFile;
import io.lumos.spi.PluginFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edit with {@code platform: [a, b, c]} is all-or-nothing on usage errors (a catalog that cannot
 * take it means nothing is written anywhere) and best effort on outages (the catalogs that took it
 * keep it; exit 3 names the catalog that did not and its dead-letter file). The other catalogs are
 * {@code io.lumos.cli.testcatalog.EditLogCatalog}, packed here into a plugin jar and loaded from
 * LUMOS_PLUGIN_PATH in their own class loader, as the distribution loads DataHub and Marquez.
 */
class MultiCatalogEditsTest extends CliTestSupport {
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Path plugins = dir.resolve("plugins");
        packTestCatalogs(plugins.resolve("edit-log"));
        bundleCodec(plugins.resolve("edit-log"));
        env.put("LUMOS_PLUGIN_PATH", plugins.toString());
        Files.writeString(
                dir.resolve("seed.json"),
                """
                {"formatVersion":1,"createdAt":"2026-01-01T00:00:00Z","producer":"test","datasets":[
                 {"id":"urn:li:dataset:(urn:li:dataPlatform:csv,orders,PROD)","fields":[{"name":"id","type":"int64","nullable":false}]},
                 {"id":"urn:li:dataset:(urn:li:dataPlatform:csv,orders_daily,PROD)","fields":[{"name":"id","type":"int64","nullable":false}]}
                ],"lineage":[],"versions":[]}
                """);
        Result seed = run(dir, "--platform", "local", "snapshot", "import", "seed.json");
        assertThat(seed.code()).as(seed.toString()).isZero();
    }

    private static void packTestCatalogs(Path folder) throws IOException {
        Path classes = Path.of(io.lumos.cli.testcatalog.EditLogCatalog.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath())
                .resolve("io/lumos/cli/testcatalog");
        Files.createDirectories(folder);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .putValue(PluginFactory.MANIFEST_ATTRIBUTE, String.valueOf(PluginFactory.SPI_VERSION));
        try (JarOutputStream out =
                new JarOutputStream(Files.newOutputStream(folder.resolve("edit-log.jar")), manifest)) {
            out.putNextEntry(new JarEntry("META-INF/services/io.lumos.spi.CatalogAdapterFactory"));
            out.write(("io.lumos.cli.testcatalog.EditLogCatalog$Ownerless\n"
                            + "io.lumos.cli.testcatalog.EditLogCatalog$Down\n")
                    .getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.list(classes)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    out.putNextEntry(new JarEntry("io/lumos/cli/testcatalog/" + f.getFileName()));
                    Files.copy(f, (OutputStream) out);
                }
            }
        }
    }

    /**
     * What the test catalogs use besides the SPI, bundled in their folder as a plugin's build does:
     * the JSON codec (their dead-letter file) and its Jackson; the core shares neither with plugins.
     */
    private static void bundleCodec(Path folder) throws Exception {
        for (Class<?> c : java.util.List.of(
                DeadLetterFile.class,
                com.fasterxml.jackson.databind.ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonAutoDetect.class)) {
            Path from = Path.of(
                    c.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path to = folder.resolve(c.getPackageName() + ".jar");
            if (Files.isRegularFile(from)) {
                Files.copy(from, to);
                continue;
            }
            // a module of this build: its classes folder
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(to));
                    Stream<Path> files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(from.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, (OutputStream) out);
                }
            }
        }
    }

    private String config(String platforms) throws IOException {
        Files.writeString(dir.resolve("edits.yaml"), "lumos_config:\n  platform: [" + platforms + "]\n");
        return "edits.yaml";
    }

    private String ownersInLocal() {
        Result list = run(dir, "--platform", "local", "owner", "list", "csv:orders");
        assertThat(list.code()).as(list.toString()).isZero();
        return list.out();
    }

    @Test
    void anOwnerEditThatOneCatalogCannotTakeWritesNothingAnywhere() throws Exception {
        Result r = run(
                dir,
                "-c",
                config("local, down, ownerless"),
                "owner",
                "add",
                "csv:orders",
                "zed",
                "--type",
                "DATA_STEWARD");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .contains("the ownerless catalog cannot store owners")
                .contains("nothing written")
                .contains("--platform local,down");
        assertThat(ownersInLocal()).doesNotContain("zed");
        assertThat(dir.resolve(".lumos/dead-letters/down.jsonl")).doesNotExist();
        assertThat(dir.resolve(".lumos/ownerless-edits.log")).doesNotExist();

        Result remove = run(dir, "-c", config("local, ownerless"), "owner", "remove", "csv:orders", "zed");
        assertThat(remove.code()).as(remove.toString()).isEqualTo(2);
    }

    @Test
    void anOutageInOneCatalogKeepsTheOthersWritesAndSaysWhereTheDeadLettersAre() throws Exception {
        Result r = run(dir, "-c", config("local, down"), "owner", "add", "csv:orders", "zed", "--type", "DATA_STEWARD");
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        Path letters = dir.resolve(".lumos/dead-letters/down.jsonl");
        assertThat(r.err())
                .contains("owner urn:li:corpuser:zed (DATA_STEWARD) of csv:orders")
                .contains("written to local")
                .contains("not to down (1 write(s) failed after retries")
                .contains(letters.toString())
                .contains("lumos ingest --replay");
        assertThat(ownersInLocal()).contains("urn:li:corpuser:zed");
        assertThat(DeadLetterFile.read(letters)).hasSize(1);
    }

    @Test
    void lineageGoesEverywhereOrNowhereOnUsageErrorsAndStaysWhereItLandedOnOutages() throws Exception {
        Result ok = run(dir, "-c", config("local, ownerless"), "lineage", "add", "csv:orders", "csv:orders_daily");
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(Files.readString(dir.resolve(".lumos/ownerless-edits.log")))
                .isEqualTo("lineage csv:orders csv:orders_daily\n");

        Result outage =
                run(dir, "-c", config("local, down, ownerless"), "lineage", "add", "csv:orders_daily", "csv:orders");
        assertThat(outage.code()).as(outage.toString()).isEqualTo(3);
        assertThat(outage.err()).contains("written to local, ownerless").contains("not to down");
        Result up = run(dir, "--platform", "local", "lineage", "upstream", "csv:orders");
        assertThat(up.out()).contains("csv:orders_daily");
    }
}
