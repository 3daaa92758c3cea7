package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.output.Format;
import io.lumos.cli.output.Table;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Owner;
import io.lumos.json.ModelJson;
import io.lumos.spi.Capability;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "owner",
        description = "Ownership of datasets.",
        subcommands = {OwnerCommand.Add.class, OwnerCommand.ListOwners.class, OwnerCommand.Remove.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  lumos owner add csv:orders alice --type DATA_STEWARD",
            "  lumos owner list csv:orders",
            "  lumos owner remove csv:orders alice"
        })
public final class OwnerCommand {

    @Command(
            name = "add",
            description = "Add an owner: a user (bare name), group:NAME, or a URN.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  lumos owner add csv:orders alice",
                "  lumos owner add csv:orders group:sales-data --type BUSINESS_OWNER"
            })
    public static final class Add extends BaseCommand {
        @Parameters(
                index = "0",
                paramLabel = "ID",
                description = "The dataset: platform:name (csv:orders), its URN, or a glob such as 'csv:*'")
        String id;

        @Parameters(index = "1", paramLabel = "OWNER", description = "A user (bare name), group:NAME, or an owner URN")
        String owner;

        @Option(
                names = "--type",
                defaultValue = "TECHNICAL_OWNER",
                paramLabel = "TYPE",
                description = "TECHNICAL_OWNER, BUSINESS_OWNER, DATA_STEWARD, DATAOWNER, CONSUMER or a custom type")
        String type;

        @Override
        public Integer call() {
            Owner o;
            try {
                o = new Owner(owner, type);
            } catch (IllegalArgumentException e) {
                throw new LumosException(ErrorCode.USAGE, e.getMessage());
            }
            List<Dataset> datasets = DatasetArguments.resolve(session(), id);
            String target = datasets.size() == 1
                    ? datasets.get(0).id().shortName()
                    : datasets.size() + " datasets matching " + id;
            String what = "owner " + o.urn() + " (" + o.type() + ") of " + target;
            Edits.requireAll(session(), what, Capability.OWNERSHIP);
            int code = Edits.apply(session(), err(), what, c -> {
                for (Dataset d : datasets) {
                    c.addOwner(d.id(), o);
                }
            });
            if (code == 0) {
                note("owner " + o.urn() + " (" + o.type() + ") added to " + target);
            }
            return code;
        }
    }

    @Command(
            name = "list",
            description = "The owners of a dataset.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos owner list csv:orders", "  lumos owner list csv:orders -f json"})
    public static final class ListOwners extends BaseCommand {
        @Parameters(paramLabel = "ID", description = "The dataset: platform:name (csv:orders) or its URN")
        String id;

        @Mixin
        ReadFormat format;

        @Override
        public Integer call() throws java.io.IOException {
            Dataset d = DatasetArguments.require(session(), DatasetArguments.parse(session(), id));
            List<Owner> owners = d.owners();
            if (format.get() == Format.JSON) {
                var array = ModelJson.mapper().createArrayNode();
                for (Owner o : owners) {
                    array.addObject().put("id", o.urn()).put("type", o.type()).put("group", o.isGroup());
                }
                out().println(ModelJson.mapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(array));
                return 0;
            }
            Table t = new Table("OWNER", "KIND", "TYPE");
            owners.forEach(o -> t.row(o.urn(), o.isGroup() ? "group" : "user", o.type()));
            t.print(out());
            return 0;
        }
    }

    @Command(
            name = "remove",
            description = "Remove an owner.",
            footerHeading = "%nExamples:%n",
            footer = {"  lumos owner remove csv:orders alice"})
    public static final class Remove extends BaseCommand {
        @Parameters(
                index = "0",
                paramLabel = "ID",
                description = "The dataset: platform:name (csv:orders), its URN, or a glob such as 'csv:*'")
        String id;

        @Parameters(index = "1", paramLabel = "OWNER", description = "The owner to remove, as owner list shows it")
        String owner;

        @Override
        public Integer call() {
            String urn;
            try {
                urn = Owner.toUrn(owner);
            } catch (IllegalArgumentException e) {
                throw new LumosException(ErrorCode.USAGE, e.getMessage());
            }
            List<DatasetId> owned = DatasetArguments.resolve(session(), id).stream()
                    .filter(d -> d.owners().stream().anyMatch(o -> o.urn().equals(urn)))
                    .map(Dataset::id)
                    .toList();
            if (owned.isEmpty()) {
                throw new LumosException(
                        ErrorCode.USAGE,
                        urn + " is not an owner of " + (DatasetArguments.isGlob(id) ? "any dataset matching " + id : id)
                                + "; `lumos owner list ID` shows the owners of a dataset");
            }
            String target = owned.size() == 1 ? owned.get(0).shortName() : owned.size() + " datasets matching " + id;
            String what = "removal of owner " + urn + " from " + target;
            Edits.requireAll(session(), what, Capability.OWNERSHIP, Capability.DELETE);
            int code = Edits.apply(session(), err(), what, c -> {
                for (DatasetId dataset : owned) {
                    c.removeOwner(dataset, urn);
                }
            });
            if (code == 0) {
                note("owner " + urn + " removed from " + target);
            }
            return code;
        }
    }
}
