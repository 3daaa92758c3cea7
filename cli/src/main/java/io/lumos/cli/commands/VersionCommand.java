package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.output.ConsoleText;
import io.lumos.cli.output.Format;
import io.lumos.cli.output.Table;
import io.lumos.cli.service.ChangeClassifier;
import io.lumos.cli.service.CompatibilityModes;
import io.lumos.cli.service.Fingerprints;
import io.lumos.domain.ChangeType;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.VersionPolicy;
import io.lumos.json.ModelJson;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import jakarta.inject.Inject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "version",
        description = "Dataset versions: cloud version counter and schema semver.",
        subcommands = {VersionCommand.Bump.class, VersionCommand.History.class, VersionCommand.Compare.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos version history csv:orders",
            "  lumos version bump csv:orders --change minor",
            "  lumos version compare csv:orders 1.0.0 1.1.0"
        })
public final class VersionCommand {

    /** The catalog to read versions from (opened read-only: a read never creates a catalog). */
    static CatalogAdapter versioned(io.lumos.cli.Session session) {
        return versioned(session.catalog());
    }

    private static CatalogAdapter versioned(CatalogAdapter c) {
        if (!c.can(Capability.VERSIONS)) {
            throw LumosException.unsupported(c.name(), Capability.VERSIONS);
        }
        return c;
    }

    @Command(
            name = "bump",
            description = "Make a new version of a dataset by hand.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos version bump csv:orders --change minor --message \"new column\""})
    public static final class Bump extends BaseCommand {
        @Parameters(paramLabel = "ID", description = "The dataset: platform:name (csv:orders) or its URN")
        String id;

        @Option(
                names = "--change",
                required = true,
                paramLabel = "CHANGE",
                description =
                        "BREAKING_SCHEMA_CHANGE, SCHEMA_CHANGE, METADATA_UPDATE, DATA_UPDATE (or major, minor, patch)")
        String change;

        @Option(names = "--message", paramLabel = "TEXT", description = "Why, kept in the history")
        String message;

        @Override
        public Integer call() {
            DatasetId dataset = DatasetArguments.parse(session(), id);
            DatasetArguments.require(session(), dataset);
            CatalogAdapter catalog = versioned(session().catalogs().get(0));
            ChangeType type;
            try {
                type = ChangeType.parse(change);
            } catch (IllegalArgumentException e) {
                throw new LumosException(ErrorCode.USAGE, e.getMessage());
            }
            VersionPolicy policy = new VersionPolicy(session().config().cloudVersionPrefix());
            DatasetVersion[] previous = new DatasetVersion[1];
            // The next version is chosen inside the catalog's write, from the version committed there.
            Dataset d = catalog.dataset(dataset).orElseThrow(() -> DatasetArguments.unknown(catalog, dataset));
            DatasetVersion next = catalog.writeVersionedDatasets(List.of(d), (in, current, counter) -> {
                        previous[0] = current.map(Dataset::version).orElse(null);
                        return policy.next(
                                previous[0],
                                counter.getAsLong(),
                                type,
                                session().clock().instant(),
                                session().env().getOrDefault("USER", "lumos"),
                                message == null ? "bumped by hand" : message,
                                Fingerprints.of(in));
                    })
                    .get(0)
                    .dataset()
                    .version();
            catalog.flush();
            out().println(ConsoleText.escape(dataset.shortName()) + " "
                    + (previous[0] == null ? "-" : previous[0].schemaVersion()) + " -> " + next.schemaVersion() + " ("
                    + next.cloudVersion() + ")");
            return 0;
        }
    }

    @Command(
            name = "history",
            description = "Every version of a dataset, oldest first.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos version history csv:orders", "  lumos version history csv:orders -f json"})
    public static final class History extends BaseCommand {
        @Parameters(paramLabel = "ID", description = "The dataset: platform:name (csv:orders) or its URN")
        String id;

        @Mixin
        ReadFormat format;

        @Override
        public Integer call() throws java.io.IOException {
            CatalogAdapter catalog = versioned(session());
            DatasetId dataset = DatasetArguments.parse(session(), id);
            DatasetArguments.require(session(), dataset);
            List<DatasetVersion> history = catalog.versions(dataset);
            if (format.get() == Format.JSON) {
                try (var g = ModelJson.generator(out(), true)) {
                    g.writeStartArray();
                    for (DatasetVersion v : history) {
                        ModelJson.writeVersion(g, dataset, v);
                    }
                    g.writeEndArray();
                }
                out().println();
                return 0;
            }
            Table t = new Table("CLOUD", "SCHEMA", "WHEN", "AUTHOR", "CHANGE", "DETAILS");
            for (DatasetVersion v : history) {
                t.row(
                        v.cloudVersion(),
                        v.schemaVersion(),
                        v.timestamp(),
                        v.author(),
                        v.changeType(),
                        v.changeDetails());
            }
            t.print(out());
            return 0;
        }
    }

    @Command(
            name = "compare",
            description = "The schema diff between two stored versions.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos version compare csv:orders 1.0.0 1.1.0", "  lumos version compare csv:orders S-3 S-9"})
    public static final class Compare extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The dataset: platform:name (csv:orders) or its URN")
        String id;

        @Parameters(index = "1", paramLabel = "V1", description = "Cloud version (S-3) or schema version (1.2.0)")
        String v1;

        @Parameters(index = "2", paramLabel = "V2", description = "The newer version, in the same forms")
        String v2;

        private final ChangeClassifier classifier;

        @Inject
        Compare(ChangeClassifier classifier) {
            this.classifier = classifier;
        }

        @Override
        public Integer call() {
            CatalogAdapter catalog = versioned(session());
            DatasetId dataset = DatasetArguments.parse(session(), id);
            DatasetArguments.require(session(), dataset);
            Dataset a = at(catalog, dataset, v1);
            Dataset b = at(catalog, dataset, v2);
            // Judged under the dataset's configured mode, as ingest judged it when it bumped the version.
            ChangeClassifier.Change change = classifier.classify(
                    a, b, CompatibilityModes.of(session().config()).apply(dataset));
            out().println(ConsoleText.escape(dataset.shortName()) + " " + v1 + " -> " + v2 + ": "
                    + (change == null ? "no changes" : change.type()));
            if (change != null) {
                for (String d : change.details().split("; ", -1)) {
                    out().println("  " + ConsoleText.escape(d));
                }
            }
            return 0;
        }

        private Dataset at(CatalogAdapter catalog, DatasetId dataset, String version) {
            return catalog.datasetAtVersion(dataset, version)
                    .orElseThrow(() -> new LumosException(
                            ErrorCode.UNKNOWN_VERSION,
                            "no version " + version + " of " + dataset.shortName() + "; `lumos version history "
                                    + dataset.shortName() + "` lists them"));
        }
    }
}
