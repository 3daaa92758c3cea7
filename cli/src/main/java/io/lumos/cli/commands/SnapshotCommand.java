package io.lumos.cli.commands;

import io.lumos.cli.BaseCommand;
import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.json.ModelJson;
import io.lumos.spi.Capability;
import io.lumos.spi.CatalogAdapter;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "snapshot",
        description = "The whole catalog as one portable JSON file, and back into any catalog.",
        subcommands = {SnapshotCommand.Export.class, SnapshotCommand.Import.class},
        footerHeading = "%nExamples:%n",
        footer = {"  lumos snapshot export -o main.json", "  lumos snapshot import main.json --catalog-path other.db"})
public final class SnapshotCommand {

    /** Reads a snapshot file, with a user error when it is missing or not a snapshot. */
    public static CatalogSnapshot read(Path file) {
        return read(file, null);
    }

    /** As {@link #read(Path)}, recording where datasets and fields are when {@code lines} is not null. */
    public static CatalogSnapshot read(Path file, io.lumos.json.SnapshotLineRecorder lines) {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return ModelJson.readSnapshot(in, file.toString(), lines);
        } catch (NoSuchFileException e) {
            throw new LumosException(ErrorCode.USAGE, file + ": no such snapshot file");
        } catch (IOException e) {
            throw new LumosException(ErrorCode.USAGE, file + ": " + io.lumos.spi.IoProblems.describe(e));
        }
    }

    @Command(
            name = "export",
            description = "Write the catalog to a snapshot file (stable: same catalog, same bytes).",
            footerHeading = "%nExamples:%n",
            footer = {
                "  lumos snapshot export -o main.json",
                "  lumos snapshot export --platform datahub -c datahub.yaml -o dh.json"
            })
    public static final class Export extends BaseCommand {
        @Option(
                names = {"-o", "--output"},
                required = true,
                paramLabel = "FILE",
                description = "Output file, or - for stdout")
        String output;

        @Override
        public Integer call() throws IOException {
            CatalogAdapter catalog = session().catalog();
            if (!catalog.can(Capability.EXPORT) && !catalog.can(Capability.READ)) {
                throw LumosException.unsupported(catalog.name(), Capability.EXPORT);
            }
            CatalogSnapshot snapshot = catalog.export();
            if (output.equals("-")) {
                OutputStream out = new java.io.FilterOutputStream(System.out) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                out().flush();
                ModelJson.writeSnapshot(out, snapshot);
                out.flush();
                return 0;
            }
            Path file = runtime.resolve(Path.of(output));
            // Write beside and rename, so a reader never sees half a snapshot.
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    ModelJson.writeSnapshot(out, snapshot);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the folder itself is what failed; there is no half-written file to clean up
                }
                throw LumosException.cannotWrite("the snapshot", Path.of(output), e);
            }
            note("exported " + snapshot.datasets().size() + " dataset(s), "
                    + snapshot.lineage().size()
                    + " lineage edge(s), "
                    + snapshot.versions().values().stream().mapToInt(List::size).sum()
                    + " version(s) from " + catalog.name() + " to " + output);
            return 0;
        }
    }

    @Command(
            name = "import",
            description = "Write a snapshot into the catalog (any platform).",
            footerHeading = "%nExamples:%n",
            footer = {
                "  lumos snapshot import main.json --catalog-path other.db",
                "  lumos snapshot import main.json -c datahub.yaml --dry-run"
            })
    public static final class Import extends BaseCommand {
        @Parameters(paramLabel = "FILE", description = "A snapshot file (snapshot export writes them)")
        Path file;

        @Option(names = "--dry-run", description = "Show what would be written, write nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            CatalogSnapshot snapshot = read(runtime.resolve(file));
            int versions =
                    snapshot.versions().values().stream().mapToInt(List::size).sum();
            if (dryRun) {
                out().println("would import " + snapshot.datasets().size() + " dataset(s), "
                        + snapshot.lineage().size() + " lineage edge(s), " + versions + " version(s)");
                for (CatalogAdapter c : session().catalogs()) {
                    List<String> lost = lost(c, snapshot);
                    if (!lost.isEmpty()) {
                        out().println("  " + c.name() + " cannot hold: " + String.join(", ", lost));
                    }
                }
                return 0;
            }
            for (CatalogAdapter c : session().catalogs()) {
                c.writeDatasets(snapshot.datasets());
                if (c.can(Capability.LINEAGE) && !snapshot.lineage().isEmpty()) {
                    c.writeLineage(snapshot.lineage());
                }
                if (c.can(Capability.VERSIONS)) {
                    for (Map.Entry<DatasetId, List<DatasetVersion>> e :
                            snapshot.versions().entrySet()) {
                        var current = snapshot.datasets().stream()
                                .filter(d -> d.id().equals(e.getKey()))
                                .findFirst();
                        if (current.isEmpty()) {
                            continue;
                        }
                        for (DatasetVersion v : e.getValue()) {
                            c.writeVersion(current.get().withVersion(v), v);
                        }
                    }
                }
                c.flush();
                List<String> lost = lost(c, snapshot);
                note("imported " + snapshot.datasets().size() + " dataset(s) into " + c.name()
                        + (lost.isEmpty()
                                ? ""
                                : "; it cannot hold: " + String.join(", ", lost) + " (diff a re-export against " + file
                                        + " for the details)"));
            }
            return 0;
        }

        private static List<String> lost(CatalogAdapter c, CatalogSnapshot s) {
            List<String> lost = new ArrayList<>();
            if (!c.can(Capability.LINEAGE) && !s.lineage().isEmpty()) {
                lost.add(s.lineage().size() + " lineage edge(s)");
            }
            if (!c.can(Capability.COLUMN_LINEAGE)
                    && s.lineage().stream().anyMatch(e -> !e.columns().isEmpty())) {
                lost.add("column lineage");
            }
            if (!c.can(Capability.VERSIONS) && !s.versions().isEmpty()) {
                lost.add("version history");
            }
            return lost;
        }
    }
}
