package io.lumos.export.parts;

import static io.lumos.export.parts.ExtractionContext.join;
import static io.lumos.export.parts.ExtractionContext.ownerNames;
import static io.lumos.export.table.Column.bool;
import static io.lumos.export.table.Column.integer;
import static io.lumos.export.table.Column.text;

import io.lumos.domain.CatalogSnapshot;
import io.lumos.domain.Dataset;
import io.lumos.domain.DatasetId;
import io.lumos.domain.Field;
import io.lumos.domain.Owner;
import io.lumos.export.table.Table;
import java.util.List;

/** The tables of the governance and properties extracts: ownership, tags and terms, products, properties. */
public final class GovernanceParts {
    private GovernanceParts() {}

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
                                d.id().shortName(),
                                d.domain(),
                                d.status().label(),
                                (long) d.owners().size(),
                                ownerNames(d),
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
                                    d.id().shortName(),
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
                                join(p.assets().stream()
                                        .map(DatasetId::shortName)
                                        .toList()),
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
                                    d.id().shortName(),
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
                        String ds = d.id().shortName();
                        d.tags().forEach(t -> sink.row(ds, null, "tag", t));
                        d.glossaryTerms().forEach(t -> sink.row(ds, null, "glossary term", t));
                        for (Field f : d.allFields()) {
                            f.tags().forEach(t -> sink.row(ds, f.path(), "tag", t));
                        }
                    }
                });
    }

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
                        String ds = d.id().shortName();
                        // a source's bookkeeping (OpenLineage's event time of each fact) is no metadata
                        d.properties().forEach((k, v) -> {
                            if (!k.startsWith(io.lumos.spi.CatalogView.STATE_PREFIX)) {
                                sink.row(ds, "dataset", null, k, v);
                            }
                        });
                        for (Field f : d.allFields()) {
                            f.properties().forEach((k, v) -> sink.row(ds, "field", f.path(), k, v));
                        }
                    }
                });
    }
}
