package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.domain.Dataset;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "datasets",
        description = "Read datasets from the catalog.",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.Get.class, DatasetsCommand.Search.class},
        footerHeading = "%nExamples:%n",
        footer = {"  lumos datasets list", "  lumos datasets get csv:orders", "  lumos datasets search revenue"})
public final class DatasetsCommand {

    @Command(
            name = "list",
            description = "Every dataset in the catalog.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos datasets list", "  lumos datasets list --platform-filter csv -f json"})
    public static final class ListCommand extends BaseCommand {
        @Mixin
        ReadFormat format;

        @Option(names = "--platform-filter", paramLabel = "PLATFORM", description = "Only datasets of this platform")
        String platformFilter;

        @Override
        public Integer call() {
            List<Dataset> all = session().catalog().datasets();
            if (platformFilter != null) {
                all = all.stream()
                        .filter(d -> d.platform().equals(platformFilter))
                        .toList();
            }
            Render.datasets(out(), all, format.get());
            return 0;
        }
    }

    @Command(
            name = "get",
            description = "One dataset with its schema.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos datasets get jsonl:order_items", "  lumos datasets get csv:orders -f json"})
    public static final class Get extends BaseCommand {
        @Parameters(paramLabel = "ID", description = "URN or platform:name")
        String id;

        @Mixin
        ReadFormat format;

        @Override
        public Integer call() {
            Dataset d = Ids.require(session(), Ids.parse(session(), id));
            Render.dataset(out(), d, format.get());
            return 0;
        }
    }

    @Command(
            name = "search",
            description = "Datasets whose name, description, fields or tags match.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos datasets search revenue", "  lumos datasets search order id --limit 10"})
    public static final class Search extends BaseCommand {
        @Parameters(paramLabel = "QUERY", arity = "1..*", description = "Words to look for (all must match)")
        List<String> query;

        @Option(
                names = "--limit",
                defaultValue = "50",
                paramLabel = "N",
                description = "At most N datasets (default 50)")
        int limit;

        @Mixin
        ReadFormat format;

        @Override
        public Integer call() {
            Render.datasets(out(), session().catalog().search(String.join(" ", query), limit), format.get());
            return 0;
        }
    }
}
