package io.lumos.source.openlineage;

import io.lumos.spi.Setting;
import io.lumos.spi.SettingsBinder;
import java.util.List;

/**
 * The keys of an {@code openlineage} source as written, with their defaults; bound by the SPI's
 * {@link SettingsBinder}, which refuses any other key. {@code namespaces} is read by
 * {@link Namespaces}, {@code kafka} by {@link KafkaSettings}.
 */
record OpenLineageSettings(
        @Setting(name = "name") String name,
        @Setting(name = "type") String type,
        @Setting(name = "path") List<String> path,
        @Setting(name = "paths") List<String> paths,
        @Setting(name = "exclude") List<String> exclude,
        @Setting(name = "namespaces") Object namespaces,
        @Setting(name = "prefer_symlinks", fallback = "true") boolean preferSymlinks,
        @Setting(name = "datasets_without_schema", fallback = "false") boolean datasetsWithoutSchema,
        @Setting(name = "runs", fallback = "true") boolean runs,
        @Setting(name = "kafka") KafkaSettings.Keys kafka) {}
