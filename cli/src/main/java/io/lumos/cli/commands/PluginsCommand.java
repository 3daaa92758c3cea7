package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.output.Format;
import io.lumos.cli.output.Table;
import io.lumos.cli.plugin.PluginRegistry;
import io.lumos.json.ModelJson;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "plugins",
        description = "Every catalog, source, format and exporter found, with version and origin.",
        footerHeading = "%nExamples:%n",
        footer = {"  lumos plugins", "  lumos plugins -f json"})
public final class PluginsCommand extends BaseCommand {
    @Mixin
    ReadFormat format;

    private final Provider<PluginRegistry> plugins;

    @Inject
    PluginsCommand(Provider<PluginRegistry> plugins) {
        this.plugins = plugins;
    }

    @Override
    public Integer call() throws java.io.IOException {
        PluginRegistry registry = plugins.get();
        List<PluginRegistry.Found<?>> found = registry.found().stream()
                .sorted(Comparator.comparing((PluginRegistry.Found<?> f) -> f.kind())
                        .thenComparing(f -> f.factory().name()))
                .toList();
        String home = System.getProperty("lumos.home");
        if (format.get() == Format.JSON) {
            var array = ModelJson.mapper().createArrayNode();
            for (var f : found) {
                array.addObject()
                        .put("kind", f.kind())
                        .put("name", f.factory().name())
                        .put("version", f.factory().version())
                        .put("origin", origin(f.origin(), home))
                        .put("description", f.factory().description());
            }
            out().println(ModelJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array));
            return 0;
        }
        Table t = new Table("KIND", "NAME", "VERSION", "ORIGIN", "DESCRIPTION");
        for (var f : found) {
            String aliases = f.factory().aliases().isEmpty()
                    ? ""
                    : " (" + String.join(", ", f.factory().aliases()) + ")";
            t.row(
                    f.kind(),
                    f.factory().name() + aliases,
                    f.factory().version(),
                    origin(f.origin(), home),
                    f.factory().description());
        }
        t.print(out());
        return 0;
    }

    /** Plugin folders of the distribution are shown relative to its home. */
    private static String origin(String origin, String home) {
        if (home != null && origin.startsWith(home)) {
            return origin.substring(home.length()).replaceFirst("^[/\\\\]", "");
        }
        return origin;
    }
}
