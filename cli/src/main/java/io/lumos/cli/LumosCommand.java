package io.lumos.cli;

import io.lumos.cli.commands.AssertionsCommand;
import io.lumos.cli.commands.CompletionCommand;
import io.lumos.cli.commands.ConsumeCommand;
import io.lumos.cli.commands.DatasetsCommand;
import io.lumos.cli.commands.DiffCommand;
import io.lumos.cli.commands.ExtractCommand;
import io.lumos.cli.commands.GateCommand;
import io.lumos.cli.commands.HelpCommand;
import io.lumos.cli.commands.IngestCommand;
import io.lumos.cli.commands.LineageCommand;
import io.lumos.cli.commands.OwnerCommand;
import io.lumos.cli.commands.PluginsCommand;
import io.lumos.cli.commands.ProductsCommand;
import io.lumos.cli.commands.RunCommand;
import io.lumos.cli.commands.RunsCommand;
import io.lumos.cli.commands.ScanCommand;
import io.lumos.cli.commands.SnapshotCommand;
import io.lumos.cli.commands.VersionCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/** The top of the command tree. New commands are added to {@link #COMMANDS} here. */
@Command(
        name = "lumos",
        // INHERIT: every subcommand, at any depth, gets -h/--help (and -V/--version) and the
        // usage-width settings, without repeating them on each class.
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "A catalog-independent metadata layer: read schemas where data lives, write them with lineage, owners and versions into any catalog, diff them, and gate CI on breaking changes.",
            "",
            "Chain steps with a lone '+'; they run in one process and share the catalog session.",
            "Run 'lumos help COMMAND [SUBCOMMAND]' or 'lumos COMMAND --help' for a command's options."
        },
        parameterListHeading = "%nParameters:%n",
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos scan data/orders.csv",
            "  lumos ingest -c config-samples/quickstart.yaml + datasets list",
            "  lumos lineage impact csv:orders",
            "  lumos help datasets get",
            "",
            "Exit codes: 0 ok, 1 blocking findings, 2 usage or config, 3 an external system failed, 4 internal error."
        })
public final class LumosCommand {
    /**
     * The commands, in the order help lists them. Not in {@code @Command(subcommands)}: {@link
     * Main#commandLine(List)} adds only those a step names, since building all of them is a good
     * part of a short run's start-up.
     */
    static final List<Class<?>> COMMANDS = List.of(
            ScanCommand.class,
            IngestCommand.class,
            ConsumeCommand.class,
            DatasetsCommand.class,
            ProductsCommand.class,
            LineageCommand.class,
            OwnerCommand.class,
            VersionCommand.class,
            SnapshotCommand.class,
            ExtractCommand.class,
            DiffCommand.class,
            GateCommand.class,
            RunCommand.class,
            RunsCommand.class,
            AssertionsCommand.class,
            PluginsCommand.class,
            CompletionCommand.class,
            HelpCommand.class);

    @Mixin
    GlobalOptions global;

    /** A command tree with every command, built as the command line builds it (for tests and tools). */
    public static CommandLine tree() {
        java.io.PrintWriter none = new java.io.PrintWriter(java.io.Writer.nullWriter());
        return new Main(new CliRuntime(
                        none, none, java.util.Map.of(), java.nio.file.Path.of(""), java.time.Clock.systemUTC(), false))
                .commandLine();
    }
}
