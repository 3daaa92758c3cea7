package io.lumos.source.openlineage;

import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.spi.SourceHandler;
import io.lumos.spi.SourceHandlerFactory;
import io.lumos.spi.StreamingSource;
import java.util.Set;

/**
 * The {@code openlineage} source: OpenLineage events (RunEvent, DatasetEvent, JobEvent) from files
 * and folders of JSON or JSON-lines, folded into datasets, lineage and column lineage.
 */
public final class OpenLineageSourceFactory implements SourceHandlerFactory {
    static final Set<String> SETTINGS = Set.of(
            "path", "paths", "exclude", "namespaces", "prefer_symlinks", "datasets_without_schema", "runs", "kafka");

    @Override
    public String name() {
        return "openlineage";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("open_lineage", "open-lineage");
    }

    @Override
    public String description() {
        return "OpenLineage events (Spark, Airflow, dbt, Flink, Marquez) from JSON and JSON-lines files, or a Kafka topic (lumos consume)";
    }

    @Override
    public Set<String> settingNames() {
        return SETTINGS;
    }

    @Override
    public SourceHandler create(Settings settings, PluginContext context) {
        return new OpenLineageSource(settings, context);
    }

    /** The events of the source's {@code kafka:} block, in its consumer group. */
    @Override
    public StreamingSource stream(Settings settings, PluginContext context) {
        return new OpenLineageSource(settings, context).stream();
    }
}
