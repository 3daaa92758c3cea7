package io.lumos.spi;

import java.util.Map;
import java.util.Optional;

/** Makes source handlers; {@link #name()} is the {@code type:} of a source in the config. */
public interface SourceHandlerFactory extends PluginFactory {

    /**
     * The settings for a {@code lumos scan TARGET} argument this source understands
     * ({@code postgresql://...}, {@code s3://...}), or empty when it is not for this source.
     */
    default Optional<Map<String, Object>> settingsForTarget(String target) {
        return Optional.empty();
    }

    SourceHandler create(Settings settings, PluginContext context);

    /**
     * A continuous reader of this source for {@code lumos consume} (a Kafka topic), or a usage
     * error when the source type or its settings read nothing continuously.
     */
    default StreamingSource stream(Settings settings, PluginContext context) {
        throw new LumosException(
                ErrorCode.USAGE,
                settings.scope() + ": a source of type " + name() + " cannot be consumed continuously;"
                        + " `lumos consume` reads sources with a kafka: block (type: openlineage)");
    }
}
