package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.run.RunOnly;
import io.lumos.spi.run.RunRecord;
import java.util.List;
import java.util.Optional;
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
            // a dataset only runs named has no schema to show: leave it out, and say so
            long runOnly = all.stream().filter(RunOnly::isStub).count();
            if (runOnly > 0) {
                all = all.stream().filter(d -> !RunOnly.isStub(d)).toList();
                note(runOnly + " dataset(s) known only from runs are not listed; `lumos runs list` shows them");
            }
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
            DatasetId datasetId = Ids.parse(session(), id);
            CatalogAdapter catalog = session().catalog();
            Optional<Dataset> found = catalog.dataset(datasetId);
            if (found.isEmpty() || RunOnly.isStub(found.get())) {
                Optional<RunRecord> wrote = lastRun(catalog, datasetId, true);
                Optional<RunRecord> read = lastRun(catalog, datasetId, false);
                if (found.isEmpty() && wrote.isEmpty() && read.isEmpty()) {
                    throw Ids.unknown(catalog, datasetId);
                }
                Render.runOnly(out(), datasetId, wrote.orElse(null), read.orElse(null), format.get());
                return 0;
            }
            Render.dataset(out(), found.get(), format.get());
            if (format.get() != io.lumos.cli.output.Format.JSON) {
                lastRun(catalog, datasetId, true).ifPresent(r -> Render.lastRun(out(), r));
            }
            return 0;
        }

        /** The catalog's last run that wrote (or read) the dataset; none when it cannot read runs. */
        private static Optional<RunRecord> lastRun(CatalogAdapter catalog, DatasetId id, boolean output) {
            return catalog.can(Capability.RUNS_READ) ? catalog.lastRunOf(id, output) : Optional.empty();
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
