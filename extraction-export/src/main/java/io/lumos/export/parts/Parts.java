package io.lumos.export.parts;

import static io.lumos.export.parts.ExtractionContext.join;
import static io.lumos.export.table.Column.bool;
import static io.lumos.export.table.Column.date;
import static io.lumos.export.table.Column.decimal;
import static io.lumos.export.table.Column.integer;
import static io.lumos.export.table.Column.money;
import static io.lumos.export.table.Column.percent;
import static io.lumos.export.table.Column.text;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.ColumnMapping;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.DatasetVersion;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.domain.cost.CostFlow;
import io.lumos.domain.cost.CostTotal;
import io.lumos.domain.cost.DatasetCost;
import io.lumos.domain.health.Criterion;
import io.lumos.domain.health.DatasetHealth;
import io.lumos.domain.health.HealthRollup;
import io.lumos.export.diff.SnapshotChanges;
import io.lumos.export.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The tables each extraction type is made of. Rows are generated when a writer pulls them. */
public final class Parts {
    private Parts() {}

    public static String name(DatasetId id) {
        return id.shortName();
    }

    private static String owners(Dataset d) {
        return join(d.owners().stream().map(Owner::name).distinct().toList());
    }

    // ------------------------------------------------------------------ schema

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
                                name(d.id()),
                                d.id().urn(),
                                d.platform(),
                                d.name(),
                                d.subtype(),
                                d.id().env(),
                                d.description(),
                                d.domain(),
                                d.status().label(),
                                owners(d),
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
                        String ds = name(d.id());
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

    // ------------------------------------------------------------------ lineage

    public static Table lineage(ExtractionContext ctx) {
        List<LineageEdge> edges = ctx.snapshot().lineage();
        return new Table(
                "Lineage",
                "lineage",
                List.of(
                        text("upstream", "Upstream"),
                        text("downstream", "Downstream"),
                        text("type", "Type"),
                        decimal("confidence", "Confidence"),
                        integer("columnMappings", "Column mappings"),
                        text("createdBy", "Created by"),
                        date("createdAt", "Created at (UTC)"),
                        text("upstreamUrn", "Upstream URN"),
                        text("downstreamUrn", "Downstream URN")),
                sink -> {
                    for (LineageEdge e : edges) {
                        sink.row(
                                name(e.upstream()),
                                name(e.downstream()),
                                e.type().name(),
                                e.confidence(),
                                (long) e.columns().size(),
                                e.createdBy(),
                                e.createdAt(),
                                e.upstream().urn(),
                                e.downstream().urn());
                    }
                });
    }

    public static Table columnLineage(ExtractionContext ctx) {
        List<LineageEdge> edges = ctx.snapshot().lineage();
        return new Table(
                "Column lineage",
                "column_lineage",
                List.of(
                        text("upstream", "Upstream"),
                        text("upstreamColumns", "Upstream columns"),
                        text("downstream", "Downstream"),
                        text("downstreamColumn", "Downstream column"),
                        text("transformation", "Transformation"),
                        text("type", "Edge type"),
                        decimal("confidence", "Confidence"),
                        text("createdBy", "Created by"),
                        date("createdAt", "Created at (UTC)")),
                sink -> {
                    for (LineageEdge e : edges) {
                        for (ColumnMapping m : e.columns()) {
                            sink.row(
                                    name(e.upstream()),
                                    String.join(", ", m.upstreamColumns()),
                                    name(e.downstream()),
                                    m.downstreamColumn(),
                                    m.transformation(),
                                    e.type().name(),
                                    e.confidence(),
                                    e.createdBy(),
                                    e.createdAt());
                        }
                    }
                });
    }

    // ------------------------------------------------------------------ governance

    public static Table governance(ExtractionContext ctx) {
        CatalogSnapshot s = ctx.snapshot();
        return new Table(
                "Governance",
                "governance",
                List.of(
                        text("dataset", "Dataset"),
                        text("domain", "Domain"),
                        text("status", "Status"),
                        integer("ownerCount", "Owner count"),
                        text("owners", "Owners"),
                        text("ownershipTypes", "Ownership types"),
                        text("tags", "Tags"),
                        text("glossaryTerms", "Glossary terms"),
                        bool("hasOwner", "Has owner"),
                        bool("hasDescription", "Has description")),
                sink -> {
                    for (Dataset d : s.datasets()) {
                        sink.row(
                                name(d.id()),
                                d.domain(),
                                d.status().label(),
                                (long) d.owners().size(),
                                owners(d),
                                join(d.owners().stream()
                                        .map(Owner::type)
                                        .distinct()
                                        .sorted()
                                        .toList()),
                                join(d.tags()),
                                join(d.glossaryTerms()),
                                !d.owners().isEmpty(),
                                d.description() != null);
                    }
                });
    }

