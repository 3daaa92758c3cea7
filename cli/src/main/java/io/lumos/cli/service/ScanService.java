package io.lumos.cli.service;

import io.lumos.cli.Session;
import io.lumos.cli.config.LumosConfig.SourceConfig;
import io.lumos.domain.Dataset;
import io.lumos.domain.LineageEdge;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
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
                throw new LumosException(ErrorCode.USAGE, target + ": " + e.getMessage(), e);
            }
            if (settings.isPresent()) {
                Map<String, Object> values = new LinkedHashMap<>(settings.get());
                values.putIfAbsent("type", f.name());
                values.putIfAbsent("name", target);
                return new SourceConfig(target, f.name(), new Settings("scan " + target, values, Map.of()));
            }
        }
        boolean looksLikeUri = target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
        throw new LumosException(
                ErrorCode.USAGE,
                looksLikeUri
                        ? "no installed source reads '" + target.substring(0, target.indexOf("://") + 3)
                                + "' targets; see `lumos plugins` for the sources installed"
                        : target + ": no such file or folder; give a file, a folder, a glob or a URI "
                                + "(postgresql://, s3://, mongodb://)");
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
            handler.scan(sink);
        } catch (LumosException e) {
            throw new LumosException(e.code(), "source " + source.name() + ": " + e.getMessage(), e);
        }
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
                sink.problem(new ScanProblem(s.name(), s.name(), e.getMessage(), e.code(), e));
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
            if (problem.cause() != null && session.options().verbose()) {
                problem.cause().printStackTrace();
            }
        }

        synchronized ScanResult result() {
            List<Dataset> sorted = new ArrayList<>(datasets);
            sorted.sort(Comparator.comparing(Dataset::id));
            return new ScanResult(sorted, lineage, problems);
        }
    }
}
