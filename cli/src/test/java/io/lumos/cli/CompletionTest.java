package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The completion script, loaded into a real bash, completes both `lumos` and `./lumos`. */
class CompletionTest extends CliTestSupport {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"lumos", "./lumos"})
    void bashCompletesSubcommands(String command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash here; skipping");
        Result r = run(dir, "completion");
        assertThat(r.code()).as(r.toString()).isZero();
        Path script = dir.resolve("lumos-completion.bash");
        Files.writeString(script, r.out(), StandardCharsets.UTF_8);
        // What bash does on TAB: find the compspec registered for the command word, call its function.
        String probe = String.join(
                "\n",
                "source \"$1\"",
                "compopt() { :; }   # a builtin that works only inside a real TAB",
                "spec=$(complete -p '" + command + "') || exit 3",
                "fn=$(sed -E 's/.*-F ([^ ]+).*/\\1/' <<<\"$spec\")",
                "COMP_WORDS=('" + command + "' datas); COMP_CWORD=1; COMP_LINE='" + command + " datas';"
                        + " COMP_POINT=${#COMP_LINE}",
                "\"$fn\" '" + command + "' datas '" + command + "'",
                "printf '%s\\n' \"${COMPREPLY[@]}\"");
        Process p = new ProcessBuilder("/bin/bash", "-c", probe, "probe", script.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.strip()).as(output).isEqualTo("datasets");
    }
}
