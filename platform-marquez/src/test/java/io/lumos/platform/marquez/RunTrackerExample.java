package io.lumos.platform.marquez;

import io.lumos.domain.DatasetId;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import io.lumos.spi.run.PipelineRun;
import io.lumos.spi.run.RunTracker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The README's run-tracker example. With a Marquez URL as argument it reports there; without, it
 * prints the OpenLineage events (transport: console).
 */
public final class RunTrackerExample {
    public static void main(String[] args) throws Exception {
        Map<String, Object> settings =
                args.length > 0 ? Map.of("url", args[0], "transport", "http") : Map.of("transport", "console");
        PluginContext context = PluginContext.basic(Path.of("."), List.of());
        try (CatalogAdapter marquez =
                new MarquezAdapterFactory().create(Settings.of("platforms.marquez", settings), context)) {
            RunTracker tracker = new RunTracker(List.of(marquez));
            List<DatasetId> inputs = List.of(DatasetId.of("postgres", "shop.public.orders"));
            List<DatasetId> outputs = List.of(DatasetId.of("csv", "orders_daily"));
            try (PipelineRun run = tracker.start("daily_orders", inputs, outputs)) {
                try {
                    buildDailyOrders();
                } catch (RuntimeException e) {
                    run.fail(e); // FAIL with the exception (message and stack trace) as the errorMessage facet
                    throw e;
                }
            } // COMPLETE (with the duration) unless run.fail(...) or run.abort() was called
        }
    }

    private static void buildDailyOrders() {
        // the pipeline's real work goes here
    }
}
