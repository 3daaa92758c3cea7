package io.lumos.source.openlineage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.PluginContext;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import io.lumos.spi.Settings;
import io.lumos.spi.SettingsBinder;
import io.lumos.spi.SourceHandler;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads every event file under the configured paths (files in name order, folders walked), folds
 * the events into one {@link Intake}, then hands the datasets and the lineage to the sink. A bad
 * event or line is one problem with its {@code file:line}; the rest goes on.
 */
final class OpenLineageSource implements SourceHandler {
    private static final List<String> EXTENSIONS = List.of(".json", ".jsonl", ".ndjson");
    /** A file of the wrong shape would give a problem per line: the first ones say enough. */
    static final int PROBLEMS_PER_FILE = 20;

    private final PluginContext context;
    private final String sourceName;
    private final List<String> paths;
    private final KafkaSettings kafka;
    private final List<PathMatcher> excludes;
    private final boolean preferSymlinks;
    private final boolean datasetsWithoutSchema;
    /** RunEvents are recorded as runs in the catalogs that record runs ({@code runs: false}: not). */
    private final boolean runs;

    private final DatasetBuilder builder;
    private final JsonFactory factory;
    private final ObjectMapper mapper;

    OpenLineageSource(Settings settings, PluginContext context) {
        this.context = context;
        OpenLineageSettings k = SettingsBinder.bind(OpenLineageSettings.class, settings);
        this.sourceName = k.name() != null ? k.name() : settings.scope();
        List<String> p = new ArrayList<>(k.path());
        p.addAll(k.paths());
        if (p.isEmpty() && !settings.has("kafka")) {
            throw new LumosException(
                    ErrorCode.CONFIG_INVALID,
                    settings.scope() + ": the key 'path' is required (a file or folder of OpenLineage events,"
                            + " JSON or JSON lines), or a kafka: block for `lumos consume`");
        }
        this.kafka = KafkaSettings.of(settings);
        this.paths = p;
        List<PathMatcher> ex = new ArrayList<>();
        for (String glob : k.exclude()) {
            ex.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            ex.add(FileSystems.getDefault().getPathMatcher("glob:**/" + glob));
        }
        this.excludes = ex;
        this.preferSymlinks = k.preferSymlinks();
        this.datasetsWithoutSchema = k.datasetsWithoutSchema();
        this.runs = k.runs();
        this.builder = new DatasetBuilder(Namespaces.of(settings, context.environment()));
        // Events can carry long SQL and big schemas: no document limit, one event at a time.
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
                .build();
        this.factory = factory;
        this.mapper = new ObjectMapper(factory);
    }

    @Override
    public String name() {
        return sourceName;
    }

    /** The Kafka consumer of the source's {@code kafka:} block, for {@code lumos consume}. */
    KafkaEventSource stream() {
        if (kafka == null) {
            throw new LumosException(
                    ErrorCode.USAGE,
                    "source " + sourceName + " has no kafka: block (bootstrap_servers, topic, group) to consume;"
                            + " its files are read by `lumos ingest`");
        }
        return new KafkaEventSource(
                sourceName, kafka, preferSymlinks, datasetsWithoutSchema, runs, builder, factory, context);
    }

    @Override
    public void scan(ScanSink sink) {
        if (paths.isEmpty()) {
            // a Kafka-only source: `lumos consume` reads it, an ingest of every source skips it
            context.reporter()
                    .warn(sourceName + ": reads the Kafka topic " + kafka.topic()
                            + " and has no path; `lumos consume -c CONFIG` reads it");
            return;
        }
        Intake intake = new Intake(preferSymlinks);
        if (runs) {
            intake.recordRuns(builder, sink::run);
        }
        EventReader reader = new EventReader(mapper);
        for (Path file : files(sink)) {
            String display = display(file);
            int[] problems = {0};
            Intake.Problems perFile = (where, message) -> {
                if (++problems[0] <= PROBLEMS_PER_FILE) {
                    problem(sink, where, message);
                }
            };
            try {
                reader.read(file, new EventReader.Handler() {
                    @Override
                    public void event(byte[] bytes, int length, int line) {
                        String where = display + ":" + line;
                        Event event;
                        try {
                            event = Event.read(factory, bytes, length);
                        } catch (JsonProcessingException e) {
                            perFile.problem(
                                    where, "not a JSON event: " + EventReader.reason(e) + "; fix or remove the line");
                            return;
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        if (event == null) {
                            perFile.problem(where, "not a JSON object; each line must be one OpenLineage event");
                            return;
                        }
                        intake.accept(event, where, perFile);
                    }

                    @Override
                    public void malformed(int line, String message) {
                        perFile.problem(display + ":" + line, message);
                    }
                });
            } catch (IOException e) {
                sink.problem(new ScanProblem(
                        sourceName, display, "cannot read: " + e.getMessage(), ErrorCode.SOURCE_FAILED, e));
            }
            if (problems[0] > PROBLEMS_PER_FILE) {
                problem(
                        sink,
                        display,
                        (problems[0] - PROBLEMS_PER_FILE) + " more bad lines or events not listed (" + problems[0]
                                + " in all); is it one event per line (JSON lines), or JSON named .json?");
            }
        }
        context.reporter()
                .debug(sourceName + ": " + intake.events() + " event(s), " + intake.datasetCount() + " dataset(s)");
        List<io.lumos.domain.Dataset> datasets = new ArrayList<>();
        List<io.lumos.domain.LineageEdge> edges = new ArrayList<>();
        // merged with what the catalog holds, so that an older event read in a later run does not
        // replace a newer fact an earlier run wrote
        intake.finish(
                builder,
                datasetsWithoutSchema,
                null,
                sink.catalog(),
                (id, message) -> context.reporter().warn(sourceName + ": " + message),
                (where, message) -> problem(sink, where, message),
                datasets::add,
                edges::add);
        sink.expect(datasets.size());
        datasets.forEach(sink::dataset);
        edges.forEach(sink::lineage);
    }

    private void problem(ScanSink sink, String where, String message) {
        sink.problem(new ScanProblem(sourceName, where, message, ErrorCode.BAD_INPUT, null));
    }

    /** The event files, each once, in a stable order: as configured, folders walked in name order. */
    private List<Path> files(ScanSink sink) {
        Set<Path> out = new LinkedHashSet<>();
        for (String raw : paths) {
            Path p = context.resolve(raw);
            if (Files.isRegularFile(p)) {
                out.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> isEventFile(p, f))
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    sink.problem(new ScanProblem(
                            sourceName,
                            display(p),
                            "cannot list files: " + e.getMessage(),
                            ErrorCode.SOURCE_FAILED,
                            e));
                }
            } else {
                sink.problem(new ScanProblem(
                        sourceName,
                        raw,
                        "no such file or folder; 'path' takes a file or folder of OpenLineage events",
                        ErrorCode.SOURCE_FAILED,
                        null));
            }
        }
        return new ArrayList<>(out);
    }

    private boolean isEventFile(Path root, Path f) {
        Path rel = root.relativize(f);
        for (Path part : rel) {
            if (part.toString().startsWith(".") || part.toString().startsWith("_")) {
                return false; // hidden files, _SUCCESS markers, _temporary folders
            }
        }
        for (PathMatcher m : excludes) {
            if (m.matches(rel) || m.matches(f)) {
                return false;
            }
        }
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private String display(Path p) {
        Path wd = context.workingDirectory();
        if (wd != null && p.startsWith(wd)) {
            return wd.relativize(p).toString();
        }
        return p.toString();
    }
}