    public static Table owners(ExtractionContext ctx) {
        CatalogSnapshot s = ctx.snapshot();
        return new Table(
                "Owners",
                "owners",
                List.of(
                        text("dataset", "Dataset"),
                        text("owner", "Owner"),
                        text("ownerUrn", "Owner URN"),
                        text("kind", "User or group"),
                        text("ownershipType", "Ownership type"),
                        bool("standardType", "Standard type"),
                        text("domain", "Domain")),
                sink -> {
                    for (Dataset d : s.datasets()) {
                        for (Owner o : d.owners()) {
                            sink.row(
                                    name(d.id()),
                                    o.name(),
                                    o.urn(),
                                    o.isGroup() ? "group" : "user",
                                    o.type(),
                                    o.isStandardType(),
                                    d.domain());
                        }
                    }
                });
    }

    /** The data products: one row per product, with its terms of use and the datasets it holds. */
    public static Table products(ExtractionContext ctx) {
        List<io.lumos.domain.DataProduct> products = ctx.products();
        return new Table(
                "Products",
                "products",
                List.of(
                        text("product", "Product"),
                        text("urn", "URN"),
                        text("description", "Description"),
                        text("domain", "Domain"),
                        text("owners", "Owners"),
                        integer("freshnessHours", "Freshness (hours)"),
                        text("compatibility", "Compatibility"),
                        text("support", "Support"),
                        integer("datasetCount", "Datasets"),
                        text("datasets", "Dataset list"),
                        text("declared", "Declared as")),
                sink -> {
                    for (io.lumos.domain.DataProduct p : products) {
                        io.lumos.domain.DataProduct.Terms t = p.terms();
                        sink.row(
                                p.name(),
                                p.urn(),
                                p.description(),
                                p.domain(),
                                join(p.owners().stream()
                                        .map(Owner::name)
                                        .distinct()
                                        .toList()),
                                t.freshnessHours() == null ? null : (long) t.freshnessHours(),
                                t.compatibility() == null
                                        ? null
                                        : t.compatibility().name(),
                                t.support(),
                                (long) p.assets().size(),
                                join(p.assets().stream().map(Parts::name).toList()),
                                join(p.datasets()));
                    }
                });
    }

    public static Table unowned(ExtractionContext ctx) {
        CatalogSnapshot s = ctx.snapshot();
        return new Table(
                "Unowned",
                "unowned",
                List.of(
                        text("dataset", "Dataset"),
                        text("platform", "Platform"),
                        text("domain", "Domain"),
                        text("status", "Status"),
                        text("description", "Description")),
                sink -> {
                    for (Dataset d : s.datasets()) {
                        if (d.owners().isEmpty()) {
                            sink.row(
                                    name(d.id()),
                                    d.platform(),
                                    d.domain(),
                                    d.status().label(),
                                    d.description());
                        }
                    }
                });
    }

    public static Table tagsAndTerms(ExtractionContext ctx) {
        CatalogSnapshot s = ctx.snapshot();
        return new Table(
                "Tags and terms",
                "tags_and_terms",
                List.of(
                        text("dataset", "Dataset"),
                        text("field", "Field"),
                        text("kind", "Kind"),
                        text("value", "Value")),
                sink -> {
                    for (Dataset d : s.datasets()) {
                        String ds = name(d.id());
                        d.tags().forEach(t -> sink.row(ds, null, "tag", t));
                        d.glossaryTerms().forEach(t -> sink.row(ds, null, "glossary term", t));
                        for (Field f : d.allFields()) {
                            f.tags().forEach(t -> sink.row(ds, f.path(), "tag", t));
                        }
                    }
                });
    }

    // ------------------------------------------------------------------ properties

    public static Table properties(ExtractionContext ctx) {
        CatalogSnapshot s = ctx.snapshot();
        return new Table(
                "Properties",
                "properties",
                List.of(
                        text("dataset", "Dataset"),
                        text("scope", "Scope"),
                        text("field", "Field"),
                        text("key", "Key"),
                        text("value", "Value")),
                sink -> {
                    for (Dataset d : s.datasets()) {
                        String ds = name(d.id());
                        d.properties().forEach((k, v) -> sink.row(ds, "dataset", null, k, v));
                        for (Field f : d.allFields()) {
                            f.properties().forEach((k, v) -> sink.row(ds, "field", f.path(), k, v));
                        }
                    }
                });
    }

