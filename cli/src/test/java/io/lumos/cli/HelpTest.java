package io.lumos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command and subcommand answers --help, -h and `help CMD SUB` with usage and an example. */
class HelpTest extends CliTestSupport {
    @TempDir
    Path dir;

    /** Each command's path below `lumos`, from picocli's own model of the tree. */
    static Stream<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        walk(LumosCommand.tree(), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void walk(CommandLine cl, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) {
                return; // an alias: the command itself is walked under its name
            }
            List<String> next = new ArrayList<>(path);
            next.add(name);
            walk(sub, next, paths);
        });
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandAnswersHelp(List<String> path) {
        for (int width : new int[] {80, 60}) {
            env.put("COLUMNS", Integer.toString(width));
            List<List<String>> asks = new ArrayList<>();
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                asks.add(args);
            }
            List<String> help = new ArrayList<>(List.of("help"));
            help.addAll(path);
            asks.add(help);
            for (List<String> args : asks) {
                Result r = run(dir, args.toArray(new String[0]));
                String what = "lumos " + String.join(" ", args) + " at width " + width + "\n" + r;
                assertThat(r.code()).as(what).isZero();
                assertThat(r.err()).as(what).isEmpty();
                assertThat(r.out())
                        .as(what)
                        .contains("Usage: lumos" + (path.isEmpty() ? "" : " " + String.join(" ", path)))
                        .contains("Examples:")
                        .containsPattern("\\n  (lumos|source) ");
                for (String line : r.out().split("\\R")) {
                    assertThat(line.length()).as(what + "\nline: " + line).isLessThanOrEqualTo(width);
                }
            }
        }
    }

    /** A newcomer finds every option from the command line: each says what it is for. */
    @ParameterizedTest
    @MethodSource("commands")
    void everyOptionAndParameterIsDescribed(List<String> path) {
        CommandLine cl = LumosCommand.tree();
        for (String name : path) {
            cl = cl.getSubcommands().get(name);
        }
        List<String> undescribed = new ArrayList<>();
        for (CommandLine.Model.ArgSpec arg : cl.getCommandSpec().args()) {
            if (arg.hidden() || arg.isOption() && ((CommandLine.Model.OptionSpec) arg).usageHelp()) {
                continue;
            }
            String label = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
            if (String.join("", arg.description()).isBlank()) {
                undescribed.add(label + " has no description");
            }
            if (arg.paramLabel().startsWith("<") && arg.typeInfo().getType() != boolean.class) {
                undescribed.add(label + " has no PARAM label (" + arg.paramLabel() + ")");
            }
        }
        assertThat(undescribed).as("lumos " + String.join(" ", path)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void helpOfAnUnknownCommandIsAUsageError() {
        Result r = run(dir, "help", "datasets", "lst");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err())
                .contains("'lst' is not a command of 'lumos datasets'")
                .contains("list");
    }

    @org.junit.jupiter.api.Test
    void helpOfARequiredParameterCommandDoesNotAskForIt() {
        Result r = run(dir, "scan", "-h");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("Missing");
        assertThat(r.out()).contains("TARGET");
    }

    @org.junit.jupiter.api.Test
    void helpChainsWithOtherSteps() {
        Result r = run(dir, "help", "plugins", "+", "scan", "--help");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: lumos plugins").contains("Usage: lumos scan");
    }

    @org.junit.jupiter.api.Test
    void theCommandListShowsWholeSummaries() {
        env.put("COLUMNS", "100");
        Result r = run(dir, "--help");
        assertThat(r.out().replaceAll("\\s+", " "))
                .contains("walk lineage from every breaking change, write reports.")
                .contains(" help Show the usage");
    }

    /** A step gets only the commands it names, and still runs and helps as with the whole tree. */
    @org.junit.jupiter.api.Test
    void aStepBuildsOnlyTheCommandsItNames() {
        java.io.PrintWriter sink = new java.io.PrintWriter(new java.io.StringWriter());
        Main main = new Main(new CliRuntime(sink, sink, env, dir, java.time.Clock.systemUTC(), false));
        assertThat(main.commandLine(List.of("scan", "x.csv")).getSubcommands()).containsOnlyKeys("scan");
        assertThat(main.commandLine(List.of("--catalog-path", "c.db", "lineage", "impact", "csv:a"))
                        .getSubcommands())
                .containsOnlyKeys("lineage");
        assertThat(main.commandLine(List.of("help", "scan")).getSubcommands()).containsKeys("scan", "lineage", "help");
        assertThat(main.commandLine(List.of("--help")).getSubcommands())
                .hasSameSizeAs(LumosCommand.tree().getSubcommands());
        assertThat(main.commandLine(List.of("scna")).getSubcommands())
                .hasSameSizeAs(LumosCommand.tree().getSubcommands());
    }
}
