package io.lumos.export;

import io.lumos.export.parts.ChartParts;
import io.lumos.export.parts.ExtractionContext;
import io.lumos.export.parts.Parts;
import io.lumos.export.parts.UsageParts;
import io.lumos.export.table.Table;
import io.lumos.spi.ErrorCode;
import io.lumos.spi.LumosException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The extraction types of {@code lumos extract -t TYPE} and the tables each is made of. */
public enum ExtractionType {
    COMPREHENSIVE,
    SCHEMA,
    LINEAGE,
    GOVERNANCE,
    PROPERTIES,
    USAGE,
    QUALITY,
    ASSERTIONS,
    HEALTH,
    PROFILING,
    IMPACT,
    METADATA_DIFF,
    COST;

    static final Set<String> TABLE_FORMATS = Set.of("xlsx", "csv", "json");
    static final Set<String> PICTURE_FORMATS = Set.of("html", "mermaid");

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean drawsPictures() {
        return this == LINEAGE || this == IMPACT;
    }

    public static ExtractionType parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ExtractionType type : values()) {
            if (type.label().equals(t)) {
                return type;
            }
        }
        throw new LumosException(ErrorCode.USAGE, "extract: unknown type '" + text + "'; use one of " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(ExtractionType::label).collect(Collectors.joining(", "));
    }

    public List<Table> tables(ExtractionContext ctx) {
        return switch (this) {
            case SCHEMA -> List.of(Parts.datasets(ctx), Parts.fields(ctx));
            case LINEAGE -> List.of(Parts.lineage(ctx), Parts.columnLineage(ctx));
            case GOVERNANCE ->
                List.of(
                        Parts.governance(ctx),
                        Parts.owners(ctx),
                        Parts.unowned(ctx),
                        Parts.tagsAndTerms(ctx),
                        Parts.products(ctx));
            case PROPERTIES -> List.of(Parts.properties(ctx));
            case USAGE -> List.of(UsageParts.usage(ctx), UsageParts.unused(ctx), UsageParts.usageHistory(ctx));
            case ASSERTIONS -> List.of(UsageParts.assertions(ctx), UsageParts.assertionHistory(ctx));
            case QUALITY, HEALTH ->
                List.of(Parts.health(ctx), Parts.healthRollup(ctx, true), Parts.healthRollup(ctx, false));
            case PROFILING -> List.of(Parts.profile(ctx), Parts.fieldProfile(ctx));
            case IMPACT -> List.of(Parts.impact(ctx), Parts.impactPaths(ctx));
            case METADATA_DIFF -> {
                if (ctx.baseline() == null) {
                    throw new LumosException(
                            ErrorCode.USAGE,
                            "extract -t metadata_diff needs an older snapshot to compare with; pass --baseline SNAPSHOT.json");
                }
                yield List.of(Parts.changes(ctx));
            }
            case COST ->
                List.of(
                        Parts.cost(ctx),
                        Parts.costFlows(ctx),
                        Parts.costTotals(ctx, true),
                        Parts.costTotals(ctx, false));
            case COMPREHENSIVE -> {
                List<Table> all = new ArrayList<>();
                all.add(Parts.summary(ctx));
                all.add(ChartParts.charts(ctx));
                all.add(Parts.datasets(ctx));
                all.add(Parts.fields(ctx));
                all.add(Parts.lineage(ctx));
                all.add(Parts.columnLineage(ctx));
                all.add(Parts.governance(ctx));
                all.add(Parts.owners(ctx));
                all.add(Parts.unowned(ctx));
                all.add(Parts.tagsAndTerms(ctx));
                all.add(Parts.products(ctx));
                all.add(Parts.properties(ctx));
                all.add(Parts.health(ctx));
                all.add(Parts.healthRollup(ctx, true));
                all.add(Parts.healthRollup(ctx, false));
                all.add(Parts.profile(ctx));
                all.add(Parts.fieldProfile(ctx));
                all.add(Parts.impact(ctx));
                all.add(Parts.impactPaths(ctx));
                all.add(Parts.versions(ctx));
                all.add(UsageParts.usage(ctx));
                all.add(UsageParts.unused(ctx));
                all.add(UsageParts.assertions(ctx));
                if (ctx.runs() != null) {
                    all.add(Parts.runs(ctx));
                }
                all.add(Parts.cost(ctx));
                all.add(Parts.costFlows(ctx));
                all.add(Parts.costTotals(ctx, true));
                all.add(Parts.costTotals(ctx, false));
                if (ctx.baseline() != null) {
                    all.add(Parts.changes(ctx));
                }
                yield all;
            }
        };
    }
}