    // ------------------------------------------------------------------ health

    public static Table health(ExtractionContext ctx) {
        List<DatasetHealth> all = ctx.health().datasets();
        return new Table(
                "Health",
                "health",
                List.of(
                        text("dataset", "Dataset"),
                        decimal("score", "Score"),
                        text("grade", "Grade"),
                        decimal("description", "Description (" + w(ctx, Criterion.DESCRIPTION) + ")"),
                        decimal("owners", "Owners (" + w(ctx, Criterion.OWNERS) + ")"),
                        decimal(
                                "fieldDescriptions",
                                "Field descriptions (" + w(ctx, Criterion.FIELD_DESCRIPTIONS) + ")"),
                        decimal("tags", "Tags or terms (" + w(ctx, Criterion.TAGS) + ")"),
                        decimal("lineage", "Lineage (" + w(ctx, Criterion.LINEAGE) + ")"),
                        decimal("freshness", "Schema fresh (" + w(ctx, Criterion.FRESHNESS) + ")"),
                        text("owners", "Owner URNs"),
                        text("domain", "Domain"),
                        text("reasons", "Points lost because")),
                sink -> {
                    for (DatasetHealth h : all) {
                        sink.row(
                                name(h.dataset()),
                                h.score(),
                                h.grade(),
                                h.criterion(Criterion.DESCRIPTION).points(),
                                h.criterion(Criterion.OWNERS).points(),
                                h.criterion(Criterion.FIELD_DESCRIPTIONS).points(),
                                h.criterion(Criterion.TAGS).points(),
                                h.criterion(Criterion.LINEAGE).points(),
                                h.criterion(Criterion.FRESHNESS).points(),
                                join(h.owners()),
                                h.domain(),
                                h.reasons().isEmpty() ? null : String.join("; ", h.reasons()));
                    }
                });
    }

