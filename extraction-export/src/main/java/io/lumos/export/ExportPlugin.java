package io.lumos.export;

import io.lumos.spi.Exporter;
import io.lumos.spi.ExporterFactory;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The {@code export} plugin: every extraction type as xlsx, csv and json; lineage and impact also as html and mermaid. */
public final class ExportPlugin implements ExporterFactory {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String description() {
        return "Excel, CSV and JSON extractions; lineage and impact pictures as HTML and Mermaid";
    }

    @Override
    public Set<String> formats() {
        return Set.of("xlsx", "csv", "json", "html", "mermaid");
    }

    @Override
    public Set<String> types() {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(ExtractionType.values()).forEach(t -> out.add(t.label()));
        return out;
    }

    @Override
    public Set<String> settingNames() {
        return Set.of("costs", "cost_splits", "fresh_days", "paths", "depth", "root", "max_edges", "title");
    }

    @Override
    public Exporter create(Settings settings, PluginContext context) {
        return new SnapshotExporter(settings == null ? Map.of() : settings.asMap(), context);
    }
}
