package io.lumos.spi;

import java.util.Set;

/** Makes exporters: {@code lumos extract -t TYPE -f FORMAT} picks the one that has the format. */
public interface ExporterFactory extends PluginFactory {
    /** Formats written, e.g. xlsx, csv, json, html, mermaid. */
    Set<String> formats();

    /** Extraction types understood, e.g. comprehensive, schema, lineage. */
    Set<String> types();

    Exporter create(Settings settings, PluginContext context);
}
