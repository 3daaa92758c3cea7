package io.lumos.cli.commands;

import io.lumos.cli.output.ConsoleText;
import io.lumos.cli.output.Format;
import io.lumos.cli.output.Table;
import io.lumos.domain.Dataset;
import io.lumos.domain.Field;
import io.lumos.domain.Owner;
import io.lumos.json.ModelJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** How datasets print, as a table for people or JSON (PRODUCT §6) for programs. */
final class DatasetPrinter {
    private DatasetPrinter() {}

    static void datasets(PrintWriter out, List<Dataset> datasets, Format format) {
        if (format == Format.JSON) {
            try {
                ModelJson.writeDatasets(out, datasets, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
            return;
        }
        Table t = new Table("DATASET", "SUBTYPE", "FIELDS", "ROWS", "OWNERS", "VERSION");
        for (Dataset d : datasets) {
            t.row(
                    d.id().shortName(),
                    d.subtype(),
                    d.allFields().size(),
                    d.statistics().rowCount() == null ? "" : d.statistics().rowCount(),
                    d.owners().stream().map(Owner::name).collect(Collectors.joining(",")),
                    d.version() == null
                            ? ""
                            : d.version().schemaVersion() + " (" + d.version().cloudVersion() + ")");
        }
        t.print(out);
    }

    /** One dataset with its schema, nested fields indented. */
    static void dataset(PrintWriter out, Dataset d, Format format) {
        if (format == Format.JSON) {
            datasets(out, List.of(d), format);
            return;
        }
        out.println(ConsoleText.escape(d.id().shortName()) + "  (" + ConsoleText.escape(d.id().urn()) + ")");
        line(out, "subtype", d.subtype());
        line(out, "description", d.description());
        line(out, "location", d.location());
        line(out, "rows", d.statistics().rowCount());
        line(out, "size", d.statistics().sizeBytes());
        line(
                out,
                "owners",
                d.owners().isEmpty()
                        ? null
                        : d.owners().stream()
                                .map(o -> o.name() + " (" + o.type() + ")")
                                .collect(Collectors.joining(", ")));
        line(out, "tags", d.tags().isEmpty() ? null : String.join(", ", d.tags()));
        line(out, "domain", d.domain());
        if (d.status() != io.lumos.domain.DatasetStatus.ACTIVE) {
            io.lumos.domain.Lifecycle l = io.lumos.domain.Lifecycle.of(d);
            line(
                    out,
                    "status",
                    d.status().label()
                            + (l.decommissionOn() == null ? "" : " until " + l.decommissionOn())
                            + (l.note() == null ? "" : ": " + l.note()));
        }
        line(
                out,
                "version",
                d.version() == null
                        ? null
                        : d.version().schemaVersion() + " (" + d.version().cloudVersion() + ", "
                                + d.version().changeType() + ")");
        out.println();
        Table t = new Table("FIELD", "TYPE", "NULLABLE", "KEY", "DESCRIPTION");
        for (Field f : d.allFields()) {
            int depth = f.path().length() - f.path().replace(".", "").length();
            t.row(
                    "  ".repeat(depth) + f.name(),
                    f.type().print(),
                    f.nullable() ? "yes" : "no",
                    keys(f),
                    f.description());
        }
        t.print(out);
    }

    /** The KEY column: primary, partition and foreign keys, the last with what each references. */
    static String keys(Field f) {
        List<String> keys = new java.util.ArrayList<>();
        if (f.primaryKey()) {
            keys.add("PK");
        }
        if (f.partitionKey()) {
            keys.add("partition");
        }
        String datasets = f.properties().get("foreign_key.dataset");
        String columns = f.properties().get("foreign_key.column");
        if (datasets != null && columns != null) {
            // -1: every position kept, so a dataset and its column stay paired
            String[] ds = datasets.split(", ", -1);
            String[] cs = columns.split(", ", -1);
            for (int i = 0; i < ds.length; i++) {
                keys.add("FK " + ds[i] + (i < cs.length ? "." + cs[i] : ""));
            }
        } else if (f.properties().get("foreignKey") != null) {
            keys.add("FK " + f.properties().get("foreignKey").replace('#', '.'));
        }
        return String.join(", ", keys);
    }

    /** The last run that wrote a dataset, under its schema. */
    static void lastRun(PrintWriter out, io.lumos.spi.run.RunRecord r) {
        out.println();
        out.println("last run that wrote it: " + r.namespace() + "/" + r.job() + " " + r.state() + " at "
                + (r.endedAt() == null ? r.startedAt() : r.endedAt()) + " (run " + r.runId() + ")");
        out.flush();
    }

    /** A dataset no source scanned, known only because runs read or wrote it. */
    static void runOnly(
            PrintWriter out,
            io.lumos.domain.DatasetId id,
            io.lumos.spi.run.RunRecord wrote,
            io.lumos.spi.run.RunRecord read,
            Format format) {
        if (format == Format.JSON) {
            var n = ModelJson.mapper().createObjectNode();
            n.put("id", id.urn());
            n.put("knownFrom", "runs");
            n.put("lastRunThatWrote", wrote == null ? null : wrote.runId().toString());
            n.put("lastRunThatRead", read == null ? null : read.runId().toString());
            out.println(n.toPrettyString());
            out.flush();
            return;
        }
        out.println(id.shortName() + "  (" + id.urn() + ")");
        out.println("  known only from runs: no source has scanned it, so there is no schema to show");
        if (wrote != null) {
            line(
                    out,
                    "written by",
                    wrote.namespace() + "/" + wrote.job() + " " + wrote.state() + " (run " + wrote.runId() + ")");
        }
        if (read != null) {
            line(
                    out,
                    "read by",
                    read.namespace() + "/" + read.job() + " " + read.state() + " (run " + read.runId() + ")");
        }
        out.flush();
    }

    private static void line(PrintWriter out, String label, Object value) {
        if (value != null) {
            out.printf("  %-12s %s%n", label, ConsoleText.escape(String.valueOf(value)));
        }
    }
}
