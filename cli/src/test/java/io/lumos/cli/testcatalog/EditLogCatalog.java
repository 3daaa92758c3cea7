package io.lumos.cli.testcatalog;

import io.lumos.domain.DatasetId;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.json.DeadLetterFile;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.CatalogAdapterFactory;
import io.lumos.spi.DeadLetter;
import io.lumos.spi.EmitReport;
import io.lumos.spi.PluginContext;
import io.lumos.spi.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Catalogs for the multi-catalog edit tests, packed by the test into a plugin jar (they load in a
 * plugin class loader, as DataHub and Marquez do). Each writes every edit it takes as a line of
 * {@code <state dir>/<name>-edits.log}, so a test can see what reached it. {@code ownerless}
 * stores lineage but no owners (as Marquez without http); {@code down} takes edits and, like a
 * catalog whose server is down, fails them at flush into its dead-letter file.
 */
public class EditLogCatalog implements CatalogAdapter {
    private final String name;
    private final Set<Capability> capabilities;
    private final Path log;
    private final boolean down;
    private final DeadLetterFile deadLetters;
    private final List<String> pending = new ArrayList<>();
    private long failed;

    EditLogCatalog(String name, Set<Capability> capabilities, PluginContext context, boolean down) {
        this.name = name;
        this.capabilities = capabilities;
        this.log = context.stateDirectory().resolve(name + "-edits.log");
        this.down = down;
        this.deadLetters = new DeadLetterFile(context.stateDirectory().resolve("dead-letters/" + name + ".jsonl"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public void writeLineage(List<LineageEdge> edges) {
        edges.forEach(e -> pending.add(
                "lineage " + e.upstream().shortName() + " " + e.downstream().shortName()));
    }

    @Override
    public void addOwner(DatasetId dataset, Owner owner) {
        if (!capabilities.contains(Capability.OWNERSHIP)) {
            throw io.lumos.spi.LumosException.unsupported(name, Capability.OWNERSHIP);
        }
        pending.add("owner+ " + dataset.shortName() + " " + owner.urn());
    }

    @Override
    public void removeOwner(DatasetId dataset, String ownerUrn) {
        if (!capabilities.contains(Capability.DELETE)) {
            throw io.lumos.spi.LumosException.unsupported(name, Capability.DELETE);
        }
        pending.add("owner- " + dataset.shortName() + " " + ownerUrn);
    }

    @Override
    public void flush() {
        for (String edit : pending) {
            if (down) {
                deadLetters.append(new DeadLetter(name, "edit", edit, edit, "connection refused"));
                failed++;
            } else {
                try {
                    Files.createDirectories(log.getParent());
                    Files.writeString(log, edit + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        pending.clear();
    }

    @Override
    public EmitReport report() {
        return new EmitReport(0, 0, failed, failed > 0 ? deadLetters.path() : null);
    }

    @Override
    public void close() {
        flush();
        deadLetters.close();
    }

    /** {@code platform: ownerless}. */
    public static final class Ownerless implements CatalogAdapterFactory {
        @Override
        public String name() {
            return "ownerless";
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(Capability.WRITE, Capability.LINEAGE, Capability.COLUMN_LINEAGE);
        }

        @Override
        public CatalogAdapter create(Settings settings, PluginContext context) {
            return new EditLogCatalog(name(), capabilities(), context, false);
        }
    }

    /** {@code platform: down}. */
    public static final class Down implements CatalogAdapterFactory {
        @Override
        public String name() {
            return "down";
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(
                    Capability.WRITE,
                    Capability.LINEAGE,
                    Capability.COLUMN_LINEAGE,
                    Capability.OWNERSHIP,
                    Capability.DELETE);
        }

        @Override
        public CatalogAdapter create(Settings settings, PluginContext context) {
            return new EditLogCatalog(name(), capabilities(), context, true);
        }
    }
}
