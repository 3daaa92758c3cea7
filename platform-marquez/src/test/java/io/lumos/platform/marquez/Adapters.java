package io.lumos.platform.marquez;

import io.lumos.spi.PluginContext;
import io.lumos.spi.Reporter;
import io.lumos.spi.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Opens adapters the way the CLI does: settings map, plugin context, factory. */
final class Adapters {
    final List<String> warnings = new ArrayList<>();

    static Map<String, Object> httpSettings(FakeMarquez fake, Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", fake.url());
        m.put("transport", "http");
        m.put("timeout", "2s");
        m.put("retry_backoff", "1ms");
        m.put("dead_letter", dir.resolve("dead.jsonl").toString());
        return m;
    }

    PluginContext context(Path dir) {
        return new PluginContext(
                dir, dir.resolve(".lumos"), "PROD", Clock.systemUTC(), Map.of(), List.of(), new Reporter() {
                    @Override
                    public void warn(String message) {
                        synchronized (warnings) {
                            warnings.add(message);
                        }
                    }

                    @Override
                    public Progress progress(String task, long total) {
                        return Progress.NONE;
                    }
                });
    }

    MarquezAdapter open(Map<String, Object> settings, Path dir) {
        return (MarquezAdapter)
                new MarquezAdapterFactory().create(Settings.of("platforms.marquez", settings), context(dir));
    }
}
