package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.config.LumosConfig;
import io.lumos.cli.config.LumosConfig.SourceConfig;
import io.lumos.cli.service.IngestService;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.EmitReport;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "ingest",
        description = "Run the configured sources and write what they find to the configured catalogs.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos ingest -c config-samples/quickstart.yaml",
            "  lumos ingest -c lumos.yaml --source shop --dry-run",
            "  lumos ingest -c lumos.yaml --replay out/dead-letter.json"
        })
public final class IngestCommand extends BaseCommand {
    @Option(names = "--source", paramLabel = "NAME", description = "Only these sources (repeatable)")
    List<String> only = new ArrayList<>();

    @Option(names = "--dry-run", description = "Scan and show what would be written, write nothing")
    boolean dryRun;

    @Option(names = "--replay", paramLabel = "FILE", description = "Send again the emits a dead-letter file holds")
    Path replay;

    @Option(
            names = "--fail-on",
            paramLabel = "LEVEL",
            description = "Exit 1 when an assertion fails at this severity or worse: breaking, non_breaking, info "
                    + "(default: failures are printed, the exit code does not change)")
    String failOn;

    private final Provider<IngestService> ingests;

    @Inject
    IngestCommand(Provider<IngestService> ingests) {
        this.ingests = ingests;
    }

    @Override
    public Integer call() {
        io.lumos.domain.diff.FailOn blockOn = null;
        if (failOn != null) {
            try {
                blockOn = io.lumos.domain.diff.FailOn.parse(failOn);
            } catch (IllegalArgumentException e) {
                throw new LumosException(ErrorCode.USAGE, "ingest --fail-on: " + e.getMessage());
            }
        }
        if (replay != null) {
            return replay();
        }
        LumosConfig config = session().config();
        if (config.file() == null) {
            throw new LumosException(
                    ErrorCode.USAGE,
                    "ingest needs a config with sources: lumos ingest -c config-samples/quickstart.yaml");
        }
        List<SourceConfig> sources = select(config);
        IngestService.Result r = ingests.get().ingest(sources, dryRun);
        String where = dryRun
                ? "dry run, nothing written"
                : "into " + String.join(", ", r.emits().keySet());
        note((dryRun ? "would ingest " : "ingested ") + r.datasets() + " dataset(s) from " + sources.size()
                + " source(s) " + where + "; " + r.lineageEdges() + " lineage edge(s); " + r.newVersions()
                + " new version(s)");
        for (String v : r.plannedVersions()) {
            note("  version " + v);
        }
        if (!r.stale().removed().isEmpty()) {
            note((dryRun ? "would mark " : "marked ") + r.stale().removed().size()
                    + " dataset(s) removed that their source no longer has (features.remove_stale):");
            r.stale().removed().forEach(id -> note("  removed " + id.shortName()));
        }
        if (r.stale().overShare()) {
            err().println("error: stale datasets were not removed (see the warnings above)");
            return ErrorCode.SOURCE_FAILED.exitCode();
        }
        for (Map.Entry<String, EmitReport> e : r.emits().entrySet()) {
            EmitReport report = e.getValue();
            if (report.hasFailures()) {
                err().println("error: " + report.failed() + " emit(s) to " + e.getKey() + " failed after retries; "
                        + "they are in " + report.deadLetterFile() + "; send them again with `lumos ingest --replay "
                        + report.deadLetterFile() + "`");
            }
        }
        if (!r.problems().isEmpty()) {
            err().println("error: " + r.problems().size() + " item(s) could not be read (see the warnings above); "
                    + "everything else was ingested");
        }
        int blocking = 0;
        if (!r.assertions().isEmpty()) {
            long passed = r.assertions().stream()
                    .filter(a -> a.status() == io.lumos.domain.assertion.AssertionStatus.PASS)
                    .count();
            note("assertions: " + passed + " of " + r.assertions().size() + " passed; see `lumos assertions`");
            for (io.lumos.domain.assertion.AssertionResult a : r.assertions()) {
                if (a.status() == io.lumos.domain.assertion.AssertionStatus.PASS) {
                    continue;
                }
                boolean blocks = blockOn != null && a.failed() && blockOn.blocks(a.severity());
                blocking += blocks ? 1 : 0;
                err().println((a.failed() ? "assertion failed (" + a.severity() + "): " : "assertion unchecked: ")
                        + a.dataset().shortName() + " " + a.check() + ": " + a.reason());
            }
        }
        if (r.failed()) {
            return ErrorCode.SOURCE_FAILED.exitCode();
        }
        if (blocking > 0) {
            err().println("error: " + blocking + " assertion(s) failed at or above --fail-on " + failOn);
            return 1;
        }
        return 0;
    }

