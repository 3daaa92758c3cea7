package io.lumos.source.postgres;

import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.usage.UsageSample;
import io.lumos.spi.Reporter;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Keeps what a scan found, for assertions. */
final class RecordingSink implements ScanSink {
    final List<Dataset> datasets = Collections.synchronizedList(new ArrayList<>());
    final List<LineageEdge> lineage = Collections.synchronizedList(new ArrayList<>());
    final List<ScanProblem> problems = Collections.synchronizedList(new ArrayList<>());
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final List<UsageSample> usage = Collections.synchronizedList(new ArrayList<>());
    long expected = -1;

    /** A reporter that keeps warnings here. */
    Reporter reporter() {
        return new Reporter() {
            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public Progress progress(String task, long total) {
                return Progress.NONE;
            }
        };
    }

    @Override
    public void dataset(Dataset dataset) {
        datasets.add(dataset);
    }

    @Override
    public void lineage(LineageEdge edge) {
        lineage.add(edge);
    }

    @Override
    public void usage(UsageSample sample) {
        usage.add(sample);
    }

    UsageSample usage(String name) {
        return usage.stream()
                .filter(u -> u.dataset().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no usage of " + name));
    }

    @Override
    public void problem(ScanProblem problem) {
        problems.add(problem);
    }

    @Override
    public void expect(long items) {
        expected = items;
    }

    Dataset dataset(String name) {
        return datasets.stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dataset " + name + " in "
                        + datasets.stream().map(Dataset::name).toList()));
    }

    Optional<Dataset> find(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    Field field(String dataset, String field) {
        return dataset(dataset).field(field).orElseThrow(() -> new AssertionError("no field " + field));
    }

    LineageEdge edge(String upstream, String downstream) {
        return lineage.stream()
                .filter(e -> e.upstream().name().equals(upstream)
                        && e.downstream().name().equals(downstream))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no edge " + upstream + " -> " + downstream + " in "
                        + lineage.stream()
                                .map(e -> e.upstream().name() + "->"
                                        + e.downstream().name())
                                .toList()));
    }

    List<String> names() {
        return datasets.stream().map(Dataset::name).sorted().toList();
    }

    static String shortName(DatasetId id) {
        return id.shortName();
    }
}
