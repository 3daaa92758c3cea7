package io.lumos.platform.datahub;

import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Reporter;
import io.lumos.spi.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Opens adapters for tests the way the CLI does: through the factory, with settings from a map. */
final class Adapters {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private Adapters() {}

    static PluginContext context(Path dir) {
        return new PluginContext(
                dir,
                dir.resolve(".lumos"),
                "PROD",
                Clock.fixed(NOW, ZoneOffset.UTC),
                Map.of(),
                List.of(),
                Reporter.SILENT);
    }

    static Map<String, Object> rest(FakeGms gms, Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", gms.url());
        m.put("token", "s3cret-token");
        m.put("retry_backoff", "1ms");
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    static CatalogAdapter open(Path dir, Map<String, Object> settings) {
        return new DataHubAdapterFactory().create(Settings.of("platforms.datahub", settings), context(dir));
    }
}
