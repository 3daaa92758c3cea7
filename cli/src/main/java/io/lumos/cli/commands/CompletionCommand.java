package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.LumosCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "completion",
        description = {
            "Print a bash/zsh completion script for lumos (and ./lumos).",
            "Load it in this shell with: source <(lumos completion)"
        },
        footerHeading = "%nExamples:%n",
        footer = {"  source <(lumos completion)", "  lumos completion > /etc/bash_completion.d/lumos"})
public final class CompletionCommand extends BaseCommand {
    @Override
    public Integer call() {
        out().print(AutoComplete.bash("lumos", new CommandLine(LumosCommand.class)));
        out().flush();
        return 0;
    }
}
