package io.lumos.export.parts;

import static io.lumos.export.parts.ExtractionContext.join;
import static io.lumos.export.table.Column.integer;
import static io.lumos.export.table.Column.money;
import static io.lumos.export.table.Column.percent;
import static io.lumos.export.table.Column.text;

import io.lumos.domain.cost.CostFlow;
import io.lumos.domain.cost.CostTotal;
import io.lumos.domain.cost.DatasetCost;
import io.lumos.export.table.Table;
import java.util.List;
import java.util.Locale;

/** The tables of the cost extract: each dataset's cost, the flows along lineage, and totals by domain and owner. */
public final class CostParts {
    private CostParts() {}

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
                                c.dataset().shortName(),
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
                                f.from().shortName(),
                                f.to().shortName(),
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
}
