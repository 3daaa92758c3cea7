package io.lumos.cli.commands;

import io.lumos.spi.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lumos help [COMMAND [SUBCOMMAND...]]}, as git and kubectl have it. Picocli's own help
 * command takes one level only; this one walks any depth and answers an unknown name with exit 2.
 */
@Command(
        name = "help",
        description = "Show the usage, options and examples of a command or subcommand.",
        footerHeading = "%nExamples:%n",
        footer = {"  lumos help", "  lumos help ingest", "  lumos help datasets get"})
public final class HelpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A command, then its subcommands")
    List<String> path = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine parent = spec.commandLine().getParent();
        CommandLine target = parent;
        List<String> walked = new ArrayList<>();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                String where = walked.isEmpty() ? "lumos" : "lumos " + String.join(" ", walked);
                var err = spec.commandLine().getErr();
                err.println("error: '" + name + "' is not a command of '" + where + "'; it has: "
                        + String.join(", ", target.getSubcommands().keySet()));
                err.println("Run 'lumos help' for the list of commands.");
                return ErrorCode.USAGE.exitCode();
            }
            walked.add(name);
            target = next;
        }
        target.usage(spec.commandLine().getOut());
        return 0;
    }
}
