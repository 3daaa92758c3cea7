package io.lumos.cli.service;

import io.lumos.cli.Session;
import io.lumos.cli.config.LumosConfig.SourceConfig;
import io.lumos.domain.Dataset;
import io.lumos.domain.LineageEdge;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.Redaction;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import io.lumos.spi.Settings;
import io.lumos.spi.SourceHandler;
import io.lumos.spi.SourceHandlerFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs sources: from config entries, or from a `scan TARGET` argument. */
public final class ScanService {
    private final Session session;

    public ScanService(Session session) {
        this.session = session;
    }

    /** The source a target argument names: a URI scheme a source claims, else a local path. */
    public SourceConfig sourceForTarget(String target) {
        List<SourceHandlerFactory> factories = new ArrayList<>(session.plugins().all(SourceHandlerFactory.class));
        // Sources with their own URI schemes go first; the local files source takes what is left.
        factories.sort(Comparator.comparing((SourceHandlerFactory f) -> f.name().equals("file")));
        for (SourceHandlerFactory f : factories) {
            Optional<Map<String, Object>> settings;
            try {
                settings = f.settingsForTarget(target);
            } catch (LumosException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new LumosException(ErrorCode.USAGE, Redaction.redactText(target + ": " + e.getMessage()), e);
            }
            if (settings.isPresent()) {
                // The target names the source in every message and result: without its password.
                String name = Redaction.redactUrl(target);
                Map<String, Object> values = new LinkedHashMap<>(settings.get());
                values.putIfAbsent("type", f.name());
                values.putIfAbsent("name", name);
                return new SourceConfig(name, f.name(), new Settings("scan " + name, values, Map.of()));
            }
        }
        boolean looksLikeUri = target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
        throw new LumosException(
                ErrorCode.USAGE,
                looksLikeUri
                        ? "no installed source reads '" + target.substring(0, target.indexOf("://") + 3)
                                + "' targets; see `lumos plugins` for the sources installed"
                        : Redaction.redactUrl(target) + ": " + missing(target) + " (postgresql://, s3://, mongodb://)");
    }

    /** Why a target that is no URL names nothing to read: absent, or a link that leads nowhere. */
    private String missing(String target) {
        try {
            java.nio.file.Path p = session.workingDirectory().resolve(target);
            if (java.nio.file.Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !java.nio.file.Files.exists(p)) {
                return "is a symbolic link to nothing (or to itself); fix or remove the link,"
                        + " or give a file, a folder, a glob or a URI";
            }
        } catch (java.nio.file.InvalidPathException e) {
            // not a path at all: the general sentence below
        }
        return "no such file or folder; give a file, a folder, a glob or a URI";
    }

    /** Runs one source, handing what it finds to the sink. Source-level failures are thrown. */
    public void run(SourceConfig source, ScanSink sink) {
        SourceHandlerFactory factory =
                session.plugins().require(SourceHandlerFactory.class, source.type(), "source type");
        Settings settings = source.settings();
        if (!settings.has("type")) {
            Map<String, Object> values = new LinkedHashMap<>(settings.asMap());
            values.put("type", source.type());
            settings = new Settings(settings.scope(), values, Map.of());
        }
        try (SourceHandler handler = factory.create(settings, session.pluginContext())) {
            handler.scan(redacting(sink));
        } catch (LumosException e) {
            if (e.code().kind() != ErrorCode.Kind.USER) {
                throw e; // becomes a problem of this source, named once by sourceProblem
            }
            throw new LumosException(e.code(), "source " + source.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A failure of a whole source as one problem line that names the source once: sources name
     * themselves in their messages ("source 'shop': PostgreSQL at ..."), and then no prefix is added.
     */
    public static ScanProblem sourceProblem(SourceConfig source, LumosException e) {
        String message = e.getMessage() == null ? e.code().name() : e.getMessage();
        String own = source.settings().has("name")
                ? String.valueOf(source.settings().asMap().get("name"))
                : null;
        boolean named = message.contains(source.name())
                || message.contains(Redaction.redactText(source.name()))
                || (own != null && message.contains("'" + own + "'"));
        return new ScanProblem(named ? null : source.name(), "", message, e.code(), e);
    }

    /**
     * What a source finds, with the credentials of locations and properties masked before any
     * catalog, snapshot, report or extract sees them.
     */
    private static ScanSink redacting(ScanSink sink) {
        return new ScanSink() {
            @Override
            public void dataset(Dataset dataset) {
                sink.dataset(Redaction.dataset(dataset));
            }

            @Override
            public void lineage(LineageEdge edge) {
                sink.lineage(edge);
            }

            @Override
            public void usage(io.lumos.domain.usage.UsageSample sample) {
                sink.usage(sample); // counters and times only: nothing to mask
            }

            @Override
            public void run(io.lumos.spi.run.RunEvent event) {
                sink.run(event); // a RunEvent's error and args are redacted when it is made
            }

            @Override
            public void problem(ScanProblem problem) {
                sink.problem(problem);
            }

            @Override
            public io.lumos.spi.CatalogView catalog() {
                return sink.catalog(); // read back as written: already masked
            }
        };
    }

    /** Scans sources into memory; problems are reported as they come and returned too. */
    public ScanResult scan(List<SourceConfig> sources) {
        CollectingSink sink = new CollectingSink(session);
        for (SourceConfig s : sources) {
            try {
                run(s, sink.forSource(s.name()));
            } catch (LumosException e) {
                if (e.code().kind() == ErrorCode.Kind.USER) {
                    throw e;
                }
                sink.problem(sourceProblem(s, e));
            }
        }
        return sink.result();
    }

    /** A sink that keeps everything, thread-safe, warning about problems as they come. */
    static final class CollectingSink implements ScanSink {
        private final Session session;
        private final List<Dataset> datasets = new ArrayList<>();
        private final List<LineageEdge> lineage = new ArrayList<>();
        private final List<ScanProblem> problems = new ArrayList<>();

        CollectingSink(Session session) {
            this.session = session;
        }

        ScanSink forSource(String source) {
            return new ScanSink() {
                @Override
                public void dataset(Dataset dataset) {
                    CollectingSink.this.dataset(dataset);
                }

                @Override
                public void lineage(LineageEdge edge) {
                    CollectingSink.this.lineage(edge);
                }

                @Override
                public void problem(ScanProblem problem) {
                    CollectingSink.this.problem(
                            problem.source() == null
                                    ? new ScanProblem(
                                            source,
                                            problem.location(),
                                            problem.message(),
                                            problem.code(),
                                            problem.cause())
                                    : problem);
                }
            };
        }

        @Override
        public synchronized void dataset(Dataset dataset) {
            datasets.add(dataset);
        }

        @Override
        public synchronized void lineage(LineageEdge edge) {
            lineage.add(edge);
        }

        @Override
        public synchronized void problem(ScanProblem problem) {
            problems.add(problem);
            session.reporter().warn(problem.toString());
            if (problem.cause() != null) {
                session.reporter().trace(problem.cause());
            }
        }

        synchronized ScanResult result() {
            List<Dataset> sorted = new ArrayList<>(datasets);
            sorted.sort(Comparator.comparing(Dataset::id));
            return new ScanResult(sorted, lineage, problems);
        }
    }
}
