package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetStatus;
import io.lumos.domain.Lifecycle;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.run.RunOnly;
import io.lumos.spi.run.RunRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "datasets",
        description = "Read datasets from the catalog.",
        subcommands = {
            DatasetsCommand.ListCommand.class,
            DatasetsCommand.Get.class,
            DatasetsCommand.Search.class,
            DatasetsCommand.Deprecate.class,
            DatasetsCommand.Activate.class
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos datasets list",
            "  lumos datasets get csv:orders",
            "  lumos datasets search revenue",
            "  lumos datasets deprecate csv:orders --note 'use csv:orders_v2' --on 2027-03-31"
        })
public final class DatasetsCommand {

    @Command(
            name = "list",
            description = "Every dataset in the catalog.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  lumos datasets list",
                "  lumos datasets list --platform-filter csv -f json",
                "  lumos datasets list --all"
            })
    public static final class ListCommand extends BaseCommand {
        @Mixin
        ReadFormat format;

        @Option(names = "--platform-filter", paramLabel = "PLATFORM", description = "Only datasets of this platform")
        String platformFilter;

        @Option(names = "--all", description = "Also the datasets marked removed (gone from their source)")
        boolean all;

        @Override
        public Integer call() {
            List<Dataset> all = session().catalog().datasets();
            // a dataset only runs named has no schema to show: leave it out, and say so
            long runOnly = all.stream().filter(RunOnly::isStub).count();
            if (runOnly > 0) {
                all = all.stream().filter(d -> !RunOnly.isStub(d)).toList();
                note(runOnly + " dataset(s) known only from runs are not listed; `lumos runs list` shows them");
            }
            if (!this.all) {
                all = all.stream()
                        .filter(d -> d.status() != DatasetStatus.REMOVED)
                        .toList();
            }
            if (platformFilter != null) {
                all = all.stream()
                        .filter(d -> d.platform().equals(platformFilter))
                        .toList();
            }
            DatasetPrinter.datasets(out(), all, format.get());
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
            DatasetId datasetId = DatasetArguments.parse(session(), id);
            CatalogAdapter catalog = session().catalog();
            Optional<Dataset> found = catalog.dataset(datasetId);
            if (found.isEmpty() || RunOnly.isStub(found.get())) {
                Optional<RunRecord> wrote = lastRun(catalog, datasetId, true);
                Optional<RunRecord> read = lastRun(catalog, datasetId, false);
                if (found.isEmpty() && wrote.isEmpty() && read.isEmpty()) {
                    throw DatasetArguments.unknown(catalog, datasetId);
                }
                DatasetPrinter.runOnly(out(), datasetId, wrote.orElse(null), read.orElse(null), format.get());
                return 0;
            }
            DatasetPrinter.dataset(out(), found.get(), format.get());
            if (format.get() != io.lumos.cli.output.Format.JSON) {
                lastRun(catalog, datasetId, true).ifPresent(r -> DatasetPrinter.lastRun(out(), r));
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
            DatasetPrinter.datasets(out(), session().catalog().search(String.join(" ", query), limit), format.get());
            return 0;
        }
    }

    @Command(
            name = "deprecate",
            description = "Mark datasets deprecated: still there, readers should move away (by a date, if given). "
                    + "It outlives re-ingests until `datasets activate`.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  lumos datasets deprecate csv:orders --note 'use csv:orders_v2'",
                "  lumos datasets deprecate 'csv:legacy_*' --note 'replaced by the orders product' --on 2027-03-31"
            })
    public static final class Deprecate extends BaseCommand {
        @Parameters(
                paramLabel = "ID",
                description = "The dataset: platform:name (csv:orders), its URN, or a glob such as 'csv:*'")
        String id;

        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "Why, and what to use instead")
        String note;

        @Option(names = "--on", paramLabel = "DATE", description = "The decommission date, YYYY-MM-DD")
        String on;

        @Override
        public Integer call() {
            LocalDate date;
            try {
                date = on == null ? null : Lifecycle.parseDate(on);
            } catch (IllegalArgumentException e) {
                throw new LumosException(ErrorCode.USAGE, "--on: " + e.getMessage());
            }
            String user = session().env().getOrDefault("USER", "lumos");
            Lifecycle l = new Lifecycle(DatasetStatus.DEPRECATED, note, date, Lifecycle.BY_HAND + user);
            List<Dataset> datasets = DatasetArguments.resolve(session(), id);
            apply(session(), datasets, l);
            note("deprecated " + describe(datasets, id) + (date == null ? "" : " (decommission on " + date + ")"));
            return 0;
        }
    }

    @Command(
            name = "activate",
            description = "Undo a deprecation (or a removal): the datasets are active again.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos datasets activate csv:orders"})
    public static final class Activate extends BaseCommand {
        @Parameters(
                paramLabel = "ID",
                description = "The dataset: platform:name (csv:orders), its URN, or a glob such as 'csv:*'")
        String id;

        @Override
        public Integer call() {
            List<Dataset> datasets = DatasetArguments.resolve(session(), id);
            apply(session(), datasets, Lifecycle.ACTIVE);
            note("activated " + describe(datasets, id));
            return 0;
        }
    }

    /**
     * Sets the lifecycle in every configured catalog: as a change of that part alone where the
     * catalog can, else by writing the dataset again with it.
     */
    static void apply(io.lumos.cli.Session session, List<Dataset> datasets, Lifecycle l) {
        for (CatalogAdapter c : session.catalogs()) {
            for (Dataset d : datasets) {
                if (c.can(Capability.LIFECYCLE)) {
                    c.setLifecycle(d.id(), l);
                } else if (c.can(Capability.WRITE)) {
                    c.writeDatasets(List.of(l.applyTo(d)));
                }
            }
            c.flush();
        }
    }

    private static String describe(List<Dataset> datasets, String id) {
        return datasets.size() == 1 ? datasets.get(0).id().shortName() : datasets.size() + " datasets matching " + id;
    }
}