    private List<SourceConfig> select(LumosConfig config) {
        if (only.isEmpty()) {
            return config.sources();
        }
        Map<String, SourceConfig> byName = new LinkedHashMap<>();
        config.sources().forEach(s -> byName.put(s.name(), s));
        List<SourceConfig> out = new ArrayList<>();
        for (String name : only) {
            SourceConfig s = byName.get(name);
            if (s == null) {
                String hint = io.lumos.spi.Settings.didYouMean(name, byName.keySet());
                throw new LumosException(
                        ErrorCode.USAGE,
                        "no source named '" + name + "' in " + config.file()
                                + (hint != null
                                        ? "; did you mean '" + hint + "'?"
                                        : "; sources: " + String.join(", ", byName.keySet())));
            }
            out.add(s);
        }
        return out;
    }

    /** Puts a set-aside dead-letter file back when the replay could not run at all. */
    private void restore(Path aside) {
        try {
            if (Files.exists(aside) && !Files.exists(replay)) {
                Files.move(aside, replay);
            }
        } catch (java.io.IOException e) {
            err().println("warning: the letters of " + replay + " are in " + aside + " (" + e.getMessage() + ")");
        }
    }

    private int replay() {
        if (!Files.isRegularFile(replay)) {
            throw new LumosException(ErrorCode.USAGE, replay + ": no such dead-letter file");
        }
        List<DeadLetter> letters = DeadLetterFile.read(replay);
        // The letters are in memory now. The file is set aside while they are sent, because what
        // fails again is written to the catalog's dead-letter file, which is often this very file:
        // after a replay it holds exactly what is still undelivered (nothing when all landed).
        Path aside = replay.resolveSibling(replay.getFileName() + ".replaying");
        try {
            Files.move(replay, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new LumosException(
                    ErrorCode.USAGE, replay + ": cannot set the file aside to replay it (" + e.getMessage() + ")");
        }
        Map<String, List<DeadLetter>> byPlatform = new LinkedHashMap<>();
        for (DeadLetter l : letters) {
            byPlatform.computeIfAbsent(l.platform(), k -> new ArrayList<>()).add(l);
        }
        int stillFailing = 0;
        Set<String> platforms = byPlatform.keySet();
        Set<String> writtenTo = new java.util.TreeSet<>();
        for (String platform : platforms) {
            CatalogAdapter catalog = session().catalogs().stream()
                    .filter(c -> c.name().equals(platform))
                    .findFirst()
                    .orElseThrow(() -> new LumosException(
                            ErrorCode.USAGE,
                            replay + " holds emits for " + platform
                                    + ", which is not a configured platform; run with --platform " + platform
                                    + " -c CONFIG"));
            int failed;
            try {
                failed = catalog.replay(byPlatform.get(platform));
            } catch (RuntimeException e) {
                restore(aside);
                throw e;
            }
            stillFailing += failed;
            if (failed > 0 && catalog.report().deadLetterFile() != null) {
                writtenTo.add(catalog.report().deadLetterFile().toString());
            }
        }
        try {
            Files.deleteIfExists(aside);
        } catch (java.io.IOException e) {
            err().println("warning: could not delete " + aside + " (" + e.getMessage() + "); delete it by hand");
        }
        note("replayed " + (letters.size() - stillFailing) + " of " + letters.size() + " emit(s) from " + replay);
        if (stillFailing > 0) {
            err().println("error: " + stillFailing + " emit(s) still failed; they were written to "
                    + (writtenTo.isEmpty() ? "the catalogs' dead-letter files" : String.join(", ", writtenTo))
                    + "; replay that file again when the catalog is back");
            return ErrorCode.EMIT_FAILED.exitCode();
        }
        return 0;
    }
}
