package io.lumos.source.mongodb;

import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.spi.SourceHandler;
import io.lumos.spi.SourceHandlerFactory;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code type: mongodb} (or {@code mongo}): collection schemas inferred from sampled documents. */
public final class MongoDbSourceFactory implements SourceHandlerFactory {
    @Override
    public String name() {
        return "mongodb";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("mongo");
    }

    @Override
    public String description() {
        return "MongoDB collections: schemas inferred from $sample like Compass, validators, views, time series";
    }

    @Override
    public Set<String> settingNames() {
        return MongoDbSettings.KEYS;
    }

    @Override
    public Optional<Map<String, Object>> settingsForTarget(String target) {
        if (target.startsWith("mongodb://") || target.startsWith("mongodb+srv://")) {
            return Optional.of(Map.of("uri", target));
        }
        return Optional.empty();
    }

    @Override
    public SourceHandler create(Settings settings, PluginContext context) {
        return new MongoDbSource(MongoDbSettings.from(settings), context);
    }
}
