package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.output.Format;
import io.lumos.cli.output.Table;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Owner;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import io.lumos.spi.json.ModelJson;
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
        @Parameters(index = "0", paramLabel = "ID", description = "The dataset: platform:name (csv:orders) or its URN")
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
            DatasetId dataset = Ids.parse(session(), id);
            Ids.require(session(), dataset);
            Owner o;
            try {
                o = new Owner(owner, type);
            } catch (IllegalArgumentException e) {
                throw new LumosException(ErrorCode.USAGE, e.getMessage());
            }
            for (CatalogAdapter c : session().catalogs()) {
                c.addOwner(dataset, o);
                c.flush();
            }
            note("owner " + o.urn() + " (" + o.type() + ") added to " + dataset.shortName());
            return 0;
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
            Dataset d = Ids.require(session(), Ids.parse(session(), id));
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
        @Parameters(index = "0", paramLabel = "ID", description = "The dataset: platform:name (csv:orders) or its URN")
        String id;

        @Parameters(index = "1", paramLabel = "OWNER", description = "The owner to remove, as owner list shows it")
        String owner;

        @Override
        public Integer call() {
            DatasetId dataset = Ids.parse(session(), id);
            Dataset d = Ids.require(session(), dataset);
            String urn = Owner.toUrn(owner);
            if (d.owners().stream().noneMatch(o -> o.urn().equals(urn))) {
                throw new LumosException(
                        ErrorCode.USAGE,
                        urn + " is not an owner of " + dataset.shortName() + "; `lumos owner list " + id
                                + "` shows its owners");
            }
            for (CatalogAdapter c : session().catalogs()) {
                c.removeOwner(dataset, urn);
                c.flush();
            }
            note("owner " + urn + " removed from " + dataset.shortName());
            return 0;
        }
    }
}
