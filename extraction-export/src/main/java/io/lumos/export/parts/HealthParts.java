package io.lumos.export.parts;

import static io.lumos.export.parts.ExtractionContext.join;
import static io.lumos.export.table.Column.decimal;
import static io.lumos.export.table.Column.integer;
import static io.lumos.export.table.Column.text;

import io.lumos.domain.health.Criterion;
import io.lumos.domain.health.DatasetHealth;
import io.lumos.domain.health.HealthRollup;
import io.lumos.export.table.Table;
import java.util.List;
import java.util.Locale;

/** The tables of the health (quality) extract: each dataset's criteria and their rollups by domain and owner. */
public final class HealthParts {
    private HealthParts() {}

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
                                h.dataset().shortName(),
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
}
