package io.lumos.source.s3;

import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.spi.SourceHandler;
import io.lumos.spi.SourceHandlerFactory;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code type: s3}: datasets from objects grouped by DataHub path specs, schemas from ranged reads. */
public final class S3SourceFactory implements SourceHandlerFactory {
    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String description() {
        return "S3 and S3-compatible stores: path specs, partitions, schemas from footers/headers by ranged GET";
    }

    @Override
    public Set<String> settingNames() {
        return S3Settings.KEYS;
    }

    @Override
    public Optional<Map<String, Object>> settingsForTarget(String target) {
        String t = target.strip();
        if (t.startsWith("s3://") || t.startsWith("s3a://")) {
            return Optional.of(Map.of("path", t));
        }
        return Optional.empty();
    }

    @Override
    public SourceHandler create(Settings settings, PluginContext context) {
        return new S3Source(S3Settings.from(settings, context), context);
    }
}
