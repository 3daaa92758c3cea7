package io.lumos.platform.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.spi.CatalogAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DataHub plugin changes no JVM-wide state for the ANTLR lines its client prints: the process's
 * stderr is the CLI's to filter ({@code StderrNoiseFilter}), not the plugin's to swap.
 */
class DataHubLeavesStderrAloneTest {
    @TempDir
    Path dir;

    @Test
    void stderrIsTheSameObjectBeforeAndAfterThePluginLoadsAndWrites() throws Exception {
        PrintStream original = System.err;
        PrintStream mine = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        System.setErr(mine);
        try {
            try (CatalogAdapter a = Adapters.open(dir, Map.of("transport", "file", "file", "out/mcps.json"))) {
                assertThat(System.err).isSameAs(mine);
                a.writeDatasets(List.of(DataHubWriteTest.orders()));
                a.flush();
                assertThat(System.err).isSameAs(mine);
            }
            assertThat(System.err).isSameAs(mine);
        } finally {
            System.setErr(original);
        }
        assertThat(Files.readString(dir.resolve("out/mcps.json"))).contains("schemaMetadata");
    }

    /**
     * Why the CLI filters at all, and the exact lines it drops: loading the client's PDL parser in a
     * fresh class loader (its static initializer runs once per loader) prints them to whatever
     * {@code System.err} is. When a client release stops printing them, this fails and the filter
     * can go.
     */
    @Test
    void theClientsPdlParserPrintsAntlrVersionLinesToStderrWhenItLoads() throws Exception {
        URL lexer = getClass().getClassLoader().getResource("com/linkedin/data/grammar/PdlLexer.class");
        assertThat(lexer).isNotNull();
        String jar = lexer.toString();
        URL clientJar = new URL(jar.substring("jar:".length(), jar.indexOf("!/")));
        PrintStream original = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {clientJar}, ClassLoader.getPlatformClassLoader())) {
            Class.forName("com.linkedin.data.grammar.PdlLexer", true, fresh);
        } finally {
            System.setErr(original);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "ANTLR Tool version 4.5 used for code generation does not match the current runtime version 4.9.3",
                        "ANTLR Runtime version 4.5 used for parser compilation does not match the current runtime"
                                + " version 4.9.3");
    }
}
