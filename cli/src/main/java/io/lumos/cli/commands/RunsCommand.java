package io.lumos.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lumos.cli.BaseCommand;
import io.lumos.cli.output.Format;
import io.lumos.cli.output.Table;
import io.lumos.domain.DatasetId;
import io.lumos.json.ModelJson;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.run.RunQuery;
import io.lumos.spi.run.RunRecord;
import io.lumos.spi.run.RunState;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "runs",
        description = "Read pipeline runs back (recorded by lumos run and Lumos.track).",
        subcommands = {RunsCommand.ListCommand.class, RunsCommand.Get.class},
        footerHeading = "%nExamples:%n",
        footer = {"  lumos runs list", "  lumos runs list --job nightly --state fail -f json", "  lumos runs get RUN_ID"
        })
public final class RunsCommand {

    static CatalogAdapter reader(io.lumos.cli.Session session) {
        CatalogAdapter c = session.catalog();
        if (!c.can(Capability.RUNS_READ)) {
            throw new LumosException(
                    ErrorCode.UNSUPPORTED_OPERATION,
                    "the " + c.name() + " catalog cannot read runs back; read them with --platform local," + " or in "
                            + c.name() + "'s own UI");
        }
        return c;
    }

    @Command(
            name = "list",
            description = "Runs, newest first.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos runs list --job nightly", "  lumos runs list --state fail -f json"})
    public static final class ListCommand extends BaseCommand {
        @Option(names = "--job", paramLabel = "NAME", description = "Only runs of this job")
        String job;

        @Option(
                names = "--state",
                paramLabel = "STATE",
                description = "Only runs whose last state is this: start, running, complete, fail or abort")
        String state;

        @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "At most N runs (default 100)")
        int limit;

        @Mixin
        ReadFormat format;

        @Override
        public Integer call() {
            RunState s = null;
            if (state != null) {
                try {
                    s = RunState.valueOf(state.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new LumosException(
                            ErrorCode.USAGE,
                            "--state " + state + ": unknown state; use start, running, complete, fail or abort");
                }
            }
            if (limit <= 0) {
                throw new LumosException(ErrorCode.USAGE, "--limit must be positive, got " + limit);
            }
            List<RunRecord> runs = reader(session()).runs(new RunQuery(job, s, limit));
            if (format.get() == Format.JSON) {
                ArrayNode array = ModelJson.mapper().createArrayNode();
                runs.forEach(r -> array.add(json(r)));
                out().println(array.toPrettyString());
                out().flush();
                return 0;
            }
            Table t = new Table("RUN", "JOB", "STATE", "EXIT", "STARTED", "DURATION", "ERROR");
            for (RunRecord r : runs) {
                t.row(
                        r.runId(),
                        r.namespace() + "/" + r.job(),
                        r.state(),
                        r.exitCode() == null ? "" : r.exitCode(),
                        r.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        r.duration() == null ? "" : seconds(r.duration().toMillis()),
                        r.error() == null ? "" : lastLine(r.error()));
            }
            t.print(out());
            return 0;
        }
    }

    @Command(
            name = "get",
            description = "One run: its states with their times, datasets, exit code, error and parent.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos runs get 3f6c2b1e-8d1a-4b7e-9a51-0c2d9e4f7a10 -f json"})
    public static final class Get extends BaseCommand {
        @Parameters(paramLabel = "RUN_ID", description = "The run's id (a UUID, as runs list shows it)")
        String id;

        @Mixin
        ReadFormat format;

        @Override
        public Integer call() {
            UUID runId;
            try {
                runId = UUID.fromString(id.strip());
            } catch (IllegalArgumentException e) {
                throw new LumosException(
                        ErrorCode.USAGE, "'" + id + "' is not a run id (a UUID); `lumos runs list` shows them");
            }
            CatalogAdapter c = reader(session());
            RunRecord r = c.run(runId)
                    .orElseThrow(() -> new LumosException(
                            ErrorCode.UNKNOWN_DATASET,
                            "no run " + runId + " in the " + c.name() + " catalog (`lumos runs list` shows what is"
                                    + " there)"));
            if (format.get() == Format.JSON) {
                out().println(json(r).toPrettyString());
                out().flush();
                return 0;
            }
            print(out(), r);
            return 0;
        }
    }

    static void print(PrintWriter out, RunRecord r) {
        out.println("run " + r.runId() + "  " + r.namespace() + "/" + r.job() + "  " + r.state());
        line(out, "started", r.startedAt());
        line(out, "ended", r.endedAt());
        line(out, "duration", r.duration() == null ? null : seconds(r.duration().toMillis()));
        line(out, "exit code", r.exitCode());
        line(out, "parent", r.parent());
        line(out, "inputs", ids(r.inputs()));
        line(out, "outputs", ids(r.outputs()));
        line(
                out,
                "states",
                r.history().stream().map(h -> h.state() + " " + h.time()).collect(Collectors.joining(", ")));
        if (r.error() != null) {
            out.println("  error:");
            r.error().lines().forEach(l -> out.println("    " + l));
        }
        out.flush();
    }

    private static String ids(List<DatasetId> ids) {
        return ids.isEmpty() ? null : ids.stream().map(DatasetId::shortName).collect(Collectors.joining(", "));
    }

    private static void line(PrintWriter out, String label, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            out.printf("  %-10s %s%n", label, value);
        }
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    private static String lastLine(String s) {
        String t = s.strip();
        return t.substring(t.lastIndexOf('\n') + 1);
    }

    static ObjectNode json(RunRecord r) {
        ObjectNode n = ModelJson.mapper().createObjectNode();
        n.put("runId", r.runId().toString());
        n.put("namespace", r.namespace());
        n.put("job", r.job());
        n.put("state", r.state().name());
        n.put("startedAt", r.startedAt().toString());
        n.put("endedAt", r.endedAt() == null ? null : r.endedAt().toString());
        if (r.duration() == null) {
            n.putNull("durationMs");
        } else {
            n.put("durationMs", r.duration().toMillis());
        }
        if (r.exitCode() == null) {
            n.putNull("exitCode");
        } else {
            n.put("exitCode", r.exitCode());
        }
        n.put("error", r.error());
        n.put("parent", r.parent() == null ? null : r.parent().toString());
        ArrayNode in = n.putArray("inputs");
        r.inputs().forEach(i -> in.add(i.urn()));
        ArrayNode outs = n.putArray("outputs");
        r.outputs().forEach(o -> outs.add(o.urn()));
        ArrayNode history = n.putArray("states");
        r.history().forEach(h -> history.addObject()
                .put("state", h.state().name())
                .put("time", h.time().toString()));
        return n;
    }
}
