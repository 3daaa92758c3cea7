package io.lumos.source.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lumos.domain.Dataset;
import io.lumos.domain.LineageEdge;
import io.lumos.spi.PluginContext;
import io.lumos.spi.ScanProblem;
import io.lumos.spi.ScanSink;
import io.lumos.spi.Settings;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.io.TempDir;

/** Runs the source over event files and keeps what it hands the sink. */
abstract class SourceTestBase {
    @TempDir
    Path dir;

    /** What one scan handed to the sink. */
    record Found(Map<String, Dataset> datasets, List<LineageEdge> edges, List<ScanProblem> problems) {
        Dataset dataset(String shortName) {
            Dataset d = datasets.get(shortName);
            assertThat(d)
                    .as("dataset " + shortName + " among " + datasets.keySet())
                    .isNotNull();
            return d;
        }

        LineageEdge edge(String up, String down) {
            return edges.stream()
                    .filter(e -> e.upstream().shortName().equals(up)
                            && e.downstream().shortName().equals(down))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no edge " + up + " -> " + down + " among " + edges));
        }
    }

    static Path events(String name) {
        try {
            return Path.of(Objects.requireNonNull(SourceTestBase.class.getResource("/events/" + name))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Found scan(Map<String, Object> settings) {
        Map<String, Object> values = new LinkedHashMap<>(settings);
        values.putIfAbsent("name", "ol");
        values.putIfAbsent("type", "openlineage");
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        List<LineageEdge> edges = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        try (OpenLineageSource source =
                new OpenLineageSource(Settings.of("sources[0]", values), PluginContext.basic(dir, List.of()))) {
            source.scan(new ScanSink() {
                @Override
                public void dataset(Dataset dataset) {
                    assertThat(datasets.put(dataset.id().shortName(), dataset))
                            .as("each dataset once")
                            .isNull();
                }

                @Override
                public void lineage(LineageEdge edge) {
                    edges.add(edge);
                }

                @Override
                public void problem(ScanProblem problem) {
                    problems.add(problem);
                }
            });
        }
        return new Found(datasets, edges, problems);
    }

    Found scan(String... files) {
        return scan(Map.of(
                "paths", List.of(files).stream().map(f -> events(f).toString()).toList()));
    }
}
