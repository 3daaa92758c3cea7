package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Picocli reports a help text it cannot format (a lone {@code %} in a description, say) on the
 * process's stderr, past the command's own writers: every command's help renders without one.
 */
class HelpWarningsTest {
    static java.util.stream.Stream<List<String>> commands() {
        return HelpTest.commands();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpRendersWithoutPicocliWarnings(List<String> path) {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String usage;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CommandLine cl = LumosCommand.tree();
            for (String name : path) {
                cl = cl.getSubcommands().get(name);
            }
            usage = cl.getUsageMessage();
        } finally {
            System.setErr(before);
        }
        String what = "lumos " + String.join(" ", path) + " --help";
        assertThat(captured.toString(StandardCharsets.UTF_8)).as(what).isEmpty();
        assertThat(usage).as(what).startsWith("Usage: lumos").doesNotContain("%n");
    }
}
