package io.lumos.export.parts;

import static io.lumos.export.table.Column.decimal;
import static io.lumos.export.table.Column.integer;
import static io.lumos.export.table.Column.percent;
import static io.lumos.export.table.Column.text;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.LineageEdge;
import io.lumos.domain.Owner;
import io.lumos.export.table.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Summary sheet: what is in the catalog, by platform, domain and owner, and how much of it is
 * described. Rows: Section, Name, Datasets, Fields, Share, Value, Note.
 */
public final class Summary {
    private Summary() {}

    /** The Summary sheet as a table. */
    public static Table table(ExtractionContext ctx) {
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
                sink -> rows(ctx, sink));
    }

    static void rows(ExtractionContext ctx, Table.RowSink sink) {
        CatalogSnapshot s = ctx.snapshot();
        int n = s.datasets().size();
        long fields = 0;
        long describedFields = 0;
        int described = 0;
        int owned = 0;
        int withDomain = 0;
        int tagged = 0;
        int linked = 0;
        Set<DatasetId> inLineage = new HashSet<>();
        long columnMappings = 0;
        for (LineageEdge e : s.lineage()) {
            inLineage.add(e.upstream());
            inLineage.add(e.downstream());
            columnMappings += e.columns().size();
        }
        Map<String, long[]> platforms = new TreeMap<>();
        Map<String, long[]> domains = new TreeMap<>();
        Map<String, long[]> owners = new TreeMap<>();
        for (Dataset d : s.datasets()) {
            List<Field> all = d.allFields();
            fields += all.size();
            for (Field f : all) {
                if (f.description() != null) {
                    describedFields++;
                }
            }
            described += d.description() != null ? 1 : 0;
            owned += d.owners().isEmpty() ? 0 : 1;
            withDomain += d.domain() != null ? 1 : 0;
            tagged += d.tags().isEmpty() && d.glossaryTerms().isEmpty() ? 0 : 1;
            linked += inLineage.contains(d.id()) ? 1 : 0;
            add(platforms, d.platform(), all.size());
            add(domains, d.domain() == null ? "(no domain)" : d.domain(), all.size());
            if (d.owners().isEmpty()) {
                add(owners, "(no owner)", all.size());
            } else {
                d.owners().stream().map(Owner::name).distinct().forEach(o -> add(owners, o, all.size()));
            }
        }
        sink.row("Catalog", "Datasets", (long) n, fields, null, null, null);
        sink.row(
                "Catalog", "Lineage edges", null, null, null, (long) s.lineage().size(), null);
        sink.row("Catalog", "Column mappings", null, null, null, columnMappings, null);
        sink.row(
                "Catalog",
                "Snapshot taken",
                null,
                null,
                null,
                null,
                s.createdAt().toString());
        group(sink, "By platform", platforms, n);
        group(sink, "By domain", domains, n);
        group(sink, "By owner", owners, n);
        coverage(sink, "Datasets with a description", described, n);
        coverage(sink, "Datasets with an owner", owned, n);
        coverage(sink, "Datasets with a domain", withDomain, n);
        coverage(sink, "Datasets with tags or terms", tagged, n);
        coverage(sink, "Datasets with lineage", linked, n);
        sink.row(
                "Coverage",
                "Fields with a description",
                null,
                describedFields,
                fields == 0 ? null : (double) describedFields / fields,
                null,
                null);
        sink.row(
                "Health",
                "Average health score",
                (long) n,
                null,
                null,
                Math.round(ctx.health().averageScore() * 10) / 10.0,
                "out of 100; see the Health sheet for the reasons");
        if (hasCosts(s)) {
            sink.row("Cost", "Total cost given", null, null, null, ctx.cost().totalDirect(), null);
        }
    }

    private static boolean hasCosts(CatalogSnapshot s) {
        for (Dataset d : s.datasets()) {
            if (d.properties().containsKey("cost") || d.properties().containsKey("cost.monthly")) {
                return true;
            }
        }
        return false;
    }

    private static void add(Map<String, long[]> m, String key, int fields) {
        long[] v = m.computeIfAbsent(key, k -> new long[2]);
        v[0]++;
        v[1] += fields;
    }

    private static void group(Table.RowSink sink, String section, Map<String, long[]> m, int n) {
        m.forEach((k, v) -> sink.row(section, k, v[0], v[1], n == 0 ? null : (double) v[0] / n, null, null));
    }

    private static void coverage(Table.RowSink sink, String name, int count, int n) {
        sink.row("Coverage", name, (long) count, null, n == 0 ? null : (double) count / n, null, null);
    }
}
