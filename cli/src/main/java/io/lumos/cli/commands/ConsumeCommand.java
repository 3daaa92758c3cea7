package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.config.LumosConfig;
import io.lumos.cli.config.LumosConfig.SourceConfig;
import io.lumos.cli.service.ConsumeService;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Settings;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "consume",
        description = {
            "Read a source's Kafka topic continuously (type: openlineage with a kafka: block) in a consumer group,"
                    + " and write each batch to the configured catalogs as `lumos ingest` does.",
            "Offsets are committed only once the catalogs took a batch; a catalog outage is retried with backoff."
                    + " Events that cannot be read go to the dead-letter file with their topic, partition and offset."
                    + " SIGTERM or Ctrl-C writes and commits the batch in hand, then exits 0."
                    + " Start several in one group to share the topic's partitions."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos consume -c config-samples/openlineage-kafka.yaml",
            "  lumos consume -c lumos.yaml --source lineage --idle-timeout 30s",
            "  lumos consume -c lumos.yaml --max-events 1000 --dead-letter out/poison.jsonl"
        })
public final class ConsumeCommand extends BaseCommand {
    @Option(
            names = "--source",
            paramLabel = "NAME",
            description = "The source to consume (needed when the config has several with a kafka: block)")
    String sourceName;

    @Option(
            names = "--max-events",
            paramLabel = "N",
            description = "Stop after the batch that brings the count to N events")
    Long maxEvents;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            description = "Stop when no event came for this long (30s, 2m, 500ms) while in the consumer group;"
                    + " joining and rebalances do not count, for at most the group's rebalance timeout"
                    + " (max.poll.interval.ms, 5 min by default) or this timeout when longer,"
                    + " so a consumer never taken into its group still stops")
    String idleTimeout;

    @Option(
            names = "--dead-letter",
            paramLabel = "FILE",
            description = "Where unreadable events go (default .lumos/dead-letters/consume-SOURCE.jsonl)")
    Path deadLetter;

    private final Provider<ConsumeService> consumers;

    @Inject
    ConsumeCommand(Provider<ConsumeService> consumers) {
        this.consumers = consumers;
    }

    @Override
    public Integer call() {
        LumosConfig config = session().config();
        if (config.file() == null) {
            throw new LumosException(
                    ErrorCode.USAGE,
                    "consume needs a config with a source that has a kafka: block:"
                            + " lumos consume -c config-samples/openlineage-kafka.yaml");
        }
        if (maxEvents != null && maxEvents < 1) {
            throw new LumosException(ErrorCode.USAGE, "--max-events must be 1 or more, not " + maxEvents);
        }
        Duration idle = idleTimeout == null
                ? null
                : Settings.of("--idle-timeout", Map.of("idle", idleTimeout)).duration("idle", null);
        SourceConfig source = select(config);
        ConsumeService consume = consumers.get();
        Path deadLetterFile = deadLetter != null
                ? session().workingDirectory().resolve(deadLetter)
                : consume.defaultDeadLetterFile(source);
        ConsumeService.Result r;
        try (Signals ignored = Signals.install(consume::stop)) {
            r = consume.consume(source, new ConsumeService.Limits(maxEvents, idle), deadLetterFile, err(), quiet());
        }
        List<String> split = new ArrayList<>();
        r.perPartition().forEach((p, n) -> split.add(p + ": " + n));
        note("consumed " + r.events() + " event(s) in " + r.batches() + " batch(es)"
                + (split.isEmpty() ? "" : " (" + String.join(", ", split) + ")") + "; wrote " + r.datasets()
                + " dataset(s), " + r.newVersions() + " new version(s), " + r.lineageEdges()
                + " lineage edge(s); offsets committed"
                + (r.batches() == 0
                        ? ""
                        : String.format(
                                java.util.Locale.ROOT,
                                "; the last batch %.1f s after the start",
                                r.untilLastCommit().toMillis() / 1000.0)));
        if (r.poison() > 0) {
            err().println("warning: " + r.poison() + " event(s) could not be read; they are in " + r.deadLetterFile()
                    + " with their topic, partition and offset");
        }
        if (!r.drained()) {
            err().println("error: stopped while the catalogs did not take a batch; its offsets are not committed,"
                    + " so the next `lumos consume` in the group reads it again");
            return ErrorCode.EMIT_FAILED.exitCode();
        }
        return 0;
    }

    private SourceConfig select(LumosConfig config) {
        List<SourceConfig> candidates = new ArrayList<>();
        for (SourceConfig s : config.sources()) {
            if (sourceName != null ? s.name().equals(sourceName) : s.settings().has("kafka")) {
                candidates.add(s);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        List<String> names = config.sources().stream().map(SourceConfig::name).toList();
        if (sourceName != null) {
            String hint = Settings.didYouMean(sourceName, names);
            throw new LumosException(
                    ErrorCode.USAGE,
                    "no source named '" + sourceName + "' in " + config.file()
                            + (hint != null
                                    ? "; did you mean '" + hint + "'?"
                                    : "; sources: " + String.join(", ", names)));
        }
        if (candidates.isEmpty()) {
            throw new LumosException(
                    ErrorCode.USAGE,
                    "no source in " + config.file() + " has a kafka: block (bootstrap_servers, topic, group);"
                            + " see config-samples/openlineage-kafka.yaml");
        }
        throw new LumosException(
                ErrorCode.USAGE,
                "several sources in " + config.file() + " have a kafka: block ("
                        + String.join(
                                ", ",
                                candidates.stream().map(SourceConfig::name).toList())
                        + "); choose one with --source NAME, one `lumos consume` each");
    }

    /**
     * SIGTERM and SIGINT handled by the JVM's own signal API, so that the consumer drains its batch
     * and the process exits with the command's code (a shutdown hook could only wait, and the exit
     * status would be 143). Where the API is missing, a shutdown hook still drains the batch.
     */
    static final class Signals implements AutoCloseable {
        private final List<Runnable> undo = new ArrayList<>();

        static Signals install(Runnable stop) {
            Signals s = new Signals();
            try {
                for (String name : new String[] {"TERM", "INT"}) {
                    sun.misc.Signal signal = new sun.misc.Signal(name);
                    sun.misc.SignalHandler before = sun.misc.Signal.handle(signal, sig -> stop.run());
                    s.undo.add(() -> sun.misc.Signal.handle(signal, before));
                }
            } catch (IllegalArgumentException | LinkageError e) {
                // no such signal here (or no sun.misc): fall back to a hook that stops and waits a little
                Thread hook = new Thread(stop, "lumos-consume-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                s.undo.add(() -> {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the JVM is already stopping
                    }
                });
            }
            return s;
        }

        @Override
        public void close() {
            undo.forEach(Runnable::run);
        }
    }
}
