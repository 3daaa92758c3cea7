package io.lumos.export;

import io.lumos.export.parts.ChangeParts;
import io.lumos.export.parts.ChartParts;
import io.lumos.export.parts.CostParts;
import io.lumos.export.parts.ExtractionContext;
import io.lumos.export.parts.GovernanceParts;
import io.lumos.export.parts.HealthParts;
import io.lumos.export.parts.LineageParts;
import io.lumos.export.parts.ProfileParts;
import io.lumos.export.parts.RunParts;
import io.lumos.export.parts.SchemaParts;
import io.lumos.export.parts.Summary;
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
            case SCHEMA -> List.of(SchemaParts.datasets(ctx), SchemaParts.fields(ctx));
            case LINEAGE -> List.of(LineageParts.lineage(ctx), LineageParts.columnLineage(ctx));
            case GOVERNANCE ->
                List.of(
                        GovernanceParts.governance(ctx),
                        GovernanceParts.owners(ctx),
                        GovernanceParts.unowned(ctx),
                        GovernanceParts.tagsAndTerms(ctx),
                        GovernanceParts.products(ctx));
            case PROPERTIES -> List.of(GovernanceParts.properties(ctx));
            case USAGE -> List.of(UsageParts.usage(ctx), UsageParts.unused(ctx), UsageParts.usageHistory(ctx));
            case ASSERTIONS -> List.of(UsageParts.assertions(ctx), UsageParts.assertionHistory(ctx));
            case QUALITY, HEALTH ->
                List.of(
                        HealthParts.health(ctx),
                        HealthParts.healthRollup(ctx, true),
                        HealthParts.healthRollup(ctx, false));
            case PROFILING -> List.of(ProfileParts.profile(ctx), ProfileParts.fieldProfile(ctx));
            case IMPACT -> List.of(LineageParts.impact(ctx), LineageParts.impactPaths(ctx));
            case METADATA_DIFF -> {
                if (ctx.baseline() == null) {
                    throw new LumosException(
                            ErrorCode.USAGE,
                            "extract -t metadata_diff needs an older snapshot to compare with; pass --baseline SNAPSHOT.json");
                }
                yield List.of(ChangeParts.changes(ctx));
            }
            case COST ->
                List.of(
                        CostParts.cost(ctx),
                        CostParts.costFlows(ctx),
                        CostParts.costTotals(ctx, true),
                        CostParts.costTotals(ctx, false));
            case COMPREHENSIVE -> {
                List<Table> all = new ArrayList<>();
                all.add(Summary.table(ctx));
                all.add(ChartParts.charts(ctx));
                all.add(SchemaParts.datasets(ctx));
                all.add(SchemaParts.fields(ctx));
                all.add(LineageParts.lineage(ctx));
                all.add(LineageParts.columnLineage(ctx));
                all.add(GovernanceParts.governance(ctx));
                all.add(GovernanceParts.owners(ctx));
                all.add(GovernanceParts.unowned(ctx));
                all.add(GovernanceParts.tagsAndTerms(ctx));
                all.add(GovernanceParts.products(ctx));
                all.add(GovernanceParts.properties(ctx));
                all.add(HealthParts.health(ctx));
                all.add(HealthParts.healthRollup(ctx, true));
                all.add(HealthParts.healthRollup(ctx, false));
                all.add(ProfileParts.profile(ctx));
                all.add(ProfileParts.fieldProfile(ctx));
                all.add(LineageParts.impact(ctx));
                all.add(LineageParts.impactPaths(ctx));
                all.add(SchemaParts.versions(ctx));
                all.add(UsageParts.usage(ctx));
                all.add(UsageParts.unused(ctx));
                all.add(UsageParts.assertions(ctx));
                if (ctx.runs() != null) {
                    all.add(RunParts.runs(ctx));
                }
                all.add(CostParts.cost(ctx));
                all.add(CostParts.costFlows(ctx));
                all.add(CostParts.costTotals(ctx, true));
                all.add(CostParts.costTotals(ctx, false));
                if (ctx.baseline() != null) {
                    all.add(ChangeParts.changes(ctx));
                }
                yield all;
            }
        };
    }
}
