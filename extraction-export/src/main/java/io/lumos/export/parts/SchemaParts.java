package io.lumos.export.parts;

import static io.lumos.export.parts.ExtractionContext.join;
import static io.lumos.export.parts.ExtractionContext.ownerNames;
import static io.lumos.export.table.Column.bool;
import static io.lumos.export.table.Column.date;
import static io.lumos.export.table.Column.integer;
import static io.lumos.export.table.Column.text;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.export.table.Table;
import java.util.List;
import java.util.Map;

/** The tables of the schema extract: datasets, their fields, and each dataset's versions. */
public final class SchemaParts {
    private SchemaParts() {}

    public static Table datasets(ExtractionContext ctx) {
        CatalogSnapshot s = ctx.snapshot();
        return new Table(
                "Datasets",
                "datasets",
                List.of(
                        text("dataset", "Dataset"),
                        text("urn", "URN"),
                        text("platform", "Platform"),
                        text("name", "Name"),
                        text("subtype", "Subtype"),
                        text("env", "Env"),
                        text("description", "Description"),
                        text("domain", "Domain"),
                        text("status", "Status"),
                        text("owners", "Owners"),
                        text("tags", "Tags"),
                        text("glossaryTerms", "Glossary terms"),
                        integer("fields", "Fields"),
                        integer("rowCount", "Row count"),
                        integer("sizeBytes", "Size (bytes)"),
                        date("lastModified", "Last modified (UTC)"),
                        text("location", "Location"),
                        text("version", "Version"),
                        text("schemaVersion", "Schema version")),
                sink -> {
                    for (Dataset d : s.datasets()) {
                        DatasetVersion v = d.version();
                        sink.row(
                                d.id().shortName(),
                                d.id().urn(),
                                d.platform(),
                                d.name(),
                                d.subtype(),
                                d.id().env(),
                                d.description(),
                                d.domain(),
                                d.status().label(),
                                ownerNames(d),
                                join(d.tags()),
                                join(d.glossaryTerms()),
                                (long) d.allFields().size(),
                                d.statistics().rowCount(),
                                d.statistics().sizeBytes(),
                                d.statistics().lastModified(),
                                d.location(),
                                v == null ? null : v.cloudVersion(),
                                v == null ? null : v.schemaVersion().toString());
                    }
                });
    }

    public static Table fields(ExtractionContext ctx) {
        CatalogSnapshot s = ctx.snapshot();
        return new Table(
                "Fields",
                "fields",
                List.of(
                        text("dataset", "Dataset"),
                        text("path", "Path"),
                        text("name", "Name"),
                        integer("depth", "Depth"),
                        text("type", "Type"),
                        text("nativeType", "Native type"),
                        bool("nullable", "Nullable"),
                        text("keys", "Keys"),
                        text("description", "Description"),
                        text("tags", "Tags"),
                        text("default", "Default"),
                        text("identity", "Identity")),
                sink -> {
                    for (Dataset d : s.datasets()) {
                        String ds = d.id().shortName();
                        for (Field top : d.fields()) {
                            emitField(sink, ds, top, 0);
                        }
                    }
                });
    }

    private static void emitField(Table.RowSink sink, String ds, Field f, int depth) {
        String keys = f.primaryKey() && f.partitionKey()
                ? "primary, partition"
                : f.primaryKey() ? "primary" : f.partitionKey() ? "partition" : null;
        sink.row(
                ds,
                f.path(),
                f.name(),
                (long) depth,
                f.type().print(),
                f.nativeType(),
                f.nullable(),
                keys,
                f.description(),
                join(f.tags()),
                f.defaultValue(),
                f.identity());
        for (Field child : f.fields()) {
            emitField(sink, ds, child, depth + 1);
        }
    }

    public static Table versions(ExtractionContext ctx) {
        Map<DatasetId, List<DatasetVersion>> versions = ctx.snapshot().versions();
        return new Table(
                "Versions",
                "versions",
                List.of(
                        text("dataset", "Dataset"),
                        text("version", "Version"),
                        text("schemaVersion", "Schema version"),
                        date("timestamp", "Timestamp (UTC)"),
                        text("author", "Author"),
                        text("changeType", "Change type"),
                        text("changeDetails", "Change details"),
                        text("previousVersion", "Previous version")),
                sink -> versions.forEach((id, list) -> {
                    for (DatasetVersion v : list) {
                        sink.row(
                                id.shortName(),
                                v.cloudVersion(),
                                v.schemaVersion().toString(),
                                v.timestamp(),
                                v.author(),
                                v.changeType().name(),
                                v.changeDetails(),
                                v.previousVersion());
                    }
                }));
    }
}
