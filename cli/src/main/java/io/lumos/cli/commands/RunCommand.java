package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.service.RunService;
import io.lumos.domain.DatasetId;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.run.ParentRun;
import io.lumos.spi.run.RunSpec;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "run",
        description = {
            "Run a command as a tracked pipeline run: START, then COMPLETE, FAIL (exit code and the last lines of"
                    + " stderr) or ABORT (Ctrl-C, SIGTERM) in every configured catalog that records runs.",
            "stdin and stdout are the command's; its stderr passes through. Lumos exits with the command's exit code"
                    + " (128+n for signal n). The command sees its run as OPENLINEAGE_PARENT_ID"
                    + " (namespace/job/runId), so runs it starts link to it. A catalog that is down never fails the"
                    + " command: its events go to " + RunService.DEAD_LETTER + "."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos run --job nightly_orders --input postgres:shop.public.orders --output s3:lake/daily -- ./build.sh",
            "  lumos run --job load -c lumos.yaml -- python load.py --day 2026-03-01",
            "  lumos runs list --job nightly_orders"
        })
public final class RunCommand extends BaseCommand {
    @Option(names = "--job", required = true, paramLabel = "NAME", description = "The pipeline's name")
    String job;

    @Option(
            names = "--namespace",
            paramLabel = "NS",
            description = "The job's namespace (default: OPENLINEAGE_NAMESPACE, else Marquez's job_namespace, else"
                    + " lumos)")
    String namespace;

    @Option(
            names = "--input",
            paramLabel = "ID",
            description = "A dataset the command reads, URN or platform:name (repeatable)")
    List<String> inputs = new ArrayList<>();

    @Option(
            names = "--output",
            paramLabel = "ID",
            description = "A dataset the command writes, URN or platform:name (repeatable)")
    List<String> outputs = new ArrayList<>();

    @Option(
            names = "--parent",
            paramLabel = "RUN",
            description = "The run that started this one, namespace/job/runId (default: OPENLINEAGE_PARENT_ID)")
    String parent;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, after --")
    List<String> command;

    private final Provider<RunService> runs;

    @Inject
    RunCommand(Provider<RunService> runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() {
        RunService runs = this.runs.get();
        ParentRun parentRun;
        if (parent != null) {
            try {
                parentRun = ParentRun.parse(parent);
            } catch (IllegalArgumentException e) {
                throw new LumosException(ErrorCode.USAGE, "--parent: " + e.getMessage());
            }
        } else {
            parentRun = runs.parentFromEnvironment();
        }
        RunSpec spec =
                new RunSpec(job, namespace, ids(inputs, "--input"), ids(outputs, "--output"), Map.of(), parentRun);
        return runs.exec(spec, command, err(), rawErr());
    }

    private List<DatasetId> ids(List<String> texts, String option) {
        List<DatasetId> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(DatasetId.parse(t, session().environment()));
            } catch (IllegalArgumentException e) {
                throw new LumosException(ErrorCode.USAGE, option + " " + t + ": " + e.getMessage());
            }
        }
        return out;
    }
}