    private static String w(ExtractionContext ctx, Criterion c) {
        double v = ctx.health().datasets().isEmpty()
                ? c.weight(io.lumos.domain.health.HealthWeights.DEFAULT)
                : ctx.health().datasets().get(0).criterion(c).weight();
        return (v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v)) + " pts";
    }

    public static Table healthRollup(ExtractionContext ctx, boolean byOwner) {
        List<HealthRollup> rows =
                byOwner ? ctx.health().byOwner() : ctx.health().byDomain();
        String what = byOwner ? "Owner" : "Domain";
        return new Table(
                "Health by " + what.toLowerCase(Locale.ROOT),
                "health_by_" + what.toLowerCase(Locale.ROOT),
                List.of(
                        text("group", what),
                        integer("datasets", "Datasets"),
                        decimal("averageScore", "Average score"),
                        text("grade", "Grade"),
                        decimal("minScore", "Lowest score"),
                        decimal("maxScore", "Highest score"),
                        integer("belowHalf", "Datasets under 50")),
                sink -> {
                    for (HealthRollup r : rows) {
                        sink.row(
                                r.group(),
                                (long) r.datasets(),
                                r.averageScore(),
                                r.grade(),
                                r.minScore(),
                                r.maxScore(),
                                (long) r.belowHalf());
                    }
                });
    }

    // ------------------------------------------------------------------ profiling

    public static Table profile(ExtractionContext ctx) {
        CatalogSnapshot s = ctx.snapshot();
        return new Table(
                "Profile",
                "profile",
                List.of(
                        text("dataset", "Dataset"),
                        text("platform", "Platform"),
                        integer("rowCount", "Row count"),
                        integer("sizeBytes", "Size (bytes)"),
                        decimal("sizeMb", "Size (MB)"),
                        date("lastModified", "Last modified (UTC)"),
                        integer("fields", "Fields"),
                        integer("nullableFields", "Nullable fields"),
                        integer("profiledFields", "Fields with statistics")),
                sink -> {
                    for (Dataset d : s.datasets()) {
                        List<Field> all = d.allFields();
                        long nullable = all.stream().filter(Field::nullable).count();
                        long profiled = all.stream()
                                .filter(f -> !f.properties().isEmpty())
                                .count();
                        Long size = d.statistics().sizeBytes();
                        sink.row(
                                name(d.id()),
                                d.platform(),
                                d.statistics().rowCount(),
                                size,
                                size == null ? null : Math.round(size / 10485.76) / 100.0,
                                d.statistics().lastModified(),
                                (long) all.size(),
                                nullable,
                                profiled);
                    }
                });
    }

    /** Keys a source may use for the share of sampled records that have the field. */
    static final List<String> PRESENCE_KEYS = List.of("presence", "presence.share", "presenceShare", "presence_share");

    public static Table fieldProfile(ExtractionContext ctx) {
        CatalogSnapshot s = ctx.snapshot();
        return new Table(
                "Field profile",
                "field_profile",
                List.of(
                        text("dataset", "Dataset"),
                        text("path", "Path"),
                        text("type", "Type"),
                        bool("nullable", "Nullable"),
                        percent("presence", "Presence"),
                        text("statistics", "Other statistics")),
                sink -> {
                    for (Dataset d : s.datasets()) {
                        String ds = name(d.id());
                        for (Field f : d.allFields()) {
                            if (f.properties().isEmpty()) {
                                continue;
                            }
                            Double presence = null;
                            String presenceKey = null;
                            for (String k : PRESENCE_KEYS) {
                                String raw = f.properties().get(k);
                                if (raw != null) {
                                    presence = share(raw);
                                    presenceKey = presence == null ? null : k;
                                    break;
                                }
                            }
                            String key = presenceKey;
                            String other = f.properties().entrySet().stream()
                                    .filter(e -> !e.getKey().equals(key))
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining("; "));
                            sink.row(
                                    ds,
                                    f.path(),
                                    f.type().print(),
                                    f.nullable(),
                                    presence,
                                    other.isEmpty() ? null : other);
                        }
                    }
                });
    }

    /** {@code 0.75}, {@code 75%} or {@code 75} (read as percent when above 1). */
    static Double share(String raw) {
        String t = raw.strip();
        boolean pct = t.endsWith("%");
        if (pct) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            double v = Double.parseDouble(t);
            return pct || v > 1 ? v / 100 : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ impact

    public static Table impact(ExtractionContext ctx) {
        ImpactAnalysis a = ctx.impact();
        return new Table(
                "Impact",
                "impact",
                List.of(
                        text("dataset", "Dataset"),
                        integer("direct", "Direct downstream"),
                        integer("indirect", "Indirect downstream"),
                        integer("total", "Total downstream"),
                        integer("maxDepth", "Longest chain"),
                        text("criticalPath", "Most critical path")),
                sink -> {
                    for (ImpactAnalysis.Entry e : a.entries()) {
                        sink.row(
                                name(e.dataset()),
                                (long) e.direct(),
                                (long) e.indirect(),
                                (long) e.total(),
                                (long) e.maxDepth(),
                                e.paths().isEmpty() ? null : path(e.paths().get(0)));
                    }
                });
    }

    public static Table impactPaths(ExtractionContext ctx) {
        ImpactAnalysis a = ctx.impact();
        return new Table(
                "Impact paths",
                "impact_paths",
                List.of(
                        text("dataset", "Dataset"),
                        integer("rank", "Rank"),
                        text("reaches", "Reaches"),
                        integer("hops", "Hops"),
                        integer("reachesDownstream", "Reached dataset's own downstream"),
                        text("path", "Path")),
                sink -> {
                    for (ImpactAnalysis.Entry e : a.entries()) {
                        int rank = 1;
                        for (List<DatasetId> p : e.paths()) {
                            DatasetId end = p.get(p.size() - 1);
                            sink.row(
                                    name(e.dataset()),
                                    (long) rank++,
                                    name(end),
                                    (long) (p.size() - 1),
                                    (long) a.total(end),
                                    path(p));
                        }
                    }
                });
    }

    static String path(List<DatasetId> p) {
        return p.stream().map(DatasetId::shortName).collect(Collectors.joining(" \u2192 "));
    }

    // ------------------------------------------------------------------ versions

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
                                name(id),
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

    // ------------------------------------------------------------------ runs

    /** Pipeline runs (lumos run, Lumos.track), newest first: one row per run with its latest state. */
    public static Table runs(ExtractionContext ctx) {
        List<io.lumos.spi.run.RunRecord> runs = ctx.runs() == null ? List.of() : ctx.runs();
        return new Table(
                "Runs",
                "runs",
                List.of(
                        text("runId", "Run"),
                        text("namespace", "Namespace"),
                        text("job", "Job"),
                        text("state", "State"),
                        date("startedAt", "Started (UTC)"),
                        date("endedAt", "Ended (UTC)"),
                        integer("durationMs", "Duration (ms)"),
                        integer("exitCode", "Exit code"),
                        text("inputs", "Inputs"),
                        text("outputs", "Outputs"),
                        text("parent", "Parent run"),
                        text("error", "Error")),
                sink -> {
                    for (io.lumos.spi.run.RunRecord r : runs) {
                        sink.row(
                                r.runId().toString(),
                                r.namespace(),
                                r.job(),
                                r.state().name(),
                                r.startedAt(),
                                r.endedAt(),
                                r.duration() == null ? null : r.duration().toMillis(),
                                r.exitCode() == null ? null : r.exitCode().longValue(),
                                r.inputs().stream().map(Parts::name).collect(Collectors.joining(", ")),
                                r.outputs().stream().map(Parts::name).collect(Collectors.joining(", ")),
                                r.parent() == null ? null : r.parent().toString(),
                                r.error());
                    }
                });
    }

    // ------------------------------------------------------------------ diff

    public static Table changes(ExtractionContext ctx) {
        List<SnapshotChanges.Change> changes = SnapshotChanges.compare(ctx.baseline(), ctx.snapshot());
        return new Table(
                "Changes",
                "changes",
                List.of(
                        text("change", "Change"),
                        text("dataset", "Dataset"),
                        text("path", "Field"),
                        text("before", "Before"),
                        text("after", "After")),
                sink -> {
                    for (SnapshotChanges.Change c : changes) {
                        sink.row(c.kind().label(), name(c.dataset()), c.path(), c.before(), c.after());
                    }
                });
    }

    // ------------------------------------------------------------------ cost

    public static Table cost(ExtractionContext ctx) {
        List<DatasetCost> costs = ctx.cost().datasets();
        return new Table(
                "Cost",
                "cost",
                List.of(
                        text("dataset", "Dataset"),
                        money("direct", "Own cost"),
                        text("source", "Cost given by"),
                        money("received", "Received from upstream"),
                        money("passedOn", "Passed on downstream"),
                        money("attributed", "Attributed cost"),
                        text("owners", "Owner URNs"),
                        text("domain", "Domain")),
                sink -> {
                    for (DatasetCost c : costs) {
                        sink.row(
                                name(c.dataset()),
                                c.direct(),
                                c.source(),
                                c.received(),
                                c.passedOn(),
                                c.attributed(),
                                join(c.owners()),
                                c.domain());
                    }
                });
    }

    public static Table costFlows(ExtractionContext ctx) {
        List<CostFlow> flows = ctx.cost().flows();
        return new Table(
                "Cost flows",
                "cost_flows",
                List.of(
                        text("from", "From"),
                        text("to", "To"),
                        percent("share", "Share"),
                        money("amount", "Amount"),
                        text("split", "Split")),
                sink -> {
                    for (CostFlow f : flows) {
                        sink.row(
                                name(f.from()),
                                name(f.to()),
                                f.share(),
                                f.amount(),
                                f.declared() ? "declared" : "equal");
                    }
                });
    }

    public static Table costTotals(ExtractionContext ctx, boolean byOwner) {
        List<CostTotal> rows = byOwner ? ctx.cost().byOwner() : ctx.cost().byDomain();
        String what = byOwner ? "Owner" : "Domain";
        return new Table(
                "Cost by " + what.toLowerCase(Locale.ROOT),
                "cost_by_" + what.toLowerCase(Locale.ROOT),
                List.of(
                        text("group", what),
                        integer("datasets", "Datasets"),
                        money("direct", "Own cost"),
                        money("attributed", "Attributed cost")),
                sink -> {
                    for (CostTotal t : rows) {
                        sink.row(t.group(), (long) t.datasets(), t.direct(), t.attributed());
                    }
                });
    }

    // ------------------------------------------------------------------ summary

    public static Table summary(ExtractionContext ctx) {
        return new Table(
                "Summary",
                "summary",
                List.of(
                        text("section", "Section"),
                        text("name", "Name"),
                        integer("datasets", "Datasets"),
                        integer("fields", "Fields"),
                        percent("share", "Share"),
                        decimal("value", "Value"),
                        text("note", "Note")),
                sink -> Summary.rows(ctx, sink));
    }

    /** A helper to make row lists for tests and small parts. */
    static List<Object[]> collect(Table t) {
        List<Object[]> out = new ArrayList<>();
        t.rows().accept(values -> out.add(values.clone()));
        return out;
    }
}
