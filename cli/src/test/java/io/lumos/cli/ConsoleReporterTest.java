package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.spi.Reporter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress bar on a terminal: gone when it ends, absent on a dumb one, colourless under NO_COLOR. */
class ConsoleReporterTest {
    private static String run(Map<String, String> env) {
        StringWriter text = new StringWriter();
        ConsoleReporter reporter = new ConsoleReporter(new PrintWriter(text, true), false, false, true, env);
        try (Reporter.Progress p = reporter.progress("ingest", 10)) {
            p.step(4);
        }
        return text.toString();
    }

    @Test
    void theLastFrameIsWipedWhenTheBarEnds() {
        String out = run(Map.of("TERM", "xterm-256color"));
        assertThat(out).contains("ingest").contains("4/10");
        String last = out.substring(out.lastIndexOf('\r', out.length() - 2) + 1);
        assertThat(out).endsWith("\r");
        assertThat(last.strip()).as("what stays on screen after the bar").isEmpty();
        assertThat(out).contains("\u001b[");
    }

    @Test
    void aDumbTerminalGetsNoBar() {
        assertThat(run(Map.of("TERM", "dumb"))).isEmpty();
    }

    @Test
    void noColorMeansNoEscapeSequences() {
        String out = run(Map.of("TERM", "xterm", "NO_COLOR", ""));
        assertThat(out).contains("4/10").doesNotContain("\u001b");
    }
}
