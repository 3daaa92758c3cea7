package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.cli.output.Format;
import io.lumos.cli.output.Table;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Owner;
import io.lumos.spi.Capability;
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
        subcommands = {OwnerCommand.Add.class, OwnerCommand.ListOwners.class, OwnerCommand.Remove.class})
public final class OwnerCommand {

    @Command(name = "add", description = "Add an owner: a user (bare name), group:NAME, or a URN.")
    public static final class Add extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "OWNER")
        String owner;

        @Option(
                names = "--type",
                defaultValue = "TECHNICAL_OWNER",
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
            String what = "owner " + o.urn() + " (" + o.type() + ") of " + dataset.shortName();
            Edits.requireAll(session(), what, Capability.OWNERSHIP);
            int code = Edits.apply(session(), err(), what, c -> c.addOwner(dataset, o));
            if (code == 0) {
                note("owner " + o.urn() + " (" + o.type() + ") added to " + dataset.shortName());
            }
            return code;
        }
    }

    @Command(name = "list", description = "The owners of a dataset.")
    public static final class ListOwners extends BaseCommand {
        @Parameters(paramLabel = "ID")
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

    @Command(name = "remove", description = "Remove an owner.")
    public static final class Remove extends BaseCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "OWNER")
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
            String what = "removal of owner " + urn + " from " + dataset.shortName();
            Edits.requireAll(session(), what, Capability.OWNERSHIP, Capability.DELETE);
            int code = Edits.apply(session(), err(), what, c -> c.removeOwner(dataset, urn));
            if (code == 0) {
                note("owner " + urn + " removed from " + dataset.shortName());
            }
            return code;
        }
    }
}
