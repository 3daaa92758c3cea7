package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "completion",
        description = {
            "Print a bash/zsh completion script for lumos (and ./lumos).",
            "Load it in this shell with: source <(lumos completion)"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(lumos completion)",
            "  source <(./lumos completion)           # in a clone of the source",
            "  lumos completion > ~/.local/share/bash-completion/completions/lumos"
        })
public final class CompletionCommand extends BaseCommand {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // the whole tree: a step that names `completion` builds every command
        out().print(AutoComplete.bash("lumos", spec.commandLine().getParent()));
        // The README runs ./lumos from a clone: name it too, for shells that look up the word as typed.
        out().println();
        out().println("complete -F _complete_lumos -o default ./lumos");
        out().flush();
        return 0;
    }
}
